using ChatBot.Core.Answering;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Feedback;

/// <summary>
/// The answers this server gave, by answer id, so feedback (and "show passages") can refer to an answer
/// by id while the server supplies its text. Bounded (Feedback:AnswerCacheMegabytes, estimated from the
/// text) and expiring (Feedback:AnswerRetention): a MemoryCache with a size limit, oldest out first.
/// </summary>
public sealed class AnswerLedger : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeSpan _retention;

    public AnswerLedger(IOptions<FeedbackOptions> options, TimeProvider time)
    {
        _retention = options.Value.AnswerRetention;
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = options.Value.AnswerCacheMegabytes * 1024L * 1024,
            // When full, a fifth goes at once (least recently used first) rather than a trickle per insert.
            CompactionPercentage = 0.2,
            Clock = new TimeProviderClock(time),
        });
    }

    /// <summary>Keeps <paramref name="answer"/> (giving it an id if the engine did not) and returns it with its id.</summary>
    public Answer Keep(Answer answer)
    {
        var kept = answer.AnswerId is null ? answer with { AnswerId = Answer.NewId() } : answer;
        using (var entry = _cache.CreateEntry(kept.AnswerId!))
        {
            entry.Value = kept;
            entry.Size = EstimateBytes(kept);
            entry.AbsoluteExpirationRelativeToNow = _retention;
        }
        return kept;
    }

    /// <summary>The answer given under this id, or null when it was never given here or has expired.</summary>
    public Answer? Find(string? answerId) =>
        answerId is { Length: > 0 and <= Answer.MaxIdLength } && _cache.TryGetValue(answerId, out Answer? answer) ? answer : null;

    /// <summary>UTF-16 text plus a fixed overhead per object: a fair estimate, all the size limit needs.</summary>
    internal static long EstimateBytes(Answer answer) =>
        256 + 2L * (answer.Question.Length + answer.Text.Length
                    + answer.Citations.Sum(c => 64 + c.Source.Length + c.Title.Length + c.Quote.Length + (c.Outlet?.Length ?? 0) + (c.Url?.Length ?? 0)));

    public void Dispose() => _cache.Dispose();

    /// <summary>MemoryCache reads time through ISystemClock; this lets it follow the app's TimeProvider (and tests' fake one).</summary>
    private sealed class TimeProviderClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
