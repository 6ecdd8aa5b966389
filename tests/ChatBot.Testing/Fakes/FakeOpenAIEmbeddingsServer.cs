using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Testing.Fakes;

/// <summary>
/// An OpenAI-compatible <c>POST /v1/embeddings</c> on 127.0.0.1, as the OpenAI API reference
/// describes it: bearer key, JSON body {model, input, encoding_format, dimensions}, a list of
/// {object: "embedding", index, embedding} (floats, or base64 little-endian float32) with usage,
/// and OpenAI's error object with 401/400. Vectors are a pure function of the text (see <see cref="VectorFor"/>).
/// </summary>
public sealed class FakeOpenAIEmbeddingsServer : IAsyncDisposable
{
    public const int DefaultDimensions = 8;

    private readonly LoopbackServer _server;

    private FakeOpenAIEmbeddingsServer(LoopbackServer server, string apiKey)
    {
        _server = server;
        ApiKey = apiKey;
    }

    public string ApiKey { get; }

    /// <summary>The OpenAI-style base address: http://127.0.0.1:PORT/v1</summary>
    public string Endpoint => new Uri(_server.BaseAddress, "v1").ToString();

    public ConcurrentQueue<(string? Authorization, JsonObject Body)> Requests { get; } = new();

    public static async Task<FakeOpenAIEmbeddingsServer> StartAsync(string apiKey)
    {
        FakeOpenAIEmbeddingsServer? fake = null;
        var server = await LoopbackServer.StartAsync(routes =>
            routes.MapPost("/v1/embeddings", (HttpContext context) => fake!.HandleAsync(context)));
        fake = new FakeOpenAIEmbeddingsServer(server, apiKey);
        return fake;
    }

    public static float[] VectorFor(string text, int dimensions)
    {
        var seed = text.Aggregate(17, (h, c) => unchecked(h * 31 + c));
        return Enumerable.Range(0, dimensions).Select(j => (((seed >> (j % 16)) ^ (j * 7919)) & 1023) / 1024f - 0.5f).ToArray();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization != "Bearer " + ApiKey)
        {
            await Error(context, 401, "Incorrect API key provided. You can find your API key in your account settings.", "invalid_request_error", "invalid_api_key");
            return;
        }

        JsonObject body;
        try
        {
            body = (await JsonNode.ParseAsync(context.Request.Body))?.AsObject() ?? throw new JsonException("empty body");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            await Error(context, 400, "We could not parse the JSON body of your request.", "invalid_request_error", null);
            return;
        }
        Requests.Enqueue((authorization, body));

        var model = body["model"]?.GetValue<string>();
        var inputs = body["input"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            JsonArray a when a.All(x => x is JsonValue xv && xv.TryGetValue<string>(out _)) => a.Select(x => x!.GetValue<string>()).ToList(),
            _ => null,
        };
        if (string.IsNullOrEmpty(model) || inputs is null || inputs.Count == 0)
        {
            await Error(context, 400, "'model' and a non-empty 'input' are required.", "invalid_request_error", null);
            return;
        }
        var dimensions = body["dimensions"]?.GetValue<int>() ?? DefaultDimensions;
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";

        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = VectorFor(inputs[i], dimensions);
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray(vector.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }
        var tokens = inputs.Sum(s => s.Split(' ').Length);
        var response = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    private static async Task Error(HttpContext context, int status, string message, string type, string? code)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        };
        await context.Response.WriteAsync(error.ToJsonString());
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
