using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Answering;

namespace ChatBot.Hosting.Api;

/// <summary>Body of POST /api/ask.</summary>
public sealed record AskRequest(
    [property: JsonPropertyName("question")] string? Question,
    [property: JsonPropertyName("conversation_id")] string? ConversationId = null);

/// <summary>Every error the API returns: {"error": "..."}.</summary>
public sealed record ApiError([property: JsonPropertyName("error")] string Error);

/// <summary>One corpus file, as listed by GET /api/sources.</summary>
public sealed record SourceResponse(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("outlet")] string? Outlet,
    [property: JsonPropertyName("author")] string? Author,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("chunks")] int Chunks,
    [property: JsonPropertyName("content_hash")] string ContentHash,
    [property: JsonPropertyName("duplicate_of")] string? DuplicateOf);

/// <summary>GET /api/sources.</summary>
public sealed record SourcesResponse(
    [property: JsonPropertyName("corpus_hash")] string CorpusHash,
    [property: JsonPropertyName("sources")] IReadOnlyList<SourceResponse> Sources);

/// <summary>POST /api/reindex.</summary>
public sealed record ReindexResponse(
    [property: JsonPropertyName("corpus_hash")] string CorpusHash,
    [property: JsonPropertyName("documents")] int Documents,
    [property: JsonPropertyName("chunks")] int Chunks,
    [property: JsonPropertyName("rebuilt")] bool Rebuilt,
    [property: JsonPropertyName("elapsed_ms")] double ElapsedMs);

/// <summary>
/// Source-generated JSON for the API; the answer's property names come from <see cref="Answer"/>'s
/// attributes. Write with <see cref="Readable"/>: accents and quotes as themselves, not \u00e1 / \u0022.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(AskRequest))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(Answer))]
[JsonSerializable(typeof(SourcesResponse))]
[JsonSerializable(typeof(ReindexResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The same contract, written as readable UTF-8. The relaxed encoder leaves HTML-significant
    /// characters unescaped, which is safe here: responses are application/json with nosniff.
    /// </summary>
    public static ApiJsonContext Readable { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
