using ChatBot.Core.Quiz;

namespace ChatBot.Core.Tests.Quiz;

public sealed class QuizSessionTests(QuizFixture fixture) : IClassFixture<QuizFixture>
{
    [Fact]
    public void Score_and_streak_per_user()
    {
        var store = new QuizSessionStore();
        Assert.Equal(new QuizScore(1, 1, 1, 1), store.Record("ana", "q1", true));
        Assert.Equal(new QuizScore(2, 2, 2, 2), store.Record("ana", "q2", true));
        Assert.Equal(new QuizScore(2, 3, 0, 2), store.Record("ana", "q3", false));
        Assert.Equal(new QuizScore(3, 4, 1, 2), store.Record("ana", "q4", true));
        // Another user starts from nothing; answering the same question again does not count twice.
        Assert.Equal(new QuizScore(0, 1, 0, 0), store.Record("ben", "q1", false));
        Assert.Equal(new QuizScore(3, 4, 1, 2), store.Record("ana", "q4", true));
        Assert.Equal(new QuizScore(3, 4, 1, 2), store.Score("ana"));
    }

    [Fact]
    public void Store_is_bounded_dropping_the_least_recently_used()
    {
        var store = new QuizSessionStore(capacity: 3);
        store.Record("a", "q", true);
        store.Record("b", "q", true);
        store.Record("c", "q", true);
        store.Record("a", "q2", true); // a is used again: b is now the oldest
        store.Record("d", "q", true);
        Assert.Equal(3, store.Count);
        Assert.Equal(0, store.Score("b").Answered);
        Assert.Equal(2, store.Score("a").Answered);
    }

    [Fact]
    public async Task Concurrent_answers_are_all_counted()
    {
        var store = new QuizSessionStore();
        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => store.Record($"user{i % 4}", $"q{i}", i % 2 == 0))));
        for (var u = 0; u < 4; u++) Assert.Equal(100, store.Score($"user{u}").Answered);
        Assert.Equal(200, Enumerable.Range(0, 4).Sum(u => store.Score($"user{u}").Score));
    }

    [Fact]
    public async Task Service_asks_different_questions_grades_and_keeps_score()
    {
        var service = new QuizService(fixture.Engine.Index, new QuizGenerator(), new QuizSessionStore());
        var questions = new List<QuizQuestion>();
        for (var i = 0; i < 5; i++) questions.Add(await service.NextQuestionAsync("ana"));
        Assert.Equal(5, questions.Select(q => q.Citation.Quote).Distinct().Count());

        var right = await service.GradeAsync("ana", questions[0].Id, questions[0].Answer);
        Assert.True(right.Correct);
        Assert.Equal((1, 1, 1), (right.Score, right.Answered, right.Streak));
        Assert.Contains(questions[0].Citation.Quote, right.Feedback);
        Assert.Equal(questions[0].Citation, right.Citation);

        var wrong = await service.GradeAsync("ana", questions[1].Id, "");
        Assert.False(wrong.Correct);
        Assert.Equal((1, 2, 0), (wrong.Score, wrong.Answered, wrong.Streak));
        Assert.Contains(questions[1].Answer, wrong.Expected);
        Assert.Contains(questions[1].Answer, wrong.Feedback);

        await Assert.ThrowsAsync<QuizQuestionNotFoundException>(() => service.GradeAsync("ana", "deadbeef:1", "x"));
        await Assert.ThrowsAsync<QuizQuestionNotFoundException>(() => service.GradeAsync("ana", "", "x"));
    }
}
