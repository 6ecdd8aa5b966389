using System.Text;
using ChatBot.Core.Quiz;
using ChatBot.Core.Search;
using ChatBot.Discord.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Commands;

/// <summary>`/help`: what the bot does and its commands, ephemerally. It names no corpus: what the documents are comes from the index (`/sources`).</summary>
public sealed class HelpCommand(IServiceProvider services) : DiscordCommand
{
    public override string Name => "help";
    public override string Description => "How to use the bot";

    public override Task<InteractionResponse> ExecuteAsync(DiscordCommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(InteractionResponse.Ephemeral(HelpText(services.GetServices<DiscordCommand>(), services.GetService<ICorpusIndex>() is { IsReady: true } index ? index.Current.Sources : [])));

    private static string Usage(IEnumerable<ApplicationCommandOption> options) =>
        string.Concat(options.Select(o => o.Required == true ? $" {o.Name}:<…>" : $" [{o.Name}:<…>]"));

    /// <param name="sources">The indexed documents (empty while loading): their number, and a real file key for the quiz example.</param>
    public static string HelpText(IEnumerable<DiscordCommand> commands, IReadOnlyList<SourceInfo> sources)
    {
        var documents = sources.Count(s => s.DuplicateOf is null);
        var text = new StringBuilder("I answer questions about ")
            .Append(documents > 0 ? $"the {documents} documents I was given" : "the documents I was given")
            .Append(", quoting the passages I rely on and citing their sources. Numbers like [1] point to the sources under each answer.\n\n");
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
        text.Append("\nFollow-ups such as “and who said that?” continue your own conversation in that channel or thread; other people's questions there are not part of it.\n");
        if (available.Any(c => c.Name == "quiz"))
            text.Append("\n**Quiz**: `/quiz` posts a question on any document; `/quiz article:").Append(QuizScope.ExampleKey(sources) ?? "<file>")
                .Append("` keeps to one — give its file number or name, words of its title, or a topic. Pick A–D, or press *Answer* and type it. ")
                .Append("You see whether you were right, the passage that says so, and your score and streak (only to you).\n");
        if (available.Any(c => c.Name == "corpus"))
            text.Append("**Moderators** (Manage Server or a moderator role): `/corpus add` takes a UTF-8 `.txt` article (at most 20 MB) and ")
                .Append("re-indexes at once; every change and refused attempt is recorded in the audit log.\n");
        text.Append("\nYou can also mention me with a question, or send me a direct message.");
        return text.ToString();
    }
}
