using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ChatBot.Hosting.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Hosting.Tests;

/// <summary>
/// The faults a probe of the running server found (issue 17), each against `serve` on 127.0.0.1 over
/// the wire only (HTTP, raw sockets, files in the data dir), so each can also be run against an older build.
/// </summary>
public sealed class ModerationFaultTests : IAsyncLifetime
{
    private readonly string _corpus = ChatBotServer.CopyOfCorpus();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(_corpus, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private Task<ChatBotServer> StartAsync(Dictionary<string, string?>? config = null, bool realEngine = true, string? corpus = null, bool waitUntilReady = true)
    {
        var settings = new Dictionary<string, string?> { ["Api:ModeratorApiKey"] = Moderator.Key };
        foreach (var (k, v) in config ?? []) settings[k] = v;
        return ChatBotServer.StartAsync(new() { RealEngine = realEngine, CorpusDir = corpus ?? _corpus, Config = settings, WaitUntilReady = waitUntilReady });
    }

    [Fact]
    public async Task An_upload_whose_connection_is_cut_mid_change_is_still_completed_indexed_and_audited()
    {
        await using var server = await StartAsync();
        const string file = "cyber-desk.txt";
        var form = new MultipartFormDataContent("cut-upload-boundary");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Moderator.Article));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(content, "file", file);
        var body = await form.ReadAsByteArrayAsync();
        var head = Encoding.ASCII.GetBytes(
            $"POST /api/corpus HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {Moderator.Key}\r\n" +
            $"Content-Type: {form.Headers.ContentType}\r\nContent-Length: {body.Length}\r\n\r\n");

        // The moment the file lands in the corpus the change is under way: cut the connection then.
        var landed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(_corpus) { EnableRaisingEvents = true };
        watcher.Created += (_, e) => { if (e.Name == file) landed.TrySetResult(); };
        watcher.Renamed += (_, e) => { if (e.Name == file) landed.TrySetResult(); };
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(head);
            await stream.WriteAsync(body);
            await landed.Task.WaitAsync(TimeSpan.FromSeconds(60));
            client.Client.LingerState = new LingerOption(true, 0); // a reset, as when the client is killed
        }

        // The next moderator request takes its turn after the cut change has finished.
        using var reindex = await server.Client.SendAsync(Moderator.Request(HttpMethod.Post, "api/reindex"));
        Assert.Equal(HttpStatusCode.OK, reindex.StatusCode);
        Assert.Contains(Moderator.Audit(server.DataDir), e => e.GetProperty("action").GetString() == "add" && e.GetProperty("file").GetString() == file
                                            && e.GetProperty("outcome").GetString() == "ok");
        using var ask = await server.Client.PostAsync("api/ask", Json.Ask("How many analysts does the joint cyber crime desk employ?"));
        var answer = await Json.ReadObjectAsync(ask);
        Assert.Contains("35", (string?)answer["answer"]);
        Assert.Equal(file, (string?)answer["citations"]![0]!["source"]);
    }

    [Fact]
    public async Task Reindex_is_audited_and_so_is_a_refused_attempt()
    {
        await using var server = await StartAsync(realEngine: false);
        using var refused = await server.Client.SendAsync(Moderator.Request(HttpMethod.Post, "api/reindex", key: "wrong-key-0123456789abcdef"));
        using var done = await server.Client.SendAsync(Moderator.Request(HttpMethod.Post, "api/reindex"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        var audit = Moderator.Audit(server.DataDir);
        Assert.Equal(["reindex:refused", "reindex:ok"], audit.Select(e => e.GetProperty("action").GetString() + ":" + e.GetProperty("outcome").GetString()));
        Assert.All(audit, e => Assert.Equal("http:127.0.0.1", e.GetProperty("actor").GetString()));
        Assert.DoesNotContain("wrong-key", File.ReadAllText(Path.Combine(server.DataDir, "audit.jsonl")));
    }

    [Fact]
    public async Task Feedback_text_from_the_client_is_never_stored_and_a_flood_is_limited()
    {
        await using var server = await StartAsync(new() { ["Feedback:PermitsPerMinute"] = "3" }, realEngine: false);
        var db = Path.Combine(server.DataDir, "feedback.db");

        // The probe's post: 4,000 characters of question and 20,000 of answer, no key, no answer id.
        using var forged = await server.Client.PostAsync("api/feedback", Json.Body(JsonSerializer.Serialize(new
        {
            question = new string('q', 4_000), answer = new string('a', 20_000), citations = new[] { "000_ec4c33d2d5d46252.txt" }, helpful = false,
        })));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True(!File.Exists(db) || !File.ReadAllText(db, Encoding.Latin1).Contains(new string('q', 100)), "the forged question was stored");

        using var asked = await server.Client.PostAsync("api/ask", Json.Ask("Who was arrested in Sinaloa?"));
        var answerId = (string?)(await Json.ReadObjectAsync(asked))["answer_id"];
        Assert.False(string.IsNullOrEmpty(answerId));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await server.Client.PostAsync("api/feedback", Json.Body(JsonSerializer.Serialize(new { answer_id = answerId, helpful = i % 2 == 0 })));
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Readyz_says_not_ready_with_a_reason_code_and_shows_details_only_to_moderators()
    {
        var missing = Path.Combine(Path.GetTempPath(), "chatbot-no-such-corpus-" + Guid.NewGuid().ToString("N"));
        await using var server = await StartAsync(corpus: missing, waitUntilReady: false);
        // The background index load has given up (on the missing corpus).
        var warmup = server.App.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s.GetType().Name == "IndexWarmupService");
        await warmup.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));
        using var probe = await server.Client.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, probe.StatusCode);
        var text = await probe.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(("not_ready", "index_failed"), (body.GetProperty("status").GetString(), body.GetProperty("reason").GetString()));
        Assert.DoesNotContain(missing, text);
        Assert.DoesNotContain(server.DataDir, text);
        Assert.False(body.TryGetProperty("checks", out _));

        using var detailed = await server.Client.SendAsync(Moderator.Request(HttpMethod.Get, "readyz"));
        Assert.Contains(missing, await detailed.Content.ReadAsStringAsync());
        using var health = await server.Client.GetAsync("healthz");
        Assert.Equal("""{"status":"alive","reason":"ok"}""", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_flood_of_questions_does_not_lock_moderators_out()
    {
        await using var server = await StartAsync(new() { ["RateLimits:PermitsPerMinute"] = "2", ["RateLimits:GlobalPermitsPerMinute"] = "3" }, realEngine: false);
        var asks = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var ask = await server.Client.PostAsync("api/ask", Json.Ask("Who was arrested in Sinaloa?"));
            asks.Add(ask.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, asks[^1]);

        using var reindex = await server.Client.SendAsync(Moderator.Request(HttpMethod.Post, "api/reindex"));
        Assert.Equal(HttpStatusCode.OK, reindex.StatusCode);
        using var list = await server.Client.SendAsync(Moderator.Request(HttpMethod.Get, "api/corpus"));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    private static HttpRequestMessage AskFrom(string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/ask") { Content = Json.Ask("Who was arrested in Sinaloa?") };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    [Fact]
    public async Task Behind_a_listed_proxy_each_client_address_gets_its_own_bucket()
    {
        await using var server = await StartAsync(new() { ["RateLimits:PermitsPerMinute"] = "2", ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" }, realEngine: false);
        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await server.Client.SendAsync(AskFrom("203.0.113.5"));
            first.Add(response.StatusCode);
        }
        using var other = await server.Client.SendAsync(AskFrom("203.0.113.6"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Without_a_listed_proxy_forwarded_addresses_are_ignored()
    {
        await using var server = await StartAsync(new() { ["RateLimits:PermitsPerMinute"] = "2" }, realEngine: false);
        using var a = await server.Client.SendAsync(AskFrom("203.0.113.5"));
        using var b = await server.Client.SendAsync(AskFrom("203.0.113.6"));
        using var c = await server.Client.SendAsync(AskFrom("203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, c.StatusCode);
    }
}
