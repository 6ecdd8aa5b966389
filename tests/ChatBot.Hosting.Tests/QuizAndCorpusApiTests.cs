using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatBot.Core.Answering;
using ChatBot.Core.Moderation;
using ChatBot.Core.Quiz;
using ChatBot.Core.Search;
using ChatBot.Feedback.Sqlite;
using ChatBot.Hosting.Tests.Support;
using ChatBot.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatBot.Hosting.Tests;

/// <summary>The quiz, corpus and feedback endpoints of `serve` (ServeHost on 127.0.0.1, the real engine) over a temp copy of the corpus.</summary>
public sealed class QuizAndCorpusApiTests : IAsyncLifetime
{
    private readonly string _corpus = ChatBotServer.CopyOfCorpus();
    private ChatBotServer _server = null!;
    private HttpClient _http = null!;

    private string CorpusDir => _corpus;
    private string DataDir => _server.DataDir;

    public async Task InitializeAsync()
    {
        _server = await ChatBotServer.StartAsync(new()
        {
            RealEngine = true,
            CorpusDir = _corpus,
            Config = new Dictionary<string, string?> { ["Api:ModeratorApiKey"] = Moderator.Key },
        });
        _http = _server.Client;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        try { Directory.Delete(_corpus, recursive: true); } catch (IOException) { }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<JsonElement> ReadJson(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task<string> AnswerFor(string id)
    {
        Assert.True(QuizGenerator.TryParseId(id, _server.App.Services.GetRequiredService<CorpusIndex>().Snapshot.CorpusHash, out var seed));
        return (await _server.App.Services.GetRequiredService<IQuizService>().QuestionForSeedAsync(seed)).Answer;
    }

    [Fact]
    public async Task A_question_comes_without_its_answer_and_answers_are_graded_with_score_and_streak()
    {
        var response = await _http.PostAsync("api/quiz", Json("""{"user": "ana"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var q = await ReadJson(response);
        Assert.Equal(["id", "type", "kind", "question", "choices", "difficulty"], q.EnumerateObject().Select(p => p.Name));
        var id = q.GetProperty("id").GetString()!;
        var answer = await AnswerFor(id);

        var right = await ReadJson(await _http.PostAsync("api/quiz/answer", Json(JsonSerializer.Serialize(new { id, answer, user = "ana" }))));
        Assert.True(right.GetProperty("correct").GetBoolean());
        Assert.Equal(1, right.GetProperty("score").GetInt32());
        Assert.Equal(1, right.GetProperty("streak").GetInt32());
        Assert.Contains(answer, right.GetProperty("expected").GetString());
        Assert.StartsWith("00", right.GetProperty("citation").GetProperty("source").GetString());
        Assert.Contains(right.GetProperty("citation").GetProperty("quote").GetString()!, right.GetProperty("feedback").GetString());

        var next = await ReadJson(await _http.PostAsync("api/quiz", Json("""{"user": "ana"}""")));
        var wrong = await ReadJson(await _http.PostAsync("api/quiz/answer",
            Json(JsonSerializer.Serialize(new { id = next.GetProperty("id").GetString(), answer = "Nobody 123456", user = "ana" }))));
        Assert.False(wrong.GetProperty("correct").GetBoolean());
        Assert.Equal(1, wrong.GetProperty("score").GetInt32());
        Assert.Equal(0, wrong.GetProperty("streak").GetInt32());
        Assert.Contains("Not quite", wrong.GetProperty("feedback").GetString());

        // Another user has their own score.
        var other = await ReadJson(await _http.PostAsync("api/quiz/answer", Json(JsonSerializer.Serialize(new { id, answer, user = "ben" }))));
        Assert.Equal(1, other.GetProperty("score").GetInt32());
        Assert.Equal(1, other.GetProperty("answered").GetInt32());
    }

    [Fact]
    public async Task A_quiz_on_one_article_keeps_to_it_and_grades_show_the_accepted_forms()
    {
        for (var i = 0; i < 4; i++)
        {
            var q = await ReadJson(await _http.PostAsync("api/quiz", Json("""{"user": "cleo", "article": "004"}""")));
            var id = q.GetProperty("id").GetString()!;
            Assert.EndsWith("~004", id);
            Assert.NotEqual("which_article", q.GetProperty("kind").GetString());
            var grade = await ReadJson(await _http.PostAsync("api/quiz/answer", Json(JsonSerializer.Serialize(new { id, answer = "no idea", user = "cleo" }))));
            Assert.StartsWith("004_", grade.GetProperty("citation").GetProperty("source").GetString());
            Assert.Equal("004", grade.GetProperty("scope").GetString());
            Assert.Equal(q.GetProperty("kind").GetString(), grade.GetProperty("kind").GetString());
            Assert.NotEqual(0, grade.GetProperty("accepted").GetArrayLength());
            Assert.Equal(3, grade.GetProperty("review_in").GetInt32());
        }

        var unknown = await _http.PostAsync("api/quiz", Json("""{"user": "cleo", "article": "zzqx-nothing"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var error = (await ReadJson(unknown)).GetProperty("error").GetString()!;
        Assert.StartsWith("No article or topic matches “zzqx-nothing”.", error);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("api/quiz/answer", """{"id": "0badc0de:5", "answer": "x"}""", HttpStatusCode.NotFound)]
    [InlineData("api/quiz/answer", """{"id": "", "answer": "x"}""", HttpStatusCode.BadRequest)]
    [InlineData("api/quiz/answer", """{"id": "abc", "answer": """, HttpStatusCode.BadRequest)]
    [InlineData("api/quiz/answer", "", HttpStatusCode.BadRequest)]
    [InlineData("api/quiz", """{"user": 5}""", HttpStatusCode.BadRequest)]
    [InlineData("api/quiz", "not json", HttpStatusCode.BadRequest)]
    [InlineData("api/feedback", """{"answer_id": "abc"}""", HttpStatusCode.BadRequest)]
    [InlineData("api/feedback", """{"helpful": true}""", HttpStatusCode.BadRequest)]
    [InlineData("api/feedback", """{"answer_id": "abc", "helpful": "yes"}""", HttpStatusCode.BadRequest)]
    [InlineData("api/feedback", """{"answer_id": "no-such-answer", "helpful": true}""", HttpStatusCode.NotFound)]
    public async Task Bad_requests_get_a_json_error(string path, string body, HttpStatusCode status)
    {
        var response = await _http.PostAsync(path, Json(body));
        Assert.Equal(status, response.StatusCode);
        var error = await ReadJson(response);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task An_oversize_json_body_is_refused()
    {
        var response = await _http.PostAsync("api/feedback", Json(JsonSerializer.Serialize(new { question = new string('q', 100_000), answer = "a", helpful = true })));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Feedback_on_an_answer_id_is_stored_with_the_servers_text_and_survives_a_restart()
    {
        using var asked = await _http.PostAsync("api/ask", Json("""{"question": "When did Mexico begin extraditing its citizens?"}"""));
        var answer = await ReadJson(asked);
        var answerId = answer.GetProperty("answer_id").GetString()!;

        var response = await _http.PostAsync("api/feedback", Json(JsonSerializer.Serialize(new
        {
            answer_id = answerId,
            helpful = false,
            // Text a client sends is ignored: the server stores its own record of the answer.
            question = "Forged question?",
            answer = "Forged answer.",
        })));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var restarted = SqliteFeedbackStore.Open(Path.Combine(DataDir, SqliteFeedbackStore.FileName));
        var row = Assert.Single(await restarted.WorstRatedAsync(10));
        Assert.Equal(answer.GetProperty("question").GetString(), row.Question);
        Assert.Equal(answer.GetProperty("answer").GetString(), row.LatestAnswer);
        Assert.Equal(1, row.NotHelpful);
        Assert.Equal(answer.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("source").GetString()).Distinct(), row.CitationSources);
    }

    [Fact]
    public async Task A_moderator_uploads_an_article_the_next_question_is_answered_from_it_and_it_can_be_removed()
    {
        var upload = await _http.SendAsync(Moderator.Request(HttpMethod.Post, "api/corpus",
            Moderator.Upload("cyber-desk.txt", Encoding.UTF8.GetBytes(Moderator.Article), ("title", "Joint Cyber Desk Opens in Monterrey"), ("outlet", "Northern Courier"))));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var result = await ReadJson(upload);
        Assert.Equal("cyber-desk.txt", result.GetProperty("file").GetString());
        Assert.Equal(6, result.GetProperty("documents").GetInt32());

        var engine = _server.App.Services.GetRequiredService<IAnswerEngine>();
        var answer = await engine.AskAsync("How many analysts does the joint cyber crime desk employ?");
        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("35", answer.Text);
        Assert.Equal("cyber-desk.txt", answer.Citations[0].Source);
        Assert.Equal("Northern Courier", answer.Citations[0].Outlet);

        var list = await ReadJson(await _http.SendAsync(Moderator.Request(HttpMethod.Get, "api/corpus")));
        Assert.Contains(list.EnumerateArray(), f => f.GetProperty("file").GetString() == "cyber-desk.txt" && f.GetProperty("chunks").GetInt32() >= 1);

        var remove = await _http.SendAsync(Moderator.Request(HttpMethod.Delete, "api/corpus/cyber-desk.txt"));
        Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        Assert.False(File.Exists(Path.Combine(CorpusDir, "cyber-desk.txt")));
        var after = await engine.AskAsync("How many analysts does the joint cyber crime desk employ?");
        Assert.DoesNotContain(after.Citations, c => c.Source == "cyber-desk.txt");

        var audit = _server.App.Services.GetRequiredService<IAuditLog>().ReadAll();
        Assert.Equal(["add", "remove"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(("http:127.0.0.1", "http", AuditOutcome.Ok), (e.Actor, e.Surface, e.Outcome)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key-wrong-key-wrong-key")]
    [InlineData("test-moderator-key-012345678")]
    public async Task Non_moderators_are_refused_with_401_and_the_attempt_is_audited(string? key)
    {
        var upload = await _http.SendAsync(Moderator.Request(HttpMethod.Post, "api/corpus", Moderator.Upload("cyber-desk.txt", Encoding.UTF8.GetBytes(Moderator.Article)), key));
        Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);
        Assert.Contains(ChatBotRoutes.ApiKeyHeader, (await ReadJson(upload)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(Moderator.Request(HttpMethod.Delete, "api/corpus/000_ec4c33d2d5d46252.txt", key: key))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(Moderator.Request(HttpMethod.Get, "api/corpus", key: key))).StatusCode);

        Assert.False(File.Exists(Path.Combine(CorpusDir, "cyber-desk.txt")));
        Assert.True(File.Exists(Path.Combine(CorpusDir, "000_ec4c33d2d5d46252.txt")));
        var lines = File.ReadAllLines(Path.Combine(DataDir, JsonLinesAuditLog.FileName));
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["add", "remove", "list"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("refused", e.GetProperty("outcome").GetString()));
        Assert.All(entries, e => Assert.Equal("http:127.0.0.1", e.GetProperty("actor").GetString()));
        // The key given is never written to the log.
        if (!string.IsNullOrEmpty(key)) Assert.DoesNotContain(key, string.Join("\n", lines));
    }

    public static TheoryData<string, string, string, HttpStatusCode> BadUploads() => new()
    {
        // The content is made in the test from its kind: no payload sits in test-case data.
        { "binary.txt", "binary", "binary", HttpStatusCode.BadRequest },
        { "empty.txt", "empty", "empty", HttpStatusCode.BadRequest },
        { "big.txt", "big", "at most 5 MB", HttpStatusCode.BadRequest },
        { "huge.txt", "huge", "at most 5 MB", HttpStatusCode.RequestEntityTooLarge },
        { "latin1.txt", "latin1", "UTF-8", HttpStatusCode.BadRequest },
        { "../../escape.txt", "article", "plain file name", HttpStatusCode.BadRequest },
        { "evil name.txt", "article", "letters", HttpStatusCode.BadRequest },
    };

    private static byte[] Content(string kind) => kind switch
    {
        "binary" => [0x00, 0x01, 0x02, 0x03, 0xFF, 0xFE, 0x00, 0x10],
        "empty" => [],
        "big" => Encoding.UTF8.GetBytes(new string('x', 5 * 1024 * 1024 + 1)), // over the limit, within the multipart allowance
        "huge" => new byte[6 * 1024 * 1024], // past the body limit: refused before it is read
        "latin1" => Encoding.Latin1.GetBytes("Cooperación en seguridad: México y Estados Unidos según Valdés."),
        _ => Encoding.UTF8.GetBytes(Moderator.Article),
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Bad_uploads_are_refused_clearly_and_the_corpus_is_unchanged(string name, string kind, string message, HttpStatusCode status)
    {
        var before = Directory.GetFiles(CorpusDir).Select(f => (Path.GetFileName(f), new FileInfo(f).Length)).Order().ToList();
        var snapshot = _server.App.Services.GetRequiredService<CorpusIndex>().Snapshot;

        var response = await _http.SendAsync(Moderator.Request(HttpMethod.Post, "api/corpus", Moderator.Upload(name, Content(kind))));
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, (await ReadJson(response)).GetProperty("error").GetString());

        Assert.Equal(before, Directory.GetFiles(CorpusDir).Select(f => (Path.GetFileName(f), new FileInfo(f).Length)).Order().ToList());
        Assert.Same(snapshot, _server.App.Services.GetRequiredService<CorpusIndex>().Snapshot);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(CorpusDir)!, "escape.txt")));
        var entry = Assert.Single(_server.App.Services.GetRequiredService<IAuditLog>().ReadAll());
        Assert.Equal(AuditOutcome.Rejected, entry.Outcome);
    }

    [Fact]
    public async Task An_upload_without_a_file_field_is_bad_request()
    {
        var form = new MultipartFormDataContent { { new StringContent("x"), "title" } };
        var response = await _http.SendAsync(Moderator.Request(HttpMethod.Post, "api/corpus", form));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("file", (await ReadJson(response)).GetProperty("error").GetString());
    }
}
