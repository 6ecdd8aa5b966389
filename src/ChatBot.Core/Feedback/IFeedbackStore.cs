namespace ChatBot.Core.Feedback;

/// <summary>A 👍/👎 on one answer, from any surface. <see cref="UserHash"/> is a salted hash, never a raw user id.</summary>
public sealed record FeedbackEntry(
    string Surface,
    string UserHash,
    string Question,
    string Answer,
    IReadOnlyList<string> CitationSources,
    bool Helpful,
    DateTimeOffset At);

/// <summary>Durable store of answer feedback.</summary>
public interface IFeedbackStore
{
    Task RecordAsync(FeedbackEntry entry, CancellationToken cancellationToken = default);
}
