using ChatBot.Core.Answering;
using ChatBot.Core.Feedback;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Commands;

/// <summary>Asks the engine for a Discord user and renders the outcome; bad input and failures become a message, never silence.</summary>
public sealed class DiscordAsker(IAnswerEngine engine, AnswerLedger answers, ILogger<DiscordAsker> logger)
{
    public const string Surface = "discord";
    public const string Apology = "Sorry, something went wrong while answering. Please try again in a moment.";

    public sealed record Outcome(IReadOnlyList<MessagePayload> Messages, bool Failed);

    public Task<Outcome> AskAsync(string question, string? channelId, string userId, CancellationToken ct) =>
        AskAsync(question, channelId, userId, null, ct);

    /// <param name="channelId">Where it was asked: a channel, thread or DM channel; the asker's follow-ups there continue their own conversation.</param>
    /// <param name="partialText">When given, the engine is asked to stream and reports the answer text so far to it.</param>
    public async Task<Outcome> AskAsync(string question, string? channelId, string userId, IProgress<string>? partialText, CancellationToken ct)
    {
        try
        {
            // One conversation per channel and person: another member's question is not this one's context.
            var context = AskContext.For(Surface, channelId, userId);
            // Kept by id: the buttons under the answer (passages, 👍/👎) refer to it.
            var answer = answers.Keep(partialText is null
                ? await engine.AskAsync(question, context, ct)
                : await engine.AskStreamingAsync(question, partialText, context, ct));
            logger.LogInformation("Discord answer in {Channel}: answered={Answered}, {Citations} citation(s), {Elapsed} ms",
                channelId, answer.Answered, answer.Citations.Count, answer.ElapsedMs);
            return new Outcome(DiscordAnswerRenderer.RenderAnswer(answer, answer.AnswerId!), false);
        }
        catch (InvalidQuestionException e)
        {
            logger.LogInformation("Discord question refused as invalid: {Reason}", e.Message);
            return new Outcome([MessagePayload.Text(TextFitting.Truncate("⚠️ " + e.Message, DiscordLimits.Content))], true);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "The answer engine failed on a Discord question in {Channel}", channelId);
            return new Outcome([MessagePayload.Text(Apology)], true);
        }
    }
}
