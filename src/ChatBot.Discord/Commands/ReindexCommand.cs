using ChatBot.Core.Moderation;
using ChatBot.Discord.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Commands;

/// <summary>`/reindex`: moderators refresh the corpus indexes through the shared moderation service (serialised with other changes, audited).</summary>
[RequireModerator]
public sealed class ReindexCommand(IServiceProvider services, ILogger<ReindexCommand> logger) : DiscordCommand
{
    public override string Name => "reindex";
    public override string Description => "Moderators: re-read the corpus and rebuild the indexes if it changed";
    public override bool IsAvailable => services.GetService<ICorpusModeration>() is not null;

    public override async Task OnRefusedAsync(DiscordCommandContext context, DiscordCheckAttribute check, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<ICorpusModeration>().RecordRefusalAsync(CorpusCommand.Caller(context), "reindex", null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Recording a refused /reindex in the audit log failed");
        }
    }

    public override Task<InteractionResponse> ExecuteAsync(DiscordCommandContext context, CancellationToken cancellationToken)
    {
        var moderation = services.GetRequiredService<ICorpusModeration>();
        var caller = CorpusCommand.Caller(context);
        return Task.FromResult(context.Defer("reindex", async (reply, ct) =>
        {
            string text;
            try
            {
                var result = await moderation.ReindexAsync(caller, force: false, ct);
                text = result.Rebuilt
                    ? $"Re-indexed: {result.Documents} document(s), {result.Chunks} chunk(s) in {result.Elapsed.TotalSeconds:0.0} s."
                    : $"The corpus is unchanged ({result.Documents} document(s), {result.Chunks} chunk(s)); nothing to rebuild.";
            }
            catch (ModerationRefusedException)
            {
                text = new RequireModeratorAttribute().FailureMessage;
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
