namespace ChatBot.Core.Quiz;

/// <summary>One user's quiz progress: right answers, answers given, the current and best streak of right answers.</summary>
public sealed record QuizScore(int Score, int Answered, int Streak, int BestStreak);

/// <summary>
/// In-memory quiz sessions keyed by user (or session) id: bounded (least recently used sessions are
/// dropped first) and safe to use from many requests at once. A question is scored once per session;
/// answering it again is graded but does not change the score.
/// </summary>
public sealed class QuizSessionStore(int capacity = QuizSessionStore.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;
    private const int MaxRememberedQuestions = 500;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Session>> _sessions = new(StringComparer.Ordinal);
    private readonly LinkedList<Session> _recency = new();

    public int Count { get { lock (_lock) return _sessions.Count; } }

    /// <summary>The seed for this user's next question: sessions start at a random point and move on, skipping questions already asked.</summary>
    public int NextSeed(string user, Func<int, string> factKeyOf)
    {
        lock (_lock)
        {
            var session = Touch(user);
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var seed = session.NextSeed++;
                if (session.AskedFacts.Add(factKeyOf(seed)) || attempt == 49)
                {
                    Trim(session.AskedFacts, session.AskedOrder, factKeyOf(seed));
                    return seed;
                }
            }
            return session.NextSeed++;
        }
    }

    public QuizScore Record(string user, string questionId, bool correct)
    {
        lock (_lock)
        {
            var session = Touch(user);
            if (!session.Graded.Add(questionId)) return session.Score();
            Trim(session.Graded, session.GradedOrder, questionId);
            session.Answered++;
            if (correct)
            {
                session.Right++;
                session.Streak++;
                session.Best = Math.Max(session.Best, session.Streak);
            }
            else session.Streak = 0;
            return session.Score();
        }
    }

    public QuizScore Score(string user)
    {
        lock (_lock) return _sessions.TryGetValue(user, out var node) ? node.Value.Score() : new QuizScore(0, 0, 0, 0);
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

    private static void Trim(HashSet<string> set, Queue<string> order, string added)
    {
        order.Enqueue(added);
        while (order.Count > MaxRememberedQuestions) set.Remove(order.Dequeue());
    }

    private sealed class Session(string user, int firstSeed)
    {
        public string User { get; } = user;
        public int NextSeed { get; set; } = firstSeed;
        public HashSet<string> AskedFacts { get; } = new(StringComparer.Ordinal);
        public Queue<string> AskedOrder { get; } = new();
        public HashSet<string> Graded { get; } = new(StringComparer.Ordinal);
        public Queue<string> GradedOrder { get; } = new();
        public int Answered { get; set; }
        public int Right { get; set; }
        public int Streak { get; set; }
        public int Best { get; set; }

        public QuizScore Score() => new(Right, Answered, Streak, Best);
    }
}
