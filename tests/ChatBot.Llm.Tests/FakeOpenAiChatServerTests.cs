using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Testing.Fakes;
using Xunit;

namespace ChatBot.Llm.Tests;

/// <summary>The fake speaks the documented wire format, so other tests (and the CLI end-to-end tests) can trust it.</summary>
public sealed class FakeOpenAiChatServerTests : IAsyncLifetime
{
    private FakeOpenAiChatServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await FakeOpenAiChatServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string json, string? key = "sk-x") =>
        _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Endpoint + "/chat/completions"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
            Headers = { Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key) },
        });

    [Fact]
    public async Task Non_streaming_reply_is_a_chat_completion_object()
    {
        _server.Behavior = FakeOpenAiChatBehaviors.Always(new FakeChatReply.Text("Hello there."));

        using var response = await PostAsync("""{"model":"m1","messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("chat.completion", (string?)json["object"]);
        Assert.Equal("m1", (string?)json["model"]);
        Assert.Equal("assistant", (string?)json["choices"]![0]!["message"]!["role"]);
        Assert.Equal("Hello there.", (string?)json["choices"]![0]!["message"]!["content"]);
        Assert.Equal("stop", (string?)json["choices"]![0]!["finish_reason"]);
        Assert.True((int)json["usage"]!["total_tokens"]! > 0);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("Hi", request.UserText);
        Assert.Equal("sk-x", request.BearerKey);
        Assert.False(request.Stream);
    }

    [Fact]
    public async Task Streaming_reply_is_server_sent_chunks_ending_with_done()
    {
        _server.Behavior = FakeOpenAiChatBehaviors.Always(new FakeChatReply.Text("Hello there, friend."));

        using var response = await PostAsync("""{"model":"m1","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string?)c["object"]));
        Assert.Equal("assistant", (string?)chunks[0]["choices"]![0]!["delta"]!["role"]);
        var text = string.Concat(chunks.Select(c => (string?)c["choices"]?.AsArray().FirstOrDefault()?["delta"]?["content"]));
        Assert.Equal("Hello there, friend.", text);
        Assert.Equal("stop", (string?)chunks[^2]["choices"]![0]!["finish_reason"]);
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.NotNull(chunks[^1]["usage"]);
    }

    [Theory]
    [InlineData("{not json", "parse the JSON body")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}]}""", "model parameter")]
    [InlineData("""{"model":"m1","messages":[]}""", "'messages' is a required property")]
    public async Task Bad_requests_get_openai_style_400_errors(string body, string message)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Contains(message, (string?)error["message"]);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
    }

    [Fact]
    public async Task Rate_limit_and_wrong_key_replies_carry_their_headers_and_codes()
    {
        _server.Behavior = FakeOpenAiChatBehaviors.Always(FakeChatReply.RateLimited(TimeSpan.FromSeconds(2)));
        using (var limited = await PostAsync("""{"model":"m1","messages":[{"role":"user","content":"Hi"}]}"""))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter?.Delta);
            Assert.Equal("rate_limit_exceeded", (string?)JsonNode.Parse(await limited.Content.ReadAsStringAsync())!["error"]!["code"]);
        }

        _server.RequiredApiKey = "sk-right";
        using var unauthorized = await PostAsync("""{"model":"m1","messages":[{"role":"user","content":"Hi"}]}""", key: "sk-wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("invalid_api_key", (string?)JsonNode.Parse(await unauthorized.Content.ReadAsStringAsync())!["error"]!["code"]);
    }
}
