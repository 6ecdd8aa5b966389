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

    private static Answer Big(int i) => AnAnswer($"Question {i}?") with { Text = new string('a', 50_000) };

    [Fact]
    public void A_full_ledger_keeps_the_newest_answer_and_drops_the_oldest()
    {
        // About 100 KB answers into a 1 MB ledger, four times as many as fit: each new one is kept at once,
        // the oldest go, and the total stays within the limit.
        var fits = (int)(1024 * 1024 / AnswerLedger.EstimateBytes(Big(0)));
        var ids = new List<string>();
        for (var i = 0; i < 4 * fits; i++)
        {
            ids.Add(Ledger.Keep(Big(i)).AnswerId!);
            Assert.Equal($"Question {i}?", Ledger.Find(ids[^1])?.Question);
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        var kept = ids.Select(id => Ledger.Find(id) is not null).ToList();
        Assert.InRange(kept.Count(k => k), fits - 2, fits);
        // What is kept is the newest run of answers.
        Assert.Equal(kept.Count(k => k), kept.AsEnumerable().Reverse().TakeWhile(k => k).Count());
    }

    [Fact]
    public void A_full_ledger_drops_expired_answers_before_live_ones_used_less_recently()
    {
        var fits = (int)(1024 * 1024 / AnswerLedger.EstimateBytes(Big(0)));
        var old = Ledger.Keep(Big(-1));
        _time.Advance(TimeSpan.FromMinutes(30));
        var live = Enumerable.Range(0, fits - 1).Select(i => Ledger.Keep(Big(i)).AnswerId!).ToList();
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(Ledger.Find(old.AnswerId)); // used last, but it expires first (retention 1 h)
        _time.Advance(TimeSpan.FromMinutes(2));

        var newest = Ledger.Keep(Big(fits));

        Assert.NotNull(Ledger.Find(newest.AnswerId));
        Assert.All(live, id => Assert.NotNull(Ledger.Find(id)));
        Assert.Null(Ledger.Find(old.AnswerId));
    }

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
