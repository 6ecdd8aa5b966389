using ChatBot.Core.Feedback;
using ChatBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests.Feedback;

public sealed class SqliteFeedbackStoreTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("chatbot-feedback");

    private string DbPath => Path.Combine(_dir, SqliteFeedbackStore.FileName);

    private static FeedbackEntry Entry(string question, bool helpful, string user = "u1", string answer = "An answer.") =>
        new("discord", user, question, answer, ["002_d03fe261832cac16.txt"], helpful, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Feedback_survives_a_restart_and_the_report_puts_the_worst_answers_first()
    {
        var store = new SqliteFeedbackStore(DbPath);
        await store.RecordAsync(Entry("Who said there will be no incentives?", true));
        await store.RecordAsync(Entry("When did extraditions start?", false));
        await store.RecordAsync(Entry("when did extraditions start?", false, "u2", "Latest answer."));
        await store.RecordAsync(Entry("What is the DEA?", false));
        await store.RecordAsync(Entry("What is the DEA?", true, "u2"));

        // A new store on the same file, as after a restart.
        var restarted = new SqliteFeedbackStore(DbPath);
        var report = await restarted.WorstRatedAsync(10);
        Assert.Equal(3, report.Count);
        Assert.Equal((2, 0), (report[0].NotHelpful, report[0].Helpful));
        Assert.Equal("when did extraditions start?", report[0].Question.ToLowerInvariant());
        Assert.Equal("Latest answer.", report[0].LatestAnswer);
        Assert.Equal(["002_d03fe261832cac16.txt"], report[0].CitationSources);
        Assert.Equal(("What is the DEA?", 1, 1), (report[1].Question, report[1].NotHelpful, report[1].Helpful));
        Assert.Equal((0, 1), (report[2].NotHelpful, report[2].Helpful));
        Assert.Single(await restarted.WorstRatedAsync(1));

        await using var connection = new SqliteConnection($"Data Source={DbPath}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*), COUNT(DISTINCT user_hash) FROM feedback";
        await using var reader = await count.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((5L, 2L), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    [Fact]
    public async Task Invalid_entries_are_refused_and_nothing_is_stored()
    {
        var store = new SqliteFeedbackStore(DbPath);
        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(Entry("  ", true)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(Entry(new string('q', 5000), true)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(Entry("q?", true) with { CitationSources = Enumerable.Repeat("x", 100).ToList() }));
        Assert.Empty(await store.WorstRatedAsync(5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.WorstRatedAsync(0));
    }

    [Fact]
    public void User_hashes_are_salted_stable_and_never_the_raw_id()
    {
        var chatBot = Options.Create(new ChatBotOptions { DataDir = _dir });
        var generated = new UserHasher(Options.Create(new FeedbackOptions()), chatBot);
        var hash = generated.Hash("discord", "123456789");
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain("123456789", hash);
        Assert.True(File.Exists(Path.Combine(_dir, UserHasher.SaltFileName)));
        // The generated salt is kept: a restarted process hashes the same user the same way.
        Assert.Equal(hash, new UserHasher(Options.Create(new FeedbackOptions()), chatBot).Hash("discord", "123456789"));
        Assert.NotEqual(hash, generated.Hash("teams", "123456789"));
        Assert.NotEqual(hash, generated.Hash("discord", "123456780"));
        // A configured salt wins, and gives different hashes.
        var configured = new UserHasher(Options.Create(new FeedbackOptions { Salt = "a-configured-salt-value" }), chatBot);
        Assert.NotEqual(hash, configured.Hash("discord", "123456789"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
