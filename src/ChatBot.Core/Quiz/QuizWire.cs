using System.Text.Json.Serialization;

namespace ChatBot.Core.Quiz;

/// <summary>A question's citation as JSON: {"source","title","outlet","quote"} plus the chunk id and url.</summary>
public sealed record QuizCitationWire(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("outlet")] string? Outlet,
    [property: JsonPropertyName("quote")] string Quote,
    [property: JsonPropertyName("chunk_id")] string ChunkId,
    [property: JsonPropertyName("url")] string? Url)
{
    public static QuizCitationWire From(QuizCitation c) => new(c.Source, c.Title, c.Outlet, c.Quote, c.ChunkId, c.Url);
}

/// <summary>`chatbot quiz --json`: one question with its answer and citation.</summary>
public sealed record QuizQuestionWire(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("choices")] IReadOnlyList<string>? Choices,
    [property: JsonPropertyName("difficulty")] string Difficulty,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("alternatives")] IReadOnlyList<string> Alternatives,
    [property: JsonPropertyName("citation")] QuizCitationWire Citation)
{
    public static QuizQuestionWire From(QuizQuestion q) =>
        new(q.Id, TypeName(q.Type), KindName(q.Kind), q.Question, q.Choices, DifficultyName(q.Difficulty), q.Answer, q.Alternatives, QuizCitationWire.From(q.Citation));

    public static string TypeName(QuizQuestionType type) => type switch
    {
        QuizQuestionType.MultipleChoice => "multiple_choice",
        QuizQuestionType.TrueFalse => "true_false",
        _ => "short",
    };

    /// <summary>who_said, number, date, actor, true_false, which_article, cloze.</summary>
    public static string KindName(QuizKind kind) => kind switch
    {
        QuizKind.WhoSaid => "who_said",
        QuizKind.TrueFalse => "true_false",
        QuizKind.WhichArticle => "which_article",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string DifficultyName(QuizDifficulty difficulty) => difficulty.ToString().ToLowerInvariant();
}

/// <summary>`POST /api/quiz`: a question as a student sees it, without the answer.</summary>
public sealed record QuizPromptWire(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("choices")] IReadOnlyList<string>? Choices,
    [property: JsonPropertyName("difficulty")] string Difficulty)
{
    public static QuizPromptWire From(QuizQuestion q) =>
        new(q.Id, QuizQuestionWire.TypeName(q.Type), QuizQuestionWire.KindName(q.Kind), q.Question, q.Choices, QuizQuestionWire.DifficultyName(q.Difficulty));
}

/// <summary>`POST /api/quiz/answer`: the verdict, the right answer, its citation, and the user's score and streak.</summary>
public sealed record QuizGradeWire(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("correct")] bool Correct,
    [property: JsonPropertyName("expected")] string Expected,
    [property: JsonPropertyName("feedback")] string Feedback,
    [property: JsonPropertyName("citation")] QuizCitationWire Citation,
    [property: JsonPropertyName("score")] int Score,
    [property: JsonPropertyName("answered")] int Answered,
    [property: JsonPropertyName("streak")] int Streak,
    [property: JsonPropertyName("best_streak")] int BestStreak,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("accepted")] IReadOnlyList<string> Accepted,
    [property: JsonPropertyName("review_in")] int? ReviewIn,
    [property: JsonPropertyName("scope")] string? Scope)
{
    public static QuizGradeWire From(QuizGrade g) =>
        new(g.QuestionId, g.Correct, g.Expected, g.Feedback, QuizCitationWire.From(g.Citation), g.Score, g.Answered, g.Streak, g.BestStreak,
            QuizQuestionWire.KindName(g.Kind), g.Accepted, g.ReviewIn, g.Scope);
}

/// <summary>A user's standing, e.g. for a page that shows the running score before any answer.</summary>
public sealed record QuizScoreWire(
    [property: JsonPropertyName("score")] int Score,
    [property: JsonPropertyName("answered")] int Answered,
    [property: JsonPropertyName("streak")] int Streak,
    [property: JsonPropertyName("best_streak")] int BestStreak)
{
    public static QuizScoreWire From(QuizScore s) => new(s.Score, s.Answered, s.Streak, s.BestStreak);
}
