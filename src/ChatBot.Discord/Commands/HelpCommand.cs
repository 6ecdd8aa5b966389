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

    public static string HelpText(IEnumerable<DiscordCommand> commands)
    {
        var text = new StringBuilder("I answer questions about a curated set of news articles on US–Mexico security cooperation, ")
            .Append("quoting the passages I rely on and citing their sources. Numbers like [1] point to the sources under each answer.\n\n");
        foreach (var command in commands.Where(c => c.IsAvailable))
        {
            text.Append("• `/").Append(command.Name);
            foreach (var option in command.Options) text.Append(' ').Append(option.Name).Append(":<…>");
            text.Append("` — ").Append(command.Description).Append('\n');
        }
        text.Append("\nYou can also mention me with a question, or send me a direct message.");
        return text.ToString();
    }
}
