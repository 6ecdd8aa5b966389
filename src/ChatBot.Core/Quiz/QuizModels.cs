namespace ChatBot.Core.Quiz;

/// <summary>What kind of thing a quiz answer is: decides how it is graded and which distractors fit.</summary>
public enum QuizAnswerKind { Person, Number, Date, Place, Organization, Name, TrueFalse, Article }

/// <summary>What a question asks (the `kind` of `quiz --json`).</summary>
public enum QuizKind
{
    /// <summary>Who said a quotation.</summary>
    WhoSaid,
    /// <summary>How many / how much: a number, asked about what it counts.</summary>
    Number,
    /// <summary>When: the year or date of an event.</summary>
    Date,
    /// <summary>Which person, organisation, place or named thing did something (the subject of a clause).</summary>
    Actor,
    /// <summary>A sentence of the corpus, or a minimally altered copy of it.</summary>
    TrueFalse,
    /// <summary>Which of the corpus's documents says a sentence.</summary>
    WhichArticle,
    /// <summary>A name missing from a passage (a name that is not the subject of its clause).</summary>
    Cloze,
}

/// <summary>The question's format (the `type` of `quiz --json`).</summary>
public enum QuizQuestionType { Short, MultipleChoice, TrueFalse }

public enum QuizDifficulty { Easy, Medium, Hard }

/// <summary>Where a question's answer comes from: the corpus file, the indexed chunk and the passage quoted.</summary>
public sealed record QuizCitation(string Source, string ChunkId, string Title, string? Outlet, string? Url, string Quote);

/// <summary>
/// One quiz question with its answer. <see cref="Choices"/> is null for a short-answer question; for
/// multiple choice it holds the options in display order (letters A–D), for true/false "True", "False".
/// <see cref="Alternatives"/> are the other forms graded right (the answer itself first).
/// </summary>
public sealed record QuizQuestion(
    string Id,
    QuizQuestionType Type,
    QuizKind Kind,
    string Question,
    IReadOnlyList<string>? Choices,
    QuizDifficulty Difficulty,
    QuizAnswerKind AnswerKind,
    string Answer,
    IReadOnlyList<string> Alternatives,
    QuizCitation Citation)
{
    /// <summary>The letter (A–D) of the right option, for multiple choice.</summary>
    public char? AnswerLetter => Type != QuizQuestionType.MultipleChoice || Choices is null ? null : (char)('A' + IndexOfAnswer());

    private int IndexOfAnswer()
    {
        for (var i = 0; i < Choices!.Count; i++) if (Choices[i] == Answer) return i;
        throw new InvalidOperationException("A multiple-choice question must list its answer.");
    }
}

/// <summary>
/// A fact found in the corpus that a question can be built on. <see cref="Stem"/> is the question;
/// <see cref="Answer"/> is written as in <see cref="Citation"/>'s quote. A true/false fact also carries
/// the altered statement (<see cref="FalseStem"/>): the seed decides which of the two is asked.
/// </summary>
public sealed record QuizFact(
    string Key,
    QuizKind Kind,
    QuizAnswerKind AnswerKind,
    string Answer,
    IReadOnlyList<string> Alternatives,
    string Stem,
    QuizCitation Citation,
    int AnswerMentions,
    double StemRarity,
    IReadOnlyList<string>? FixedDistractors = null,
    string? FalseStem = null,
    string? Context = null);

/// <summary>One user's quiz progress: right answers, answers given, the current and best streak of right answers.</summary>
public sealed record QuizScore(int Score, int Answered, int Streak, int BestStreak)
{
    public static QuizScore None { get; } = new(0, 0, 0, 0);
}

/// <summary>The outcome of grading one answer, with what the person should see.</summary>
public sealed record QuizGrade(
    string QuestionId,
    bool Correct,
    string Expected,
    string Feedback,
    QuizCitation Citation,
    int Score,
    int Answered,
    int Streak,
    int BestStreak)
{
    /// <summary>The answers that would have been graded right (the answer first).</summary>
    public IReadOnlyList<string> Accepted { get; init; } = [];

    public QuizKind Kind { get; init; }

    /// <summary>After how many more questions this one is asked again (spaced repetition); null when it is not scheduled again.</summary>
    public int? ReviewIn { get; init; }

    /// <summary>The article or topic the question was asked under (carry it to the next question), or null.</summary>
    public string? Scope { get; init; }
}

/// <summary>Who answers: the surface ("cli", "http", "discord", "teams") and the surface's user id. Stored only as a salted hash.</summary>
public sealed record QuizUser(string Surface, string Id)
{
    public override string ToString() => $"{Surface}:{Id}";
}

/// <summary>A document that can be quizzed on alone, as listed for people choosing one; <see cref="Key"/> selects it as a scope ("004", "faq").</summary>
public sealed record QuizArticle(string Source, string Title, string ShortTitle, string Key);

/// <summary>A question id that does not (or no longer) match a question of the current corpus.</summary>
public sealed class QuizQuestionNotFoundException(string id)
    : Exception($"No quiz question with id '{id}' (it may come from an older version of the corpus); ask for a new question.")
{
    public string Id { get; } = id;
}

/// <summary>An article or topic that matches nothing the quiz can ask about (the message says what would).</summary>
public sealed class QuizScopeException(string message) : Exception(message);
