namespace ChatBot.Core.Feedback;

/// <summary>
/// A 👍/👎 on one answer the server gave, from any surface. The question, answer and citations are the
/// server's own record of that answer (never text a client sent); <see cref="UserHash"/> is a salted
/// hash, never a raw user id.
/// </summary>
public sealed record FeedbackEntry(
    string AnswerId,
    string Surface,
    string UserHash,
    string Question,
    string Answer,
    IReadOnlyList<string> CitationSources,
    bool Helpful,
    DateTimeOffset At);

/// <summary>Durable store of answer feedback: one vote per person and answer (a second press replaces the first).</summary>
public interface IFeedbackStore
{
    Task RecordAsync(FeedbackEntry entry, CancellationToken cancellationToken = default);
}

/// <summary>The answers people found least helpful: one row per question, most 👎 first.</summary>
public sealed record FeedbackReportRow(string Question, int NotHelpful, int Helpful, string LatestAnswer, IReadOnlyList<string> CitationSources, DateTimeOffset LastAt);

/// <summary>Feedback the store can also report on.</summary>
public interface IFeedbackReport
{
    Task<IReadOnlyList<FeedbackReportRow>> WorstRatedAsync(int top, CancellationToken cancellationToken = default);
}
