using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Hosting.Tests.Support;

namespace ChatBot.Hosting.Tests;

/// <summary>POST /api/ask and the other routes over HTTP, with the real answer engine over the repository's corpus.</summary>
public sealed class AskApiTests : IAsyncLifetime
{
    private ChatBotServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatBotServer.StartAsync(new() { RealEngine = true });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_served_app_offers_the_quiz_and_guards_the_corpus_routes()
    {
        using var quiz = await _server.Client.PostAsync("api/quiz", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, quiz.StatusCode);
        var question = await Json.ReadObjectAsync(quiz);
        Assert.False(string.IsNullOrWhiteSpace((string?)question["question"]));
        Assert.Null(question["answer"]); // students get the question, not its answer

        // No Api:ModeratorApiKey configured: the moderator routes are off.
        using var corpus = await _server.Client.GetAsync("api/corpus");
        Assert.Equal(HttpStatusCode.NotFound, corpus.StatusCode);
        Assert.Contains("Api:ModeratorApiKey", (string?)(await Json.ReadObjectAsync(corpus))["error"]);
    }

    [Fact]
    public async Task Ask_returns_the_answer_object_of_the_design()
    {
        const string question = "Who was arrested in Sinaloa?";
        using var response = await _server.Client.PostAsync("api/ask", Json.Ask(question));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var answer = await Json.ReadObjectAsync(response);
        Assert.Equal(["answer", "answer_id", "answered", "citations", "elapsed_ms", "question"], answer.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(question, (string?)answer["question"]);
        Assert.True((bool)answer["answered"]!);
        Assert.Contains("[1]", (string?)answer["answer"]);
        Assert.True(answer["elapsed_ms"]!.GetValueKind() == System.Text.Json.JsonValueKind.Number);

        var citation = Assert.Single(answer["citations"]!.AsArray())!.AsObject();
        Assert.Equal(["n", "outlet", "quote", "source", "title", "url"], citation.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(1, (int)citation["n"]!);
        Assert.StartsWith("000_", (string?)citation["source"]);
        Assert.EndsWith(".txt", (string?)citation["source"]);
        Assert.Contains("Guzm", (string?)citation["quote"]);
    }

    [Fact]
    public async Task Answers_and_errors_are_readable_utf8_json()
    {
        using var response = await _server.Client.PostAsync("api/ask", Json.Ask("Who was arrested in Sinaloa?"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Guzmán", body);
        Assert.DoesNotContain("\\u00", body);
        Assert.DoesNotContain("\\u2019", body);

        using var error = await _server.Client.PostAsync("api/ask", Json.Body("{\"question\": 42}"));
        var text = await error.Content.ReadAsStringAsync();
        Assert.Contains("\\\"question\\\" must be a string", text);
        Assert.DoesNotContain("\\u0022", text);
    }

    [Fact]
    public async Task A_question_outside_the_corpus_is_refused_without_citations()
    {
        using var response = await _server.Client.PostAsync("api/ask", Json.Ask("What is the boiling point of liquid nitrogen?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Json.ReadObjectAsync(response);
        Assert.False((bool)answer["answered"]!);
        Assert.Empty(answer["citations"]!.AsArray());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "", "not a valid JSON" },
        { "{\"question\": \"Who was arrested", "not a valid JSON" },
        { "[1, 2, 3]", "not a valid JSON" },
        { "{\"question\": 42}", "\"question\" must be a string" },
        { "{\"question\": [\"Who?\"]}", "\"question\" must be a string" },
        { "{\"question\": \"Who?\", \"conversation_id\": 7}", "\"conversation_id\" must be a string" },
        { "{}", "has no \"question\"" },
        { "null", "has no \"question\"" },
        { "{\"q\": \"Who?\"}", "has no \"question\"" },
        { "{\"question\": \"Who?\", \"conversation_id\": \"" + new string('c', 129) + "\"}", "\"conversation_id\" is longer than 128" },
        { "{\"question\": \"\"}", "Please type a question" },
        { "{\"question\": \"   \\n  \"}", "Please type a question" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_requests_get_400_with_a_clear_error(string body, string expected)
    {
        using var response = await _server.Client.PostAsync("api/ask", Json.Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (string?)(await Json.ReadObjectAsync(response))["error"];
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Binary_junk_gets_400()
    {
        var junk = new byte[512];
        new Random(42).NextBytes(junk);
        junk[0] = 0xFF; // never valid UTF-8 or JSON

        using var response = await _server.Client.PostAsync("api/ask", Json.Bytes(junk, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a valid JSON", (string?)(await Json.ReadObjectAsync(response))["error"]);
    }

    [Fact]
    public async Task Binary_text_inside_valid_json_is_rejected_by_the_engine_as_400()
    {
        using var nul = await _server.Client.PostAsync("api/ask", Json.Ask("Who \u0000\u0001\u0002 was arrested in Sinaloa?"));
        using var control = await _server.Client.PostAsync("api/ask", Json.Ask("Who \u0001\u0002\u0003\u0004 was arrested in Sinaloa?"));

        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Contains("binary data", (string?)(await Json.ReadObjectAsync(nul))["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        Assert.Contains("control characters", (string?)(await Json.ReadObjectAsync(control))["error"]);
    }

    [Fact]
    public async Task A_question_over_2000_characters_gets_400_naming_the_limit()
    {
        var question = "Who was arrested in Sinaloa? " + new string('x', 2000);
        using var response = await _server.Client.PostAsync("api/ask", Json.Ask(question));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (string?)(await Json.ReadObjectAsync(response))["error"];
        Assert.Contains("the limit is 2,000", error);
    }

    [Fact]
    public async Task A_question_of_exactly_2000_characters_is_accepted()
    {
        var question = ("Who was arrested in Sinaloa? " + new string('x', 2000))[..2000];
        using var response = await _server.Client.PostAsync("api/ask", Json.Ask(question));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_16_KB_gets_413()
    {
        var question = new string('a', 17 * 1024);
        using var response = await _server.Client.PostAsync("api/ask", Json.Ask(question));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 16384 bytes", (string?)(await Json.ReadObjectAsync(response))["error"]);
    }

    [Fact]
    public async Task A_chunked_body_over_16_KB_gets_413()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"question\": \"" + new string('a', 40 * 1024) + "\"}");
        var content = new StreamContent(new MemoryStream(bytes)); // no Content-Length: sent chunked
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/ask") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415()
    {
        using var response = await _server.Client.PostAsync("api/ask", new StringContent("question=hi", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", (string?)(await Json.ReadObjectAsync(response))["error"]);
    }

    [Fact]
    public async Task Sources_lists_the_corpus_files()
    {
        using var response = await _server.Client.GetAsync("api/sources");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadObjectAsync(response);
        var sources = body["sources"]!.AsArray().Select(s => (string?)s!["source"]).ToList();
        var files = Directory.GetFiles(ChatBot.Testing.RepoPaths.Corpus, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, sources);
        Assert.All(body["sources"]!.AsArray(), s => Assert.False(string.IsNullOrEmpty((string?)s!["title"])));
        // The republished excerpt is known as a repeat of the full article.
        Assert.Equal("002_d03fe261832cac16.txt", (string?)body["sources"]!.AsArray().Single(s => (string?)s!["source"] == "003_f2003a5a2784408f.txt")!["duplicate_of"]);
        Assert.False(string.IsNullOrEmpty((string?)body["corpus_hash"]));
    }

    [Fact]
    public async Task Healthz_is_200()
    {
        using var response = await _server.Client.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alive", (string?)(await Json.ReadObjectAsync(response))["status"]);
    }

    [Fact]
    public async Task Questions_are_logged_at_debug_only_and_truncated()
    {
        var question = "Who was arrested in Sinaloa? " + new string('z', 600);
        using var response = await _server.Client.PostAsync("api/ask", Json.Ask(question));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var lines = _server.Logs.Lines.Where(l => l.Contains("Who was arrested in Sinaloa")).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.StartsWith("Debug", l));
        Assert.All(lines, l => Assert.DoesNotContain(new string('z', 300), l));
    }

    [Fact]
    public async Task The_chat_page_is_served_at_the_root_with_its_assets_and_a_strict_policy()
    {
        using var page = await _server.Client.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"ask-form\"", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());

        foreach (var asset in new[] { "common.js", "app.js", "quiz.js", "app.css" })
        {
            using var response = await _server.Client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("innerHTML", text);
        }
    }
}
