using ChatBot.Core.Search;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Commands;

/// <summary>`/sources`: the corpus documents (title, outlet, date, link), ephemerally.</summary>
public sealed class SourcesCommand(IServiceProvider services) : DiscordCommand
{
    public override string Name => "sources";
    public override string Description => "List the articles the bot answers from";

    public override Task<InteractionResponse> ExecuteAsync(DiscordCommandContext context, CancellationToken cancellationToken)
    {
        var index = services.GetService<ICorpusIndex>();
        if (index is null) return Task.FromResult(InteractionResponse.Ephemeral("The corpus index is not available on this server."));
        if (index.IsReady) return Task.FromResult(InteractionResponse.Message(DiscordAnswerRenderer.RenderSources(index.Current.Sources)));
        return Task.FromResult(context.Defer("sources", async (reply, ct) =>
        {
            var snapshot = await index.EnsureReadyAsync(cancellationToken: ct);
            await reply.EditOriginalAsync(DiscordAnswerRenderer.RenderSources(snapshot.Sources), ct);
        }, ephemeral: true));
    }
}
