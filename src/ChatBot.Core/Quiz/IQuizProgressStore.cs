namespace ChatBot.Core.Quiz;

/// <summary>A user's standing: their score and how many questions they have been asked so far (their turn).</summary>
public sealed record QuizProgress(QuizScore Score, long Turn);

/// <summary>
/// One question in a user's Leitner boxes. <see cref="Box"/> 0 is a question asked but not answered yet;
/// 1–5 are the boxes; above 5 it is retired. <see cref="DueTurn"/> is the user's turn from which it is asked again.
/// </summary>
public sealed record QuizCard(string QuestionId, string FactKey, int Box, long? DueTurn, bool Pending);

/// <summary>What recording an answer did: the new score, whether this answer counted, and where the card went.</summary>
public sealed record QuizAnswerResult(QuizScore Score, bool Counted, int Box, long? DueTurn, long Turn);

/// <summary>
/// Durable quiz progress per user (a salted user hash, never a platform id): score, streak, and each
/// question's Leitner box. Implementations keep each operation atomic, so answers arriving at once from
/// several surfaces or processes are all counted.
/// </summary>
public interface IQuizProgressStore
{
    Task<QuizProgress> GetAsync(string user, CancellationToken cancellationToken = default);

    /// <summary>Every card of the user (a few hundred at most: one per question they were asked).</summary>
    Task<IReadOnlyList<QuizCard>> CardsAsync(string user, CancellationToken cancellationToken = default);

    /// <summary>
    /// A question is being asked: advances the user's turn, marks the question as awaiting an answer, and
    /// schedules it to come back by <paramref name="schedule"/> if it is never answered. Returns the new turn.
    /// </summary>
    Task<long> RecordAskedAsync(string user, string questionId, string factKey, LeitnerSchedule schedule, CancellationToken cancellationToken = default);

    /// <summary>
    /// An answer: counts toward score and streak when the question awaited an answer (or was never asked
    /// through a session), and moves the card to the box <paramref name="schedule"/> gives.
    /// </summary>
    Task<QuizAnswerResult> RecordAnswerAsync(string user, string questionId, string factKey, bool correct, LeitnerSchedule schedule, CancellationToken cancellationToken = default);
}

/// <summary>
/// A Leitner box schedule counted in questions asked (not in time, so a session is the unit): a missed
/// question goes to box 1 and comes back after 3 more questions — later in the same session, once its
/// answer is off the screen; each right answer moves it up a box, doubling the wait (the classic Leitner
/// spacing); right in box 5 retires it. A question right the first time starts in box 4: it is known,
/// and checked once much later. Refit the intervals from how often re-asked questions are answered right.
/// </summary>
public sealed class LeitnerSchedule
{
    public const int Boxes = 5;

    /// <summary>Questions until a card in box b (index) comes back.</summary>
    public static readonly IReadOnlyList<int> Intervals = [0, 3, 6, 12, 24, 48];

    public static LeitnerSchedule Default { get; } = new();

    /// <summary>The box after an answer, and after how many questions it is due (null: retired).</summary>
    public (int Box, int? Interval) Next(int box, bool correct)
    {
        if (!correct) return (1, Intervals[1]);
        if (box <= 0) return (4, Intervals[4]);
        if (box >= Boxes) return (Boxes + 1, null);
        return (box + 1, Intervals[box + 1]);
    }

    /// <summary>When a question asked but not answered comes back: after its box's interval (box 1 for a new one).</summary>
    public int UnansweredInterval(int box) => Intervals[Math.Clamp(box, 1, Boxes)];
}
