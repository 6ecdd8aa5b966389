using System.Text;
using ChatBot.Discord.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Commands;

/// <summary>`/help`: what the bot does and its commands, ephemerally.</summary>
public sealed class HelpCommand(IServiceProvider services) : DiscordCommand
{
    public override string Name => "help";
    public override string Description => "How to use the bot";

    public override Task<InteractionResponse> ExecuteAsync(DiscordCommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(InteractionResponse.Ephemeral(HelpText(services.GetServices<DiscordCommand>())));

    private static string Usage(IEnumerable<ApplicationCommandOption> options) =>
        string.Concat(options.Select(o => o.Required == true ? $" {o.Name}:<…>" : $" [{o.Name}:<…>]"));

    public static string HelpText(IEnumerable<DiscordCommand> commands)
    {
        var text = new StringBuilder("I answer questions about a curated set of news articles on US–Mexico security cooperation, ")
            .Append("quoting the passages I rely on and citing their sources. Numbers like [1] point to the sources under each answer.\n\n");
        var available = commands.Where(c => c.IsAvailable).ToList();
        foreach (var command in available)
        {
            var subCommands = command.Options.Where(o => o.Type == ApplicationCommandOption.SubCommandType).ToList();
            if (subCommands.Count == 0)
            {
                text.Append("• `/").Append(command.Name).Append(Usage(command.Options)).Append("` — ").Append(command.Description).Append('\n');
                continue;
            }
            text.Append("• ").Append(command.Description).Append(":\n");
            foreach (var sub in subCommands)
                text.Append("  ◦ `/").Append(command.Name).Append(' ').Append(sub.Name).Append(Usage(sub.Options ?? [])).Append("` — ").Append(sub.Description).Append('\n');
        }
        if (available.Any(c => c.Name == "quiz"))
            text.Append("\n**Quiz**: `/quiz` posts a question; pick A–D, or press *Answer* and type it. You see whether you were right, ")
                .Append("the passage that says so, and your score and streak (only to you).\n");
        if (available.Any(c => c.Name == "corpus"))
            text.Append("**Moderators** (Manage Server or a moderator role): `/corpus add` takes a UTF-8 `.txt` article (at most 20 MB) and ")
                .Append("re-indexes at once; every change and refused attempt is recorded in the audit log.\n");
        text.Append("\nYou can also mention me with a question, or send me a direct message.");
        return text.ToString();
    }
}
