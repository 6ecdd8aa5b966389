using ChatBot.Core.Answering;
using ChatBot.Core.Feedback;
using ChatBot.Feedback.Sqlite;
using ChatBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Core.Tests.Feedback;

/// <summary>Feedback by answer id: the server's own text, bounded and expiring answers, per-person limits. Time is a FakeTimeProvider.</summary>
public sealed class FeedbackServiceTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("chatbot-feedback-service");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    public FeedbackServiceTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatBot:DataDir"] = _dir,
            ["Feedback:PermitsPerMinute"] = "3",
            ["Feedback:AnswerRetention"] = "01:00:00",
            ["Feedback:AnswerCacheMegabytes"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging();
        services.AddOptions<ChatBotOptions>().BindConfiguration(ChatBotOptions.Section);
        services.AddSqliteFeedback(configuration);
        _services = services.BuildServiceProvider();
    }

    private AnswerLedger Ledger => _services.GetRequiredService<AnswerLedger>();
    private FeedbackService Feedback => _services.GetRequiredService<FeedbackService>();

    private static Answer AnAnswer(string question = "When did Mexico begin extraditing its citizens?") => new()
    {
        Question = question,
        Answered = true,
        Text = "In 1996. [1]",
        Citations = [new Citation(1, "002_d03fe261832cac16.txt", "Title", "Outlet", null, "A quote.")],
    };

    [Fact]
    public async Task The_stored_text_is_the_servers_own_record_of_the_answer()
    {
        var kept = Ledger.Keep(AnAnswer());
        Assert.Equal(22, kept.AnswerId!.Length);

        Assert.Equal(FeedbackOutcome.Recorded, await Feedback.RecordAsync("http", "ip:203.0.113.5", kept.AnswerId, helpful: false));
        var row = Assert.Single(await _services.GetRequiredService<IFeedbackReport>().WorstRatedAsync(5));
        Assert.Equal(("When did Mexico begin extraditing its citizens?", "In 1996. [1]", 1), (row.Question, row.LatestAnswer, row.NotHelpful));
        Assert.Equal(["002_d03fe261832cac16.txt"], row.CitationSources);
    }

    [Fact]
    public async Task Unknown_and_expired_answer_ids_store_nothing()
    {
        var kept = Ledger.Keep(AnAnswer());
        Assert.Equal(FeedbackOutcome.UnknownAnswer, await Feedback.RecordAsync("http", "u1", "no-such-answer", true));
        Assert.Equal(FeedbackOutcome.UnknownAnswer, await Feedback.RecordAsync("http", "u1", new string('x', 5000), true));

        _time.Advance(TimeSpan.FromMinutes(61));
        Assert.Null(Ledger.Find(kept.AnswerId));
        Assert.Equal(FeedbackOutcome.UnknownAnswer, await Feedback.RecordAsync("http", "u2", kept.AnswerId, true));
        Assert.Empty(await _services.GetRequiredService<IFeedbackReport>().WorstRatedAsync(5));
    }

    [Fact]
    public async Task Each_person_is_limited_per_minute_and_the_window_turns_over()
    {
        var answers = Enumerable.Range(0, 5).Select(i => Ledger.Keep(AnAnswer($"Question {i}?"))).ToList();
        var outcomes = new List<FeedbackOutcome>();
        foreach (var answer in answers) outcomes.Add(await Feedback.RecordAsync("discord", "flooder", answer.AnswerId, false));
        Assert.Equal("Recorded,Recorded,Recorded,TooMany,TooMany", string.Join(",", outcomes));
        // Someone else is not affected, and the same person may go on after the minute.
        Assert.Equal(FeedbackOutcome.Recorded, await Feedback.RecordAsync("discord", "someone-else", answers[4].AnswerId, true));
        _time.Advance(FeedbackLimiter.Window);
        Assert.Equal(FeedbackOutcome.Recorded, await Feedback.RecordAsync("discord", "flooder", answers[4].AnswerId, false));
        // Questions 0–2 once each, question 4 from two people.
        Assert.Equal([1, 1, 1, 2], (await _services.GetRequiredService<IFeedbackReport>().WorstRatedAsync(10)).Select(r => r.NotHelpful + r.Helpful).Order());
    }

    [Fact]
    public void The_ledger_is_bounded_by_its_size_limit()
    {
        // About 1 MB of answers into a 1 MB ledger, then as much again: the oldest are dropped, memory stays bounded.
        var big = AnAnswer() with { Text = new string('a', 50_000) };
        var ids = Enumerable.Range(0, 40).Select(_ => Ledger.Keep(big).AnswerId!).ToList();
        var kept = ids.Count(id => Ledger.Find(id) is not null);
        Assert.InRange(kept, 1, 10);
    }

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
