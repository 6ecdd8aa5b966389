using ChatBot.Core.Feedback;
using ChatBot.Feedback.Sqlite;
using ChatBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests.Feedback;

public sealed class SqliteFeedbackStoreTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("chatbot-feedback");

    private string DbPath => Path.Combine(_dir, SqliteFeedbackStore.FileName);

    private static FeedbackEntry Entry(string question, bool helpful, string user = "u1", string answer = "An answer.", string? answerId = null) =>
        new(answerId ?? Guid.NewGuid().ToString("N"), "discord", user, question, answer, ["002_d03fe261832cac16.txt"], helpful, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Feedback_survives_a_restart_and_the_report_puts_the_worst_answers_first()
    {
        var store = SqliteFeedbackStore.Open(DbPath);
        await store.RecordAsync(Entry("Who said there will be no incentives?", true));
        await store.RecordAsync(Entry("When did extraditions start?", false));
        await store.RecordAsync(Entry("when did extraditions start?", false, "u2", "Latest answer."));
        await store.RecordAsync(Entry("What is the DEA?", false));
        await store.RecordAsync(Entry("What is the DEA?", true, "u2"));

        // A new store on the same file, as after a restart.
        var restarted = SqliteFeedbackStore.Open(DbPath);
        var report = await restarted.WorstRatedAsync(10);
        Assert.Equal(3, report.Count);
        Assert.Equal((2, 0), (report[0].NotHelpful, report[0].Helpful));
        Assert.Equal("when did extraditions start?", report[0].Question.ToLowerInvariant());
        Assert.Equal("Latest answer.", report[0].LatestAnswer);
        Assert.Equal(["002_d03fe261832cac16.txt"], report[0].CitationSources);
        Assert.Equal(("What is the DEA?", 1, 1), (report[1].Question, report[1].NotHelpful, report[1].Helpful));
        Assert.Equal((0, 1), (report[2].NotHelpful, report[2].Helpful));
        Assert.Single(await restarted.WorstRatedAsync(1));
        Assert.Equal((5L, 2L), await CountsAsync());
    }

    [Fact]
    public async Task One_vote_per_person_and_answer_a_second_press_replaces_the_first()
    {
        var store = SqliteFeedbackStore.Open(DbPath);
        await store.RecordAsync(Entry("When did extraditions start?", true, "u1", answerId: "answer-1"));
        await store.RecordAsync(Entry("When did extraditions start?", false, "u1", answerId: "answer-1"));
        await store.RecordAsync(Entry("When did extraditions start?", false, "u2", answerId: "answer-1"));

        var row = Assert.Single(await store.WorstRatedAsync(5));
        Assert.Equal((2, 0), (row.NotHelpful, row.Helpful));
        Assert.Equal((2L, 2L), await CountsAsync());
    }

    [Fact]
    public async Task A_database_from_before_answer_ids_is_upgraded_in_place()
    {
        await using (var old = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, surface TEXT NOT NULL, user_hash TEXT NOT NULL,
                    question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)));
                INSERT INTO feedback (at, surface, user_hash, question, answer, citations, helpful)
                VALUES ('2026-01-01T00:00:00.0000000+00:00', 'teams', 'h', 'Old question?', 'Old answer.', '[]', 0);
                """;
            await create.ExecuteNonQueryAsync();
        }
        var store = SqliteFeedbackStore.Open(DbPath);
        await store.RecordAsync(Entry("New question?", true));
        var report = await store.WorstRatedAsync(5);
        Assert.Equal(["Old question?", "New question?"], report.Select(r => r.Question));
    }

    [Fact]
    public async Task Invalid_entries_are_refused_and_nothing_is_stored()
    {
        var store = SqliteFeedbackStore.Open(DbPath);
        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(Entry("  ", true)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(Entry("q?", true) with { AnswerId = "" }));
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

    private async Task<(long Rows, long Users)> CountsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*), COUNT(DISTINCT user_hash) FROM feedback";
        await using var reader = await count.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
