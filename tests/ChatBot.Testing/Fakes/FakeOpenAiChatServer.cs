using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ChatBot.Testing.Fakes;

/// <summary>
/// An OpenAI-compatible chat completions server on 127.0.0.1: `GET /v1/models` (the models in
/// <see cref="Models"/>, as the API lists them) and `POST /v1/chat/completions`, answering
/// with the documented JSON (`chat.completion`) or, for `"stream": true`, server-sent events of
/// `chat.completion.chunk` objects ending with `data: [DONE]`; errors as `{"error": {...}}` with the
/// status codes and Retry-After headers the API uses. What it answers is scripted per test through
/// <see cref="Behavior"/>; every request is recorded. Point a client at <see cref="Endpoint"/>
/// (e.g. `Llm__Endpoint=http://127.0.0.1:PORT/v1`).
/// </summary>
public sealed partial class FakeOpenAiChatServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedChatRequest> _requests = new();
    private LoopbackServer _server = null!;
    private int _count;
    private readonly SemaphoreSlim _arrived = new(0);

    private FakeOpenAiChatServer() { }

    /// <summary>How the next requests are answered; defaults to a grounded answer from the prompt's passages.</summary>
    public Func<RecordedChatRequest, FakeChatReply> Behavior { get; set; } = FakeOpenAiChatBehaviors.AnswerFromPassages();

    /// <summary>When set, requests without `Authorization: Bearer {key}` get 401 invalid_api_key.</summary>
    public string? RequiredApiKey { get; set; }

    /// <summary>The model ids `GET /v1/models` lists.</summary>
    public IReadOnlyList<string> Models { get; set; } = ["test-model"];

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>The endpoint a user would configure: http://127.0.0.1:PORT/v1</summary>
    public Uri Endpoint => new(BaseAddress, "v1");

    public IReadOnlyList<RecordedChatRequest> Requests => _requests.ToArray();

    public int RequestCount => Volatile.Read(ref _count);

    public static async Task<FakeOpenAiChatServer> StartAsync()
    {
        var fake = new FakeOpenAiChatServer();
        fake._server = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapPost("/v1/chat/completions", fake.HandleAsync);
            routes.MapGet("/v1/models", fake.ListModelsAsync);
        });
        return fake;
    }

    public void ClearRequests() => _requests.Clear();

    /// <summary>Completes once <paramref name="count"/> chat requests have arrived (tests wait on it instead of sleeping).</summary>
    public async Task WaitForRequestsAsync(int count = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (RequestCount < count) await _arrived.WaitAsync(timeout.Token);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task ListModelsAsync(HttpContext context)
    {
        if (RequiredApiKey is { } key && context.Request.Headers.Authorization.FirstOrDefault() != $"Bearer {key}")
        {
            await WriteErrorAsync(context, (FakeChatReply.Error)FakeChatReply.InvalidApiKey());
            return;
        }
        var data = new JsonArray();
        foreach (var id in Models) data.Add(new JsonObject { ["id"] = id, ["object"] = "model", ["created"] = 1_700_000_000, ["owned_by"] = "system" });
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["object"] = "list", ["data"] = data }.ToJsonString(), context.RequestAborted);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        JsonObject body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonNode>(context.Request.Body, cancellationToken: aborted) as JsonObject
                ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, new FakeChatReply.Error(400,
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
                "invalid_request_error"));
            return;
        }

        var model = body["model"] is JsonValue m && m.TryGetValue<string>(out var name) ? name : null;
        var messages = ParseMessages(body["messages"]);
        var index = Interlocked.Increment(ref _count) - 1;
        var request = new RecordedChatRequest(index, context.Request.Path, model ?? "", messages ?? [],
            body["stream"] is JsonValue s && s.TryGetValue<bool>(out var stream) && stream,
            context.Request.Headers.Authorization.FirstOrDefault(), body);
        _requests.Enqueue(request);
        _arrived.Release();

        if (RequiredApiKey is { } key && request.BearerKey != key)
        {
            await WriteErrorAsync(context, (FakeChatReply.Error)FakeChatReply.InvalidApiKey());
            return;
        }
        if (string.IsNullOrEmpty(model))
        {
            await WriteErrorAsync(context, new FakeChatReply.Error(400, "you must provide a model parameter", "invalid_request_error"));
            return;
        }
        if (messages is null || messages.Count == 0)
        {
            await WriteErrorAsync(context, new FakeChatReply.Error(400, "'messages' is a required property", "invalid_request_error", Code: null));
            return;
        }

        try
        {
            await ReplyAsync(context, request, Behavior(request), aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up (its timeout); nothing more to send.
        }
    }

    private async Task ReplyAsync(HttpContext context, RecordedChatRequest request, FakeChatReply reply, CancellationToken aborted)
    {
        switch (reply)
        {
            case FakeChatReply.Delayed delayed:
                await Task.Delay(delayed.Delay, aborted);
                await ReplyAsync(context, request, delayed.Then, aborted);
                break;
            case FakeChatReply.Error error:
                await WriteErrorAsync(context, error);
                break;
            case FakeChatReply.Text text when request.Stream:
                await StartStreamAsync(context, request, aborted);
                await StreamContentAsync(context, request, text.Content, aborted);
                await EndStreamAsync(context, request, text.Content, text.FinishReason, aborted);
                break;
            case FakeChatReply.Text text:
                await WriteCompletionAsync(context, request, text);
                break;
            case FakeChatReply.StallMidStream stall when request.Stream:
                await StartStreamAsync(context, request, aborted);
                await StreamContentAsync(context, request, stall.First, aborted);
                await Task.Delay(stall.Stall, aborted);
                await StreamContentAsync(context, request, stall.Rest, aborted);
                await EndStreamAsync(context, request, stall.First + stall.Rest, "stop", aborted);
                break;
            case FakeChatReply.StallMidStream stall:
                await Task.Delay(stall.Stall, aborted);
                await WriteCompletionAsync(context, request, new FakeChatReply.Text(stall.First + stall.Rest));
                break;
            case FakeChatReply.PauseMidStream pause when request.Stream:
                await StartStreamAsync(context, request, aborted);
                await StreamContentAsync(context, request, pause.First, aborted);
                await pause.Resume.WaitAsync(aborted);
                await StreamContentAsync(context, request, pause.Rest, aborted);
                await EndStreamAsync(context, request, pause.First + pause.Rest, "stop", aborted);
                break;
            case FakeChatReply.PauseMidStream pause:
                await pause.Resume.WaitAsync(aborted);
                await WriteCompletionAsync(context, request, new FakeChatReply.Text(pause.First + pause.Rest));
                break;
            case FakeChatReply.Held held:
                await held.Resume.WaitAsync(aborted);
                await ReplyAsync(context, request, held.Then, aborted);
                break;
            default:
                throw new InvalidOperationException($"Unknown reply {reply.GetType().Name}");
        }
    }

    private static List<RecordedChatMessage>? ParseMessages(JsonNode? node)
    {
        if (node is not JsonArray array) return null;
        var result = new List<RecordedChatMessage>();
        foreach (var item in array.OfType<JsonObject>())
        {
            var role = (string?)item["role"] ?? "";
            // Content is a string or an array of parts ({"type": "text", "text": "..."}).
            var content = item["content"] switch
            {
                JsonValue v when v.TryGetValue<string>(out var text) => text,
                JsonArray parts => string.Concat(parts.OfType<JsonObject>().Where(p => (string?)p["type"] == "text").Select(p => (string?)p["text"])),
                _ => "",
            };
            result.Add(new RecordedChatMessage(role, content));
        }
        return result;
    }

    private string CompletionId(RecordedChatRequest request) => $"chatcmpl-fake{request.Index:D6}";

    private static long Created => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static int CountTokens(string text) => Math.Max(1, text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);

    private static JsonObject Usage(RecordedChatRequest request, string content)
    {
        var prompt = CountTokens(request.AllText);
        var completion = CountTokens(content);
        return new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion };
    }

    private async Task WriteCompletionAsync(HttpContext context, RecordedChatRequest request, FakeChatReply.Text text)
    {
        var json = new JsonObject
        {
            ["id"] = CompletionId(request),
            ["object"] = "chat.completion",
            ["created"] = Created,
            ["model"] = request.Model,
            ["system_fingerprint"] = "fp_fake",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text.Content, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = text.FinishReason,
            }),
            ["usage"] = Usage(request, text.Content),
        };
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json.ToJsonString(), context.RequestAborted);
    }

    private async Task StartStreamAsync(HttpContext context, RecordedChatRequest request, CancellationToken aborted)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await WriteChunkAsync(context, Chunk(request, new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, null), aborted);
    }

    /// <summary>One chunk per word (with its leading space), the way models stream tokens.</summary>
    private async Task StreamContentAsync(HttpContext context, RecordedChatRequest request, string content, CancellationToken aborted)
    {
        foreach (Match piece in StreamPiece().Matches(content))
            await WriteChunkAsync(context, Chunk(request, new JsonObject { ["content"] = piece.Value }, null), aborted);
    }

    private async Task EndStreamAsync(HttpContext context, RecordedChatRequest request, string content, string finishReason, CancellationToken aborted)
    {
        await WriteChunkAsync(context, Chunk(request, new JsonObject(), finishReason), aborted);
        if (request.Body["stream_options"]?["include_usage"] is JsonValue include && include.TryGetValue<bool>(out var yes) && yes)
        {
            var usage = Chunk(request, null, null);
            usage["choices"] = new JsonArray();
            usage["usage"] = Usage(request, content);
            await WriteChunkAsync(context, usage, aborted);
        }
        await context.Response.WriteAsync("data: [DONE]\n\n", aborted);
        await context.Response.Body.FlushAsync(aborted);
    }

    private JsonObject Chunk(RecordedChatRequest request, JsonObject? delta, string? finishReason) => new()
    {
        ["id"] = CompletionId(request),
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = request.Model,
        ["system_fingerprint"] = "fp_fake",
        ["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        }),
    };

    private static async Task WriteChunkAsync(HttpContext context, JsonObject chunk, CancellationToken aborted)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", Encoding.UTF8, aborted);
        await context.Response.Body.FlushAsync(aborted);
    }

    private static async Task WriteErrorAsync(HttpContext context, FakeChatReply.Error error)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/json";
        if (error.RetryAfter is { } wait)
        {
            if (error.RetryAfterInMilliseconds)
                context.Response.Headers["retry-after-ms"] = ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            else
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        var json = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = error.Message,
                ["type"] = error.Type,
                ["param"] = null,
                ["code"] = error.Code,
            },
        };
        await context.Response.WriteAsync(json.ToJsonString());
    }

    [GeneratedRegex(@"\s*\S+")]
    private static partial Regex StreamPiece();
}
