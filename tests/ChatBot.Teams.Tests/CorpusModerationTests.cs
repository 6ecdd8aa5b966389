using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Core.Feedback;
using ChatBot.Feedback.Sqlite;
using ChatBot.Teams.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatBot.Teams.Tests;

/// <summary>
/// A bot host with the real engine, quiz, corpus admin and SQLite feedback (AddChatBotCore +
/// AddChatBotStudentsAndModerators) over a temp copy of the corpus and a temp data dir.
/// </summary>
public sealed class ModerationFixture : IAsyncLifetime
{
    public const long MaxUploadBytes = 64 * 1024;
    public FakeSigningKey Key { get; } = new("bf-key-moderation", "msteams");
    public FakeBotFrameworkServer BotFramework { get; private set; } = null!;
    internal TeamsBotHost Host { get; private set; } = null!;
    public string CorpusDir { get; } = TeamsBotHost.CopyOfCorpus();
    public string DataDir { get; } = RepoPaths.NewTempDir("chatbot-teams-data");
    private int _activity;

    public async Task InitializeAsync()
    {
        BotFramework = await FakeBotFrameworkServer.StartAsync(TeamsBotHost.AppId, TeamsBotHost.AppPassword, Key);
        Host = await TeamsBotHost.StartAsync(BotFramework, engine: null, studentsAndModerators: true, configure: c =>
        {
            c["ChatBot:CorpusDir"] = CorpusDir;
            c["ChatBot:DataDir"] = DataDir;
            c["Moderation:MaxUploadBytes"] = MaxUploadBytes.ToString();
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await BotFramework.DisposeAsync();
        Key.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var dir in new[] { CorpusDir, DataDir }) Directory.Delete(dir, recursive: true);
    }

    public string NextActivityId() => $"mod-{Interlocked.Increment(ref _activity)}";

    public async Task<RecordedActivity> PostAndWaitAsync(JsonObject activity)
    {
        var token = FakeBotFrameworkTokens.Mint(Key, new(TeamsBotHost.AppId, BotFramework.ServiceUrl));
        using var response = await Host.PostActivityAsync(activity, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (string)activity["id"]!;
        return await BotFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/" + id, StringComparison.Ordinal), TimeSpan.FromSeconds(90));
    }

    public Task<RecordedActivity> UploadAsync(string fileName, byte[] content, string aadObjectId, string? text = null) =>
        PostAndWaitAsync(Activities.FileUpload(BotFramework.ServiceUrl, fileName, BotFramework.ServeFile(content), aadObjectId, NextActivityId(), text));

    public Task<RecordedActivity> SayAsync(string text, string aadObjectId, JsonObject? value = null) =>
        PostAndWaitAsync(Activities.Personal(BotFramework.ServiceUrl, text, aadObjectId, NextActivityId(), value));

    /// <summary>The corpus folder's files with their contents, to prove a refused change left it alone.</summary>
    public Dictionary<string, string> CorpusState() =>
        Directory.GetFiles(CorpusDir).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    public IReadOnlyList<JsonObject> AuditLines()
    {
        var path = Path.Combine(DataDir, "audit.jsonl");
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList() : [];
    }
}

/// <summary>Moderators manage the corpus by sending files in a personal chat; everyone else is refused and audited.</summary>
public sealed class CorpusModerationTests(ModerationFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ModerationFixture>
{
    private const string Moderator = TeamsBotHost.ModeratorAadObjectId;
    private const string Student = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";

    private const string NewArticle = """
        Binational Port Scanning Pilot Expands to Manzanillo

        MANZANILLO, Mexico – A joint customs pilot known as Operation Faro will place 42 X-ray cargo scanners at the Pacific port of Manzanillo by the end of the year, officials from both countries said on Tuesday.

        The program pairs Mexican customs inspectors with advisers from U.S. Customs and Border Protection, who train crews to read the scanner images and flag containers that may hold precursor chemicals used to make fentanyl.

        "Manzanillo handles more containers than any other port in Mexico, so it is where the chemicals arrive," said Laura Benítez, the customs official who leads Operation Faro. She said the first scanners found mislabeled shipments within days.

        The pilot began at the port of Lázaro Cárdenas in 2023 and is paid for jointly, with the United States covering training and Mexico buying the equipment.
        """;

    [Fact]
    public async Task Moderator_upload_is_added_and_the_next_question_is_answered_from_it()
    {
        var reply = await fixture.UploadAsync("005_operation_faro.txt", Encoding.UTF8.GetBytes(NewArticle), Moderator, text: "add");
        Assert.StartsWith("Added **005_operation_faro.txt**", reply.Text);
        Assert.Contains("6 documents", reply.Text);
        Assert.Equal(NewArticle, await File.ReadAllTextAsync(Path.Combine(fixture.CorpusDir, "005_operation_faro.txt")));
        // The pre-authorised URL is read with a plain GET: the bot's connector token never goes to the file host.
        Assert.Contains(fixture.BotFramework.Downloads, d => d.Status == 200);
        Assert.All(fixture.BotFramework.Downloads, d => Assert.Null(d.Authorization));
        // The download URL carries its own credential (tempauth): it must not reach the logs.
        Assert.Contains("download.aspx", fixture.Host.Logs.AllText);
        Assert.DoesNotContain("tempauth=", fixture.Host.Logs.AllText);
        Assert.Contains(fixture.AuditLines(), l => (string?)l["action"] == "add" && (string?)l["file"] == "005_operation_faro.txt"
                                                   && (string?)l["outcome"] == "ok" && (string?)l["actor"] == "teams:" + Moderator);

        var answer = await fixture.SayAsync("How many X-ray cargo scanners will Operation Faro place at Manzanillo?", Student);
        output.WriteLine(reply.Text);
        output.WriteLine(answer.Text);
        Assert.Contains("42", answer.Text);
        var citations = answer.Body["entities"]![0]!["citation"]!.AsArray();
        Assert.Contains(citations, c => (string?)c!["appearance"]!["name"] == "Binational Port Scanning Pilot Expands to Manzanillo");

        var list = await fixture.SayAsync("corpus list", Moderator);
        Assert.Contains("**005_operation_faro.txt**", list.Text);
        Assert.Contains("**000_ec4c33d2d5d46252.txt**", list.Text);

        var removed = await fixture.SayAsync("remove 005_operation_faro.txt", Moderator);
        Assert.StartsWith("Removed **005_operation_faro.txt**", removed.Text);
        Assert.Contains("5 documents", removed.Text);
        Assert.False(File.Exists(Path.Combine(fixture.CorpusDir, "005_operation_faro.txt")));
        var missing = await fixture.SayAsync("remove 005_operation_faro.txt", Moderator);
        Assert.Equal("005_operation_faro.txt is not in the corpus.", missing.Text);
    }

    [Fact]
    public async Task Expired_download_link_is_reported_and_changes_nothing()
    {
        var before = fixture.CorpusState();
        var url = fixture.BotFramework.ServeFile(Encoding.UTF8.GetBytes(NewArticle), lifetime: TimeSpan.FromSeconds(-1));
        var reply = await fixture.PostAndWaitAsync(Activities.FileUpload(fixture.BotFramework.ServiceUrl, "011_late.txt", url, Moderator, fixture.NextActivityId()));
        Assert.Contains("Could not download 011_late.txt from Teams (HTTP 401)", reply.Text);
        Assert.Equal(before, fixture.CorpusState());
    }

    [Fact]
    public async Task Help_shows_moderator_commands_to_moderators_only()
    {
        var moderator = await fixture.SayAsync("help", Moderator);
        Assert.Contains("Moderators:", moderator.Text);
        Assert.Contains("**corpus list**", moderator.Text);
        var student = await fixture.SayAsync("help", Student);
        Assert.DoesNotContain("Moderators:", student.Text);

        var list = await fixture.SayAsync("corpus list", Student);
        Assert.Contains("only moderators", list.Text);
        Assert.Contains(fixture.AuditLines(), l => (string?)l["action"] == "list" && (string?)l["outcome"] == "refused" && (string?)l["actor"] == "teams:" + Student);
    }

    [Fact]
    public async Task Non_moderator_upload_is_refused_audited_and_never_downloaded()
    {
        var before = fixture.CorpusState();
        var downloadsBefore = fixture.BotFramework.Downloads.Count;
        var reply = await fixture.UploadAsync("006_sneaky.txt", Encoding.UTF8.GetBytes(NewArticle.Replace("42", "99")), Student);

        Assert.Contains("only moderators", reply.Text);
        Assert.Equal(before, fixture.CorpusState());
        Assert.Equal(downloadsBefore, fixture.BotFramework.Downloads.Count);
        Assert.Contains(fixture.AuditLines(), l => (string?)l["action"] == "add" && (string?)l["file"] == "006_sneaky.txt"
                                                   && (string?)l["outcome"] == "refused" && (string?)l["actor"] == "teams:" + Student);

        var remove = await fixture.SayAsync("remove 000_ec4c33d2d5d46252.txt", Student);
        Assert.Contains("only moderators", remove.Text);
        Assert.True(File.Exists(Path.Combine(fixture.CorpusDir, "000_ec4c33d2d5d46252.txt")));
        Assert.Contains(fixture.AuditLines(), l => (string?)l["action"] == "remove" && (string?)l["outcome"] == "refused");
    }

    [Fact]
    public async Task Binary_empty_and_oversize_uploads_are_refused_with_the_reason_and_change_nothing()
    {
        var before = fixture.CorpusState();

        var binary = new byte[4096];
        new Random(7).NextBytes(binary);
        binary[10] = 0;
        var reply = await fixture.UploadAsync("007_binary.txt", binary, Moderator);
        Assert.DoesNotContain("Added", reply.Text);
        Assert.Contains("007_binary.txt", reply.Text);

        var empty = await fixture.UploadAsync("008_empty.txt", [], Moderator);
        Assert.DoesNotContain("Added", empty.Text);

        var oversize = await fixture.UploadAsync("009_big.txt", Encoding.UTF8.GetBytes(new string('a', (int)ModerationFixture.MaxUploadBytes + 1)), Moderator);
        Assert.Contains("larger than 64 KB", oversize.Text);

        var wrongType = await fixture.UploadAsync("report.pdf", Encoding.UTF8.GetBytes("%PDF-1.7"), Moderator);
        Assert.Contains("only .txt", wrongType.Text);

        var latin1 = await fixture.UploadAsync("010_latin1.txt", Encoding.Latin1.GetBytes(NewArticle), Moderator);
        Assert.Contains("not UTF-8", latin1.Text);

        foreach (var r in new[] { reply, empty, oversize, wrongType, latin1 }) output.WriteLine(r.Text);
        Assert.Equal(before, fixture.CorpusState());
        Assert.Contains(fixture.AuditLines(), l => (string?)l["file"] == "007_binary.txt" && (string?)l["outcome"] == "rejected");
    }

    [Fact]
    public async Task Feedback_press_lands_in_the_sqlite_store_with_the_servers_text_and_the_shared_user_hash()
    {
        var answer = await fixture.SayAsync("Who said there will be no incentives to collaborate with the United States?", Student);
        var thumbsDown = answer.Body["attachments"]![0]!["content"]!["actions"]![1]!["data"]!.DeepClone().AsObject();
        thumbsDown["question"] = "Forged question?"; // ignored: the server keeps the answer it gave
        var reply = await fixture.SayAsync("", Student, thumbsDown);
        Assert.Equal("Thanks for the feedback!", reply.Text);

        var expectedHash = fixture.Host.Services.GetRequiredService<UserHasher>().Hash("teams", Student);
        await using var db = new SqliteConnection($"Data Source={Path.Combine(fixture.DataDir, SqliteFeedbackStore.FileName)};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT surface, user_hash, question, citations, helpful, answer_id FROM feedback WHERE answer_id = $id";
        command.Parameters.AddWithValue("$id", (string?)thumbsDown["answer_id"]);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal("teams", row.GetString(0));
        Assert.Equal(expectedHash, row.GetString(1));
        Assert.Equal("Who said there will be no incentives to collaborate with the United States?", row.GetString(2));
        Assert.Contains("000_ec4c33d2d5d46252.txt", row.GetString(3));
        Assert.Equal(0, row.GetInt32(4));
        Assert.False(await row.ReadAsync());

        var expired = await fixture.SayAsync("", Student, new JsonObject { ["action"] = "chatbot.feedback", ["helpful"] = true, ["answer_id"] = "no-such-answer" });
        Assert.Contains("too old to rate", expired.Text);
    }

    [Fact]
    public async Task A_download_link_to_a_host_outside_the_allowlist_is_never_fetched()
    {
        var before = fixture.CorpusState();
        var downloads = fixture.BotFramework.Downloads.Count;
        var url = fixture.BotFramework.ServeFile(Encoding.UTF8.GetBytes(NewArticle)).Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var reply = await fixture.PostAndWaitAsync(Activities.FileUpload(fixture.BotFramework.ServiceUrl, "012_elsewhere.txt", url, Moderator, fixture.NextActivityId()));
        Assert.Contains("does not come from Teams", reply.Text);
        Assert.Equal(downloads, fixture.BotFramework.Downloads.Count);
        Assert.Equal(before, fixture.CorpusState());
        Assert.Contains(fixture.AuditLines(), l => (string?)l["file"] == "012_elsewhere.txt" && (string?)l["outcome"] == "rejected");
    }

    [Fact]
    public async Task A_redirect_to_a_host_outside_the_allowlist_is_not_followed()
    {
        var before = fixture.CorpusState();
        var url = fixture.BotFramework.ServeFile(Encoding.UTF8.GetBytes(NewArticle), redirectToHost: "localhost");
        var reply = await fixture.PostAndWaitAsync(Activities.FileUpload(fixture.BotFramework.ServiceUrl, "013_redirected.txt", url, Moderator, fixture.NextActivityId()));
        Assert.Contains("does not come from Teams", reply.Text);
        Assert.DoesNotContain(fixture.BotFramework.Downloads, d => d.Host == "localhost");
        Assert.Equal(before, fixture.CorpusState());
    }
}
