using System.Text.Json.Nodes;

namespace ChatBot.Testing.Fakes;

/// <summary>One message of a recorded chat completion request.</summary>
public sealed record RecordedChatMessage(string Role, string Content);

/// <summary>A chat completion request as the fake received it.</summary>
public sealed record RecordedChatRequest(
    int Index,
    string Path,
    string Model,
    IReadOnlyList<RecordedChatMessage> Messages,
    bool Stream,
    string? Authorization,
    JsonObject Body)
{
    /// <summary>The key after "Bearer ", or null when there is no bearer token.</summary>
    public string? BearerKey => Authorization is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;

    public string SystemText => string.Join("\n", Messages.Where(m => m.Role is "system" or "developer").Select(m => m.Content));
    public string UserText => string.Join("\n", Messages.Where(m => m.Role == "user").Select(m => m.Content));
    public string AllText => string.Join("\n", Messages.Select(m => m.Content));

    public int? MaxTokens => (int?)(Body["max_completion_tokens"] ?? Body["max_tokens"]);
    public double? Temperature => (double?)Body["temperature"];
}

/// <summary>What the fake answers a request with.</summary>
public abstract record FakeChatReply
{
    /// <summary>A completion with this content; streamed word by word when the request asks for a stream.</summary>
    public sealed record Text(string Content, string FinishReason = "stop") : FakeChatReply;

    /// <summary>An OpenAI-style error: status code, {"error": {...}} body and optional Retry-After / retry-after-ms headers.</summary>
    public sealed record Error(int Status, string Message, string Type, string? Code = null, TimeSpan? RetryAfter = null, bool RetryAfterInMilliseconds = false) : FakeChatReply;

    /// <summary>Waits (until the client gives up) before replying.</summary>
    public sealed record Delayed(TimeSpan Delay, FakeChatReply Then) : FakeChatReply;

    /// <summary>Streams <paramref name="First"/>, then stalls mid-body for <paramref name="Stall"/>, then streams the rest.</summary>
    public sealed record StallMidStream(string First, TimeSpan Stall, string Rest) : FakeChatReply;

    /// <summary>Streams <paramref name="First"/>, then waits mid-body until <paramref name="Resume"/> completes (the test decides when), then streams the rest.</summary>
    public sealed record PauseMidStream(string First, Task Resume, string Rest) : FakeChatReply;

    /// <summary>Waits until <paramref name="Resume"/> completes (or the client gives up) before replying.</summary>
    public sealed record Held(Task Resume, FakeChatReply Then) : FakeChatReply;

    public static FakeChatReply RateLimited(TimeSpan retryAfter, bool inMilliseconds = false) =>
        new Error(429, "Rate limit reached for requests. Please try again later.", "requests", "rate_limit_exceeded", retryAfter, inMilliseconds);

    public static FakeChatReply ServerError() =>
        new Error(500, "The server had an error while processing your request. Sorry about that!", "server_error");

    public static FakeChatReply InvalidApiKey() =>
        new Error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
}
