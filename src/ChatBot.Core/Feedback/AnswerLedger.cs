using ChatBot.Core.Answering;
using ChatBot.Core.Caching;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Feedback;

/// <summary>
/// The answers this server gave, by answer id, so feedback (and "show passages") can refer to an answer
/// by id while the server supplies its text. Bounded (Feedback:AnswerCacheMegabytes, estimated from the
/// text) and expiring (Feedback:AnswerRetention): when full, expired answers and then the least recently
/// used make room, so the answer just given is always kept.
/// </summary>
public sealed class AnswerLedger(IOptions<FeedbackOptions> options, TimeProvider time) : IDisposable
{
    private readonly BoundedMemoryCache<Answer> _cache = new(
        options.Value.AnswerCacheMegabytes * 1024L * 1024, time, EstimateBytes, options.Value.AnswerRetention);

    /// <summary>Keeps <paramref name="answer"/> (giving it an id if the engine did not) and returns it with its id.</summary>
    public Answer Keep(Answer answer)
    {
        var kept = answer.AnswerId is null ? answer with { AnswerId = Answer.NewId() } : answer;
        _cache.Set(kept.AnswerId!, kept);
        return kept;
    }

    /// <summary>The answer given under this id, or null when it was never given here or has expired.</summary>
    public Answer? Find(string? answerId) =>
        answerId is { Length: > 0 and <= Answer.MaxIdLength } ? _cache.Find(answerId) : null;

    /// <summary>UTF-16 text plus a fixed overhead per object: a fair estimate, all the size limit needs.</summary>
    internal static long EstimateBytes(Answer answer) =>
        256 + 2L * (answer.Question.Length + answer.Text.Length
                    + answer.Citations.Sum(c => 64 + c.Source.Length + c.Title.Length + c.Quote.Length + (c.Outlet?.Length ?? 0) + (c.Url?.Length ?? 0)));

    public void Dispose() => _cache.Dispose();
}
