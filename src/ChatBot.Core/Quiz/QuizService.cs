using ChatBot.Core.Feedback;
using ChatBot.Core.Search;

namespace ChatBot.Core.Quiz;

/// <summary>What chat surfaces (CLI, HTTP, web page, Discord, Teams) call to quiz a user and grade their answers.</summary>
public interface IQuizService
{
    /// <summary>
    /// The user's next question: one they missed, when its Leitner box says it is due, otherwise a new one
    /// (not a passage this session has asked about, while there are others). <paramref name="scope"/> keeps
    /// to one article or topic ("004", "pricing"); one that matches nothing throws <see cref="QuizScopeException"/>.
    /// </summary>
    Task<QuizQuestion> NextQuestionAsync(QuizUser user, string? scope = null, CancellationToken cancellationToken = default);

    /// <summary>Starts the user's session over from a seed: the same seed gives the same new questions for the same corpus.</summary>
    void StartSession(QuizUser user, int firstSeed);

    /// <summary>The question a given seed makes (deterministic for a corpus); with a scope, the first seed from there whose question keeps to it.</summary>
    Task<QuizQuestion> QuestionForSeedAsync(int seed, string? scope = null, CancellationToken cancellationToken = default);

    /// <summary>Grades an answer and updates the user's durable score, streak and Leitner box. Unknown id: <see cref="QuizQuestionNotFoundException"/>.</summary>
    Task<QuizGrade> GradeAsync(QuizUser user, string questionId, string? answer, CancellationToken cancellationToken = default);

    Task<QuizScore> ScoreAsync(QuizUser user, CancellationToken cancellationToken = default);

    /// <summary>The documents one can be quizzed on alone (near-duplicates left out).</summary>
    Task<IReadOnlyList<QuizArticle>> ArticlesAsync(CancellationToken cancellationToken = default);
}

public sealed class QuizService(
    CorpusIndex index,
    QuizGenerator generator,
    QuizSessionStore sessions,
    IQuizProgressStore progress,
    UserHasher hasher) : IQuizService
{
    private readonly LeitnerSchedule _schedule = LeitnerSchedule.Default;

    public async Task<QuizQuestion> NextQuestionAsync(QuizUser user, string? scope = null, CancellationToken cancellationToken = default)
    {
        var bank = await BankAsync(cancellationToken);
        var key = Key(user);
        var resolved = string.IsNullOrWhiteSpace(scope) ? null : QuizScope.Resolve(scope, bank);
        var state = await progress.GetAsync(key, cancellationToken);
        var cards = await progress.CardsAsync(key, cancellationToken);

        // A question whose box says it is due comes back first (the oldest due first).
        QuizQuestion? question = null;
        foreach (var card in cards.Where(c => c.DueTurn is { } due && due <= state.Turn + 1 && c.Box is > 0 and <= LeitnerSchedule.Boxes).OrderBy(c => c.DueTurn))
        {
            if (!QuizGenerator.TryParseId(card.QuestionId, bank.CorpusHash, out var seed)) continue; // from an older corpus
            if (resolved is not null && !resolved.Matches(bank.FactFor(seed))) continue;
            question = bank.Generate(seed, resolved?.Key);
            break;
        }
        if (question is null)
        {
            // Passages already in the user's boxes come back on their schedule, not as new questions.
            var scheduled = cards.Where(c => c.Box > 0).Select(c => c.FactKey).ToHashSet(StringComparer.Ordinal);
            var seed = sessions.NextSeed(key, s =>
            {
                var fact = bank.FactFor(s);
                return (resolved is null || resolved.Matches(fact)) && !scheduled.Contains(fact.Key) ? fact.Citation.Quote : null;
            });
            seed ??= sessions.NextSeed(key, s => resolved is null || resolved.Matches(bank.FactFor(s)) ? bank.FactFor(s).Citation.Quote : null);
            if (seed is null) throw new QuizScopeException($"There are no questions on {resolved?.Description ?? "this corpus"} yet.");
            question = bank.Generate(seed.Value, resolved?.Key);
        }
        await progress.RecordAskedAsync(key, QuizGenerator.BaseId(question.Id), bank.FactFor(SeedOf(question, bank)).Key, _schedule, cancellationToken);
        return question;
    }

    public void StartSession(QuizUser user, int firstSeed) => sessions.Restart(Key(user), firstSeed);

    public async Task<QuizQuestion> QuestionForSeedAsync(int seed, string? scope = null, CancellationToken cancellationToken = default)
    {
        var bank = await BankAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(scope)) return bank.Generate(seed);
        var resolved = QuizScope.Resolve(scope, bank);
        for (var s = seed; s < seed + MaxScopeDraws && s >= seed; s++)
            if (resolved.Matches(bank.FactFor(s))) return bank.Generate(s, resolved.Key);
        throw new QuizScopeException($"There are no questions on {resolved.Description} yet.");
    }

    // A one-document scope holds a few percent of the facts: this many seeds find one with near certainty.
    private const int MaxScopeDraws = 20_000;

    public async Task<QuizGrade> GradeAsync(QuizUser user, string questionId, string? answer, CancellationToken cancellationToken = default)
    {
        var bank = await BankAsync(cancellationToken);
        if (!QuizGenerator.TryParseId(questionId ?? "", bank.CorpusHash, out var seed, out var scope)) throw new QuizQuestionNotFoundException(questionId ?? "");
        var question = bank.Generate(seed, scope);
        var correct = AnswerGrader.IsCorrect(question, answer);
        var result = await progress.RecordAnswerAsync(Key(user), QuizGenerator.BaseId(question.Id), bank.FactFor(seed).Key, correct, _schedule, cancellationToken);
        var s = result.Score;
        return new QuizGrade(question.Id, correct, Expected(question), Feedback(question, correct, answer), question.Citation, s.Score, s.Answered, s.Streak, s.BestStreak)
        {
            Accepted = AnswerGrader.AcceptedForms(question),
            Kind = question.Kind,
            ReviewIn = result.Counted && result.DueTurn is { } due ? (int)(due - result.Turn) : null,
            Scope = scope,
        };
    }

    public async Task<QuizScore> ScoreAsync(QuizUser user, CancellationToken cancellationToken = default) =>
        (await progress.GetAsync(Key(user), cancellationToken)).Score;

    public async Task<IReadOnlyList<QuizArticle>> ArticlesAsync(CancellationToken cancellationToken = default)
    {
        var bank = await BankAsync(cancellationToken);
        var briefs = FactExtractor.BriefTitles(bank.Corpus);
        return bank.Corpus.Originals.Select(d => new QuizArticle(d.Source, d.Title, briefs[d.Source], QuizScope.KeyFor(d.Source, bank.Corpus))).ToList();
    }

    /// <summary>The right answer as shown: "B) Harriet Quillon" for multiple choice.</summary>
    public static string Expected(QuizQuestion question) =>
        question.AnswerLetter is { } letter ? $"{letter}) {question.Answer}" : question.Answer;

    /// <summary>The verdict, the other forms that count, and the passage the answer comes from.</summary>
    public static string Feedback(QuizQuestion question, bool correct, string? answer)
    {
        var c = question.Citation;
        var outlet = c.Outlet is null ? "" : $", {c.Outlet}";
        var verdict = correct ? $"Right: {Expected(question)}."
            : string.IsNullOrWhiteSpace(answer) ? $"No answer given; the answer is {Expected(question)}."
            : $"Not quite; the answer is {Expected(question)}.";
        var others = AnswerGrader.AcceptedForms(question).Skip(question.AnswerLetter is null ? 1 : 2).ToList();
        var accepted = others.Count == 0 || question.Type == QuizQuestionType.TrueFalse ? "" : $" Also accepted: {string.Join("; ", others)}.";
        return $"{verdict}{accepted} Source: “{c.Quote}” ({c.Title}{outlet}; {c.Source})";
    }

    private async Task<QuizBank> BankAsync(CancellationToken cancellationToken)
    {
        var snapshot = await index.EnsureReadyAsync(cancellationToken: cancellationToken);
        return generator.Bank(snapshot);
    }

    private static int SeedOf(QuizQuestion question, QuizBank bank) =>
        QuizGenerator.TryParseId(question.Id, bank.CorpusHash, out var seed) ? seed : throw new InvalidOperationException("A generated question has a valid id.");

    /// <summary>Users are kept only as a salted hash of surface and id (the same hashing as answer feedback).</summary>
    private string Key(QuizUser user) => hasher.Hash(user.Surface, string.IsNullOrWhiteSpace(user.Id) ? "anonymous" : user.Id.Trim());
}
