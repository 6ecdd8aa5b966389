using ChatBot.Core.Search;
using ChatBot.Discord.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Commands;

/// <summary>`/reindex`: moderators refresh the corpus indexes (rebuilt only when the corpus changed).</summary>
[RequireModerator]
public sealed class ReindexCommand(IServiceProvider services, ILogger<ReindexCommand> logger) : DiscordCommand
{
    public override string Name => "reindex";
    public override string Description => "Moderators: re-read the corpus and rebuild the indexes if it changed";

    public override Task<InteractionResponse> ExecuteAsync(DiscordCommandContext context, CancellationToken cancellationToken)
    {
        var index = services.GetService<ICorpusIndex>();
        if (index is null) return Task.FromResult(InteractionResponse.Ephemeral("The corpus index is not available on this server."));
        logger.LogInformation("Re-index requested on Discord by user {UserId} in guild {GuildId}", context.UserId, context.Interaction.GuildId);
        return Task.FromResult(context.Defer("reindex", async (reply, ct) =>
        {
            string text;
            try
            {
                var result = await index.ReindexAsync(force: false, cancellationToken: ct);
                text = result.Rebuilt
                    ? $"Re-indexed: {result.Documents} document(s), {result.Chunks} chunk(s) in {result.Elapsed.TotalSeconds:0.0} s."
                    : $"The corpus is unchanged ({result.Documents} document(s), {result.Chunks} chunk(s)); nothing to rebuild.";
                logger.LogInformation("Discord re-index by {UserId}: rebuilt={Rebuilt}, corpus {Hash}", context.UserId, result.Rebuilt, result.CorpusHash);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Re-index requested on Discord failed");
                text = "Re-indexing failed; the previous index is still in use. See the server log.";
            }
            await reply.EditOriginalAsync(MessagePayload.Text(text), ct);
        }, ephemeral: true));
    }
}
