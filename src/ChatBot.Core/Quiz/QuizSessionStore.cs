using ChatBot.Core.Caching;

namespace ChatBot.Core.Quiz;

/// <summary>
/// In-memory quiz sessions keyed by user: where each user's stream of seeds stands and which passages it
/// has asked about, so a session does not repeat itself. Bounded (Quiz:MaxSessions in a MemoryCache, least
/// recently used sessions dropped first) and safe to use from many requests at once. Scores and Leitner boxes are durable and live in the
/// <see cref="IQuizProgressStore"/>; a dropped session only starts a fresh stream of questions.
/// </summary>
public sealed class QuizSessionStore(int capacity = QuizSessionStore.DefaultCapacity, TimeProvider? time = null) : IDisposable
{
    public const int DefaultCapacity = 10_000;
    private const int MaxRememberedPassages = 500;
    // Enough draws to find a passage of a one-document scope (a fifth of the facts, or fewer) many times over.
    private const int MaxDraws = 4_000;

    private readonly BoundedMemoryCache<Session> _sessions = new(capacity, time);

    public int Count => _sessions.Count;

    /// <summary>
    /// The seed for this user's next new question: sessions start at a random point and move on. A seed
    /// is taken when <paramref name="passageOf"/> gives it a passage (null: not wanted, e.g. outside the
    /// scope) that this session has not asked about; when every wanted passage has been asked, a repeat is taken.
    /// </summary>
    public int? NextSeed(string user, Func<int, string?> passageOf)
    {
        var session = _sessions.GetOrAdd(user, () => new Session(Random.Shared.Next(0, int.MaxValue / 2)));
        lock (session)
        {
            int? repeat = null;
            for (var attempt = 0; attempt < MaxDraws; attempt++)
            {
                var seed = session.NextSeed++;
                if (session.NextSeed >= int.MaxValue - 1) session.NextSeed = 0;
                if (passageOf(seed) is not { } passage) continue;
                if (session.Asked.Add(passage))
                {
                    session.Order.Enqueue(passage);
                    while (session.Order.Count > MaxRememberedPassages) session.Asked.Remove(session.Order.Dequeue());
                    return seed;
                }
                repeat ??= seed;
            }
            return repeat;
        }
    }

    /// <summary>Starts the user's session over from a given seed (a reproducible quiz).</summary>
    public void Restart(string user, int firstSeed) => _sessions.Set(user, new Session(firstSeed));

    public void Dispose() => _sessions.Dispose();

    private sealed class Session(int firstSeed)
    {
        public int NextSeed { get; set; } = firstSeed;
        public HashSet<string> Asked { get; } = new(StringComparer.Ordinal);
        public Queue<string> Order { get; } = new();
    }
}
