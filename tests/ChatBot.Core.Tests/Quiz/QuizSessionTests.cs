using System.Text;
using ChatBot.Core.Feedback;
using ChatBot.Core.Quiz;
using ChatBot.Feedback.Sqlite;
using ChatBot.Testing;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests.Quiz;

/// <summary>The real quiz service over the real index and a real SQLite progress store in a temp dir.</summary>
public sealed class QuizSessionTests(QuizFixture fixture) : IClassFixture<QuizFixture>, IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("chatbot-quiz");
    private static readonly QuizUser Ana = new("cli", "ana-the-student");

    private string DatabasePath => Path.Combine(_dir, SqliteQuizProgressStore.FileName);

    /// <summary>A service as a fresh process builds it: new session memory, a new store over the same file.</summary>
    private QuizService NewService()
    {
        var hasher = new UserHasher(Options.Create(new FeedbackOptions { Salt = "a-test-salt-of-some-length" }), Options.Create(new ChatBotOptions { DataDir = _dir }));
        return new QuizService(fixture.Engine.Index, new QuizGenerator(), new QuizSessionStore(), new SqliteQuizProgressStore(DatabasePath), hasher);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static string Wrong(QuizQuestion q) => q.Type switch
    {
        QuizQuestionType.TrueFalse => q.Answer == "True" ? "False" : "True",
        QuizQuestionType.MultipleChoice => "ABCD".First(l => l != q.AnswerLetter).ToString(),
        _ => "certainly not the answer",
    };

    [Fact]
    public async Task A_missed_question_is_asked_again_three_questions_later_and_a_known_one_is_not()
    {
        var service = NewService();
        var missed = await service.NextQuestionAsync(Ana);
        var grade = await service.GradeAsync(Ana, missed.Id, Wrong(missed));
        Assert.False(grade.Correct);
        Assert.Equal(3, grade.ReviewIn);

        var asked = new List<QuizQuestion>();
        for (var i = 0; i < 3; i++)
        {
            var q = await service.NextQuestionAsync(Ana);
            asked.Add(q);
            Assert.True((await service.GradeAsync(Ana, q.Id, q.Answer)).Correct);
        }
        // Two new questions, then the missed one comes back (its Leitner box 1 is due after three questions).
        Assert.DoesNotContain(asked.Take(2), q => q.Id == missed.Id);
        Assert.Equal(missed.Id, asked[2].Id);
        Assert.Equal(missed.Question, asked[2].Question);

        // Answered right now, it moves up a box and stays away for a while; the new questions are all different.
        var later = new List<QuizQuestion>();
        for (var i = 0; i < 5; i++)
        {
            var q = await service.NextQuestionAsync(Ana);
            later.Add(q);
            await service.GradeAsync(Ana, q.Id, q.Answer);
        }
        Assert.DoesNotContain(later, q => q.Id == missed.Id);
        Assert.Equal(later.Count + 2, later.Concat(asked.Take(2)).Select(q => q.Citation.Quote).Distinct().Count());
        var score = await service.ScoreAsync(Ana);
        Assert.Equal(new QuizScore(8, 9, 8, 8), score);
    }

    [Fact]
    public async Task Scores_streaks_and_boxes_survive_a_restart()
    {
        var before = NewService();
        var first = await before.NextQuestionAsync(Ana);
        await before.GradeAsync(Ana, first.Id, first.Answer);
        var second = await before.NextQuestionAsync(Ana);
        await before.GradeAsync(Ana, second.Id, Wrong(second));
        var third = await before.NextQuestionAsync(Ana);
        var last = await before.GradeAsync(Ana, third.Id, third.Answer);
        Assert.Equal((2, 3, 1, 1), (last.Score, last.Answered, last.Streak, last.BestStreak));

        // A new process: the score is there, the streak goes on, and the question missed at turn 2 is due at turn 5.
        var after = NewService();
        Assert.Equal(new QuizScore(2, 3, 1, 1), await after.ScoreAsync(Ana));
        var fourth = await after.NextQuestionAsync(Ana);
        Assert.NotEqual(second.Id, fourth.Id);
        var graded = await after.GradeAsync(Ana, fourth.Id, fourth.Answer);
        Assert.Equal((3, 4, 2, 2), (graded.Score, graded.Answered, graded.Streak, graded.BestStreak));
        var fifth = await after.NextQuestionAsync(Ana);
        Assert.Equal(second.Id, fifth.Id);
    }

    [Fact]
    public async Task An_answer_counts_once_per_asking_and_users_are_kept_apart_and_only_as_hashes()
    {
        var service = NewService();
        var q = await service.NextQuestionAsync(Ana);
        Assert.Equal(1, (await service.GradeAsync(Ana, q.Id, q.Answer)).Score);
        var again = await service.GradeAsync(Ana, q.Id, q.Answer);
        Assert.True(again.Correct);
        Assert.Equal((1, 1), (again.Score, again.Answered));
        Assert.Null(again.ReviewIn);

        var ben = new QuizUser("discord", "ben");
        var benGrade = await service.GradeAsync(ben, q.Id, Wrong(q));
        Assert.Equal((0, 1, 0), (benGrade.Score, benGrade.Answered, benGrade.Streak));
        Assert.Equal(new QuizScore(1, 1, 1, 1), await service.ScoreAsync(Ana));
        // The same id on another surface is another user.
        Assert.Equal(QuizScore.None, await service.ScoreAsync(new QuizUser("teams", "ana-the-student")));

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(DatabasePath);
        var wal = DatabasePath + "-wal";
        if (File.Exists(wal)) bytes = [.. bytes, .. await File.ReadAllBytesAsync(wal)];
        Assert.DoesNotContain("ana-the-student", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Concurrent_answers_from_many_users_are_all_counted()
    {
        var service = NewService();
        var bank = new QuizGenerator().Bank(await fixture.Engine.Index.EnsureReadyAsync());
        await Task.WhenAll(Enumerable.Range(0, 120).Select(i => Task.Run(async () =>
        {
            var q = bank.Generate(i);
            await service.GradeAsync(new QuizUser("http", $"user{i % 4}"), q.Id, i % 2 == 0 ? q.Answer : Wrong(q));
        })));
        var scores = await Task.WhenAll(Enumerable.Range(0, 4).Select(u => service.ScoreAsync(new QuizUser("http", $"user{u}"))));
        Assert.All(scores, s => Assert.Equal(30, s.Answered));
        Assert.Equal(60, scores.Sum(s => s.Score));
    }

    [Fact]
    public async Task A_quiz_keeps_to_one_article_or_topic_and_an_unknown_one_is_a_clear_error()
    {
        var service = NewService();
        for (var i = 0; i < 6; i++)
        {
            var q = await service.NextQuestionAsync(Ana, "004");
            Assert.StartsWith("004_", q.Citation.Source);
            Assert.NotEqual(QuizKind.WhichArticle, q.Kind);
            Assert.EndsWith("~004", q.Id);
            var grade = await service.GradeAsync(Ana, q.Id, q.Answer);
            Assert.Equal("004", grade.Scope);
        }
        var topic = await service.NextQuestionAsync(Ana, "extradition");
        Assert.Contains("extradit", topic.Citation.Quote, StringComparison.OrdinalIgnoreCase);

        var error = await Assert.ThrowsAsync<QuizScopeException>(() => service.NextQuestionAsync(Ana, "zzqx-nothing"));
        Assert.Contains("No article or topic matches “zzqx-nothing”", error.Message);
        Assert.Contains("004 (“", error.Message);
        Assert.DoesNotContain('\n', error.Message);

        var json = await service.QuestionForSeedAsync(5, "001");
        Assert.StartsWith("001_", json.Citation.Source);
        var articles = await service.ArticlesAsync();
        Assert.Equal(4, articles.Count); // the near-duplicate is quizzed through its original
        Assert.Contains(articles, a => a.Key == "004");
    }

    [Fact]
    public async Task Grading_shows_the_answer_the_forms_accepted_and_the_source()
    {
        var service = NewService();
        var q = await service.NextQuestionAsync(Ana);
        var wrong = await service.GradeAsync(Ana, q.Id, "");
        Assert.False(wrong.Correct);
        Assert.Contains(q.Answer, wrong.Expected);
        Assert.Contains(q.Citation.Quote, wrong.Feedback);
        Assert.Equal(q.Citation, wrong.Citation);
        Assert.Equal(q.Kind, wrong.Kind);
        Assert.Equal(AnswerGrader.AcceptedForms(q), wrong.Accepted);

        await Assert.ThrowsAsync<QuizQuestionNotFoundException>(() => service.GradeAsync(Ana, "deadbeef:1", "x"));
        await Assert.ThrowsAsync<QuizQuestionNotFoundException>(() => service.GradeAsync(Ana, "", "x"));
    }
}

public sealed class SqliteQuizProgressStoreTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("chatbot-quiz-store");

    private SqliteQuizProgressStore NewStore() => new(Path.Combine(_dir, "nested", SqliteQuizProgressStore.FileName));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Leitner_boxes_move_up_on_right_answers_back_to_one_on_a_miss_and_retire_after_box_five()
    {
        var store = NewStore();
        var schedule = LeitnerSchedule.Default;
        Assert.Equal(1, await store.RecordAskedAsync("u", "q", "f", schedule));
        var miss = await store.RecordAnswerAsync("u", "q", "f", false, schedule);
        Assert.Equal((1, 1 + 3L), (miss.Box, miss.DueTurn!.Value));
        var box = 1;
        foreach (var interval in new[] { 6, 12, 24, 48 })
        {
            var turn = await store.RecordAskedAsync("u", "q", "f", schedule);
            var right = await store.RecordAnswerAsync("u", "q", "f", true, schedule);
            Assert.Equal((++box, turn + interval), (right.Box, right.DueTurn!.Value));
        }
        await store.RecordAskedAsync("u", "q", "f", schedule);
        var retired = await store.RecordAnswerAsync("u", "q", "f", true, schedule);
        Assert.Equal(6, retired.Box);
        Assert.Null(retired.DueTurn);
        Assert.Equal(new QuizScore(5, 6, 5, 5), retired.Score);
    }

    [Fact]
    public async Task A_question_asked_and_never_answered_comes_back_and_a_new_one_answered_right_starts_high()
    {
        var store = NewStore();
        var turn = await store.RecordAskedAsync("u", "skipped", "f1", LeitnerSchedule.Default);
        var card = Assert.Single(await store.CardsAsync("u"));
        Assert.Equal(new QuizCard("skipped", "f1", 0, turn + 3, true), card);

        await store.RecordAskedAsync("u", "known", "f2", LeitnerSchedule.Default);
        var known = await store.RecordAnswerAsync("u", "known", "f2", true, LeitnerSchedule.Default);
        Assert.Equal(4, known.Box);
        Assert.Equal(2 + 24, known.DueTurn);
        // A second store over the same file (another process) sees the same.
        var other = new SqliteQuizProgressStore(store.DatabasePath);
        Assert.Equal(new QuizProgress(new QuizScore(1, 1, 1, 1), 2), await other.GetAsync("u"));
        Assert.Equal(2, (await other.CardsAsync("u")).Count);
    }
}
