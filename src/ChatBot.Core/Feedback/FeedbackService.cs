using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Feedback;

/// <summary>What became of a 👍/👎.</summary>
public enum FeedbackOutcome
{
    /// <summary>Stored (a second press on the same answer replaces the first).</summary>
    Recorded,
    /// <summary>No answer with that id was given here, or it has expired: nothing stored.</summary>
    UnknownAnswer,
    /// <summary>Over the person's limit (Feedback:PermitsPerMinute): nothing stored.</summary>
    TooMany,
    /// <summary>Accepted, but this server keeps no feedback (no store registered).</summary>
    NotStored,
}

/// <summary>
/// Feedback for every surface (HTTP, Discord, Teams): the surface gives the answer id and who pressed;
/// the text stored is the server's own record of that answer (<see cref="AnswerLedger"/>), the person is
/// stored as the one <see cref="UserHasher"/>'s hash, and each person is limited (<see cref="FeedbackLimiter"/>).
/// </summary>
public sealed partial class FeedbackService(
    AnswerLedger ledger,
    UserHasher hasher,
    FeedbackLimiter limiter,
    TimeProvider time,
    ILogger<FeedbackService> logger,
    IFeedbackStore? store = null)
{
    public async Task<FeedbackOutcome> RecordAsync(string surface, string userId, string? answerId, bool helpful, CancellationToken cancellationToken = default)
    {
        var userHash = hasher.Hash(surface, userId);
        if (!limiter.TryAcquire(userHash))
        {
            LogLimited(logger, surface);
            return FeedbackOutcome.TooMany;
        }
        if (ledger.Find(answerId) is not { } answer)
        {
            LogUnknown(logger, surface);
            return FeedbackOutcome.UnknownAnswer;
        }
        if (store is null) return FeedbackOutcome.NotStored;
        var sources = answer.Citations.Select(c => c.Source).Distinct(StringComparer.Ordinal).ToList();
        await store.RecordAsync(new FeedbackEntry(answer.AnswerId!, surface, userHash, answer.Question, answer.Text, sources, helpful, time.GetUtcNow()), cancellationToken)
            .ConfigureAwait(false);
        LogRecorded(logger, surface, helpful);
        return FeedbackOutcome.Recorded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback on {Surface}: helpful={Helpful}")]
    private static partial void LogRecorded(ILogger logger, string surface, bool helpful);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback on {Surface} for an unknown or expired answer id; nothing stored")]
    private static partial void LogUnknown(ILogger logger, string surface);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback on {Surface} over the per-user limit; nothing stored")]
    private static partial void LogLimited(ILogger logger, string surface);
}
