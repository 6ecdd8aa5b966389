namespace ChatBot.Core.Quiz;

/// <summary>
/// In-memory quiz sessions keyed by user: where each user's stream of seeds stands and which passages it
/// has asked about, so a session does not repeat itself. Bounded (least recently used sessions are dropped
/// first) and safe to use from many requests at once. Scores and Leitner boxes are durable and live in the
/// <see cref="IQuizProgressStore"/>; a dropped session only starts a fresh stream of questions.
/// </summary>
public sealed class QuizSessionStore(int capacity = QuizSessionStore.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;
    private const int MaxRememberedPassages = 500;
    // Enough draws to find a passage of a one-document scope (a fifth of the facts, or fewer) many times over.
    private const int MaxDraws = 4_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Session>> _sessions = new(StringComparer.Ordinal);
    private readonly LinkedList<Session> _recency = new();

    public int Count { get { lock (_lock) return _sessions.Count; } }

    /// <summary>
    /// The seed for this user's next new question: sessions start at a random point and move on. A seed
    /// is taken when <paramref name="passageOf"/> gives it a passage (null: not wanted, e.g. outside the
    /// scope) that this session has not asked about; when every wanted passage has been asked, a repeat is taken.
    /// </summary>
    public int? NextSeed(string user, Func<int, string?> passageOf)
    {
        lock (_lock)
        {
            var session = Touch(user);
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
    public void Restart(string user, int firstSeed)
    {
        lock (_lock)
        {
            if (_sessions.Remove(user, out var node)) _recency.Remove(node);
            Touch(user).NextSeed = firstSeed;
        }
    }

    private Session Touch(string user)
    {
        if (_sessions.TryGetValue(user, out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value;
        }
        while (_sessions.Count >= Math.Max(1, capacity))
        {
            var oldest = _recency.Last!;
            _recency.RemoveLast();
            _sessions.Remove(oldest.Value.User);
        }
        var session = new Session(user, Random.Shared.Next(0, int.MaxValue / 2));
        _sessions[user] = _recency.AddFirst(session);
        return session;
    }

    private sealed class Session(string user, int firstSeed)
    {
        public string User { get; } = user;
        public int NextSeed { get; set; } = firstSeed;
        public HashSet<string> Asked { get; } = new(StringComparer.Ordinal);
        public Queue<string> Order { get; } = new();
    }
}
