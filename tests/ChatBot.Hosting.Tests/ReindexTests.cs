using System.Net;
using ChatBot.Hosting.Tests.Support;

namespace ChatBot.Hosting.Tests;

public sealed class ReindexTests
{
    private const string Key = Moderator.Key;

    private static HttpRequestMessage Reindex(string? key, string query = "") => Moderator.Request(HttpMethod.Post, "api/reindex" + query, key: key);

    [Fact]
    public async Task Without_a_configured_key_reindex_is_not_there()
    {
        await using var server = await ChatBotServer.StartAsync();

        using var response = await server.Client.SendAsync(Reindex("anything-at-all-0123456789"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Api:ModeratorApiKey", (string?)(await Json.ReadObjectAsync(response))["error"]);
        Assert.Equal(0, server.Index.ReindexCalls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("moderator-key-0123456789abcdeF")]
    [InlineData("moderator-key-0123456789abcdef-and-more")]
    [InlineData("moderator")]
    public async Task A_missing_or_wrong_key_gets_401_and_does_not_reindex(string? key)
    {
        await using var server = await ChatBotServer.StartAsync(new() { Config = new Dictionary<string, string?> { ["Api:ModeratorApiKey"] = Key } });

        using var response = await server.Client.SendAsync(Reindex(key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Api-Key", (string?)(await Json.ReadObjectAsync(response))["error"]);
        Assert.Equal(0, server.Index.ReindexCalls);
    }

    [Fact]
    public async Task The_right_key_reindexes_and_the_key_is_never_logged()
    {
        await using var server = await ChatBotServer.StartAsync(new() { Config = new Dictionary<string, string?> { ["Api:ModeratorApiKey"] = Key } });

        using var wrong = await server.Client.SendAsync(Reindex("wrong-key-0123456789abcdef"));
        using var response = await server.Client.SendAsync(Reindex(Key, "?force=true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadObjectAsync(response);
        Assert.Equal(server.Index.Current.CorpusHash, (string?)body["corpus_hash"]);
        Assert.Equal(Directory.GetFiles(ChatBot.Testing.RepoPaths.Corpus, "*.txt").Length, (int)body["documents"]!);
        Assert.True((bool)body["rebuilt"]!);
        Assert.Equal(1, server.Index.ReindexCalls);
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains(Key) || line.Contains("wrong-key-0123456789abcdef"));
    }

    [Fact]
    public async Task A_second_reindex_while_one_runs_waits_its_turn_and_both_are_audited()
    {
        await using var server = await ChatBotServer.StartAsync(new() { Config = new Dictionary<string, string?> { ["Api:ModeratorApiKey"] = Key } });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Index.ReindexGate = gate;

        var first = server.Client.SendAsync(Reindex(Key));
        await server.Index.FirstReindex.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var second = server.Client.SendAsync(Reindex(Key));
        // The second waits on the data dir's lock, held by the first: it has not reached the index.
        Assert.Equal(1, server.Index.ReindexCalls);
        gate.SetResult();
        using var firstResponse = await first;
        using var secondResponse = await second;

        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        Assert.Equal(2, server.Index.ReindexCalls);
        var audit = File.ReadAllLines(Path.Combine(server.DataDir, "audit.jsonl"));
        Assert.Equal(2, audit.Count(l => l.Contains("\"action\":\"reindex\"") && l.Contains("\"outcome\":\"ok\"")));
    }

    [Fact]
    public async Task Answers_keep_flowing_while_a_reindex_runs()
    {
        await using var server = await ChatBotServer.StartAsync(new() { Config = new Dictionary<string, string?> { ["Api:ModeratorApiKey"] = Key } });

        var asks = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await server.Client.PostAsync("api/ask", Json.Ask("Who was arrested in Sinaloa?"));
            return response.StatusCode;
        }).ToList();
        using var reindex = await server.Client.SendAsync(Reindex(Key));

        Assert.Equal(HttpStatusCode.OK, reindex.StatusCode);
        Assert.All(await Task.WhenAll(asks), status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task The_real_index_reindexes_over_http()
    {
        await using var server = await ChatBotServer.StartAsync(new() { RealEngine = true, Config = new Dictionary<string, string?> { ["Api:ModeratorApiKey"] = Key } });

        using var unchanged = await server.Client.SendAsync(Reindex(Key));
        using var forced = await server.Client.SendAsync(Reindex(Key, "?force=true"));

        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        var body = await Json.ReadObjectAsync(forced);
        Assert.True((bool)body["rebuilt"]!);
        Assert.Equal(Directory.GetFiles(ChatBot.Testing.RepoPaths.Corpus, "*.txt").Length, (int)body["documents"]!);
        Assert.True((int)body["chunks"]! > 0);
        using var answer = await server.Client.PostAsync("api/ask", Json.Ask("Who was arrested in Sinaloa?"));
        Assert.True((bool)(await Json.ReadObjectAsync(answer))["answered"]!);
    }
}
