namespace ChatBot.Core.Quiz;

/// <summary>What kind of thing a quiz answer is: decides how it is graded and which distractors fit.</summary>
public enum QuizAnswerKind { Person, Number, Year, Place, Organization }

public enum QuizQuestionType { Short, MultipleChoice }

public enum QuizDifficulty { Easy, Medium, Hard }

/// <summary>Where a question's answer comes from: the corpus file, the indexed chunk and the sentence quoted.</summary>
public sealed record QuizCitation(string Source, string ChunkId, string Title, string? Outlet, string? Url, string Quote);

/// <summary>
/// One quiz question with its answer. <see cref="Choices"/> is null for a short-answer question;
/// for multiple choice it holds the options in display order (letters A–D) and one of them is the answer.
/// </summary>
public sealed record QuizQuestion(
    string Id,
    QuizQuestionType Type,
    string Question,
    IReadOnlyList<string>? Choices,
    QuizDifficulty Difficulty,
    QuizAnswerKind Kind,
    string Answer,
    IReadOnlyList<string> Alternatives,
    QuizCitation Citation)
{
    /// <summary>The letter (A–D) of the right option, for multiple choice.</summary>
    public char? AnswerLetter => Choices is null ? null : (char)('A' + IndexOfAnswer());

    private int IndexOfAnswer()
    {
        for (var i = 0; i < Choices!.Count; i++) if (Choices[i] == Answer) return i;
        throw new InvalidOperationException("A multiple-choice question must list its answer.");
    }
}

/// <summary>
/// A fact found in the corpus that a question can be built on: a sentence, the answer span in it
/// (or, for "who said", the speaker) and its kind.
/// </summary>
public sealed record QuizFact(
    string Key,
    QuizAnswerKind Kind,
    bool WhoSaid,
    string Answer,
    IReadOnlyList<string> Alternatives,
    string Stem,
    QuizCitation Citation,
    int AnswerMentions,
    double StemRarity);

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
    int BestStreak);

/// <summary>A question id that does not (or no longer) match a question of the current corpus.</summary>
public sealed class QuizQuestionNotFoundException(string id)
    : Exception($"No quiz question with id '{id}' (it may come from an older version of the corpus); ask for a new question.")
{
    public string Id { get; } = id;
}
