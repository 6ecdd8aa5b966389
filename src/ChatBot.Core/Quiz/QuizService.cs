using ChatBot.Core.Search;

namespace ChatBot.Core.Quiz;

/// <summary>What chat surfaces (CLI, HTTP, Discord, Teams) call to quiz a user and grade their answers.</summary>
public interface IQuizService
{
    /// <summary>A new question for this user (not one they were just asked, while the corpus has others).</summary>
    Task<QuizQuestion> NextQuestionAsync(string user, CancellationToken cancellationToken = default);

    /// <summary>The question a given seed makes (deterministic for a corpus).</summary>
    Task<QuizQuestion> QuestionForSeedAsync(int seed, CancellationToken cancellationToken = default);

    /// <summary>Grades an answer and updates the user's score and streak. Unknown id: <see cref="QuizQuestionNotFoundException"/>.</summary>
    Task<QuizGrade> GradeAsync(string user, string questionId, string? answer, CancellationToken cancellationToken = default);
}

public sealed class QuizService(CorpusIndex index, QuizGenerator generator, QuizSessionStore sessions) : IQuizService
{
    public async Task<QuizQuestion> NextQuestionAsync(string user, CancellationToken cancellationToken = default)
    {
        var snapshot = await index.EnsureReadyAsync(cancellationToken: cancellationToken);
        var bank = generator.Bank(snapshot);
        var seed = sessions.NextSeed(Key(user), s => QuizGenerator.Generate(bank, s).Citation.Quote);
        return QuizGenerator.Generate(bank, seed);
    }

    public async Task<QuizQuestion> QuestionForSeedAsync(int seed, CancellationToken cancellationToken = default)
    {
        var snapshot = await index.EnsureReadyAsync(cancellationToken: cancellationToken);
        return generator.Generate(snapshot, seed);
    }

    public async Task<QuizGrade> GradeAsync(string user, string questionId, string? answer, CancellationToken cancellationToken = default)
    {
        var snapshot = await index.EnsureReadyAsync(cancellationToken: cancellationToken);
        if (!QuizGenerator.TryParseId(questionId ?? "", snapshot.CorpusHash, out var seed)) throw new QuizQuestionNotFoundException(questionId ?? "");
        var question = generator.Generate(snapshot, seed);
        var correct = AnswerGrader.IsCorrect(question, answer);
        var score = sessions.Record(Key(user), question.Id, correct);
        return new QuizGrade(question.Id, correct, Expected(question), Feedback(question, correct, answer), question.Citation,
            score.Score, score.Answered, score.Streak, score.BestStreak);
    }

    /// <summary>The right answer as shown: "B) Guillermo Valdés" for multiple choice.</summary>
    public static string Expected(QuizQuestion question) =>
        question.AnswerLetter is { } letter ? $"{letter}) {question.Answer}" : question.Answer;

    public static string Feedback(QuizQuestion question, bool correct, string? answer)
    {
        var c = question.Citation;
        var outlet = c.Outlet is null ? "" : $", {c.Outlet}";
        var verdict = correct ? $"Right: {Expected(question)}."
            : string.IsNullOrWhiteSpace(answer) ? $"No answer given; the answer is {Expected(question)}."
            : $"Not quite; the answer is {Expected(question)}.";
        return $"{verdict} Source: “{c.Quote}” ({c.Title}{outlet}; {c.Source})";
    }

    private static string Key(string user) => string.IsNullOrWhiteSpace(user) ? "anonymous" : user.Trim();
}
