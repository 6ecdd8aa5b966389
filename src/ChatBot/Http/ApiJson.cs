using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChatBot.Core.Answering;
using ChatBot.Core.Feedback;
using ChatBot.Core.Moderation;
using ChatBot.Core.Quiz;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Http;

/// <summary>Every error the API returns: {"error": "..."}.</summary>
public sealed record ApiError([property: JsonPropertyName("error")] string Error);

/// <summary>Body of POST /api/ask.</summary>
public sealed record AskRequest(
    [property: JsonPropertyName("question")] string? Question,
    [property: JsonPropertyName("conversation_id")] string? ConversationId = null);

/// <summary>Body of POST /api/feedback: which answer (its `answer_id`) and whether it helped. The server supplies the text.</summary>
public sealed record FeedbackRequest(
    [property: JsonPropertyName("answer_id")] string? AnswerId,
    [property: JsonPropertyName("helpful")] bool? Helpful);

public sealed record QuizRequest(
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("article")] string? Article = null);

public sealed record QuizAnswerRequest(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("answer")] string? Answer,
    [property: JsonPropertyName("user")] string? User);

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
/// The API's JSON, source-generated: snake_case (explicit names where a contract fixes them, e.g. the
/// answer object); requests ignore unknown fields.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(AskRequest))]
[JsonSerializable(typeof(Answer))]
[JsonSerializable(typeof(SourcesResponse))]
[JsonSerializable(typeof(ReindexResponse))]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(QuizRequest))]
[JsonSerializable(typeof(QuizAnswerRequest))]
[JsonSerializable(typeof(QuizQuestionWire))]
[JsonSerializable(typeof(QuizPromptWire))]
[JsonSerializable(typeof(QuizGradeWire))]
[JsonSerializable(typeof(CorpusChangeResult))]
[JsonSerializable(typeof(List<CorpusFileInfo>))]
[JsonSerializable(typeof(List<FeedbackReportRow>))]
public sealed partial class ApiJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The same contract written as readable UTF-8 (Núñez, not N\u00fa\u00f1ez; quotes as \", not \u0022), for
    /// every HTTP response and the CLI's output. The relaxed encoder leaves HTML-significant characters
    /// unescaped, which is safe here: responses are application/json with nosniff.
    /// </summary>
    public static ApiJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    });
}

/// <summary>Writes {"error": "..."} responses, also from middleware where IResult is not at hand.</summary>
public static class ApiErrors
{
    /// <summary>
    /// What is wrong with a JSON body that did not deserialize into <paramref name="type"/>: a member
    /// of the wrong type is named ("question" must be a string); anything else is not valid JSON,
    /// with where it broke.
    /// </summary>
    public static string DescribeJsonError(JsonException ex, JsonTypeInfo type, string? example = null)
    {
        var member = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        var property = member is null ? null : type.Properties.FirstOrDefault(p => p.Name == member);
        // A syntax error inside a member is reported at its path too; only a value of the wrong type "could not be converted".
        if (property is not null && ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            return $"\"{member}\" must be {Expected(property.PropertyType)}" + (example is null ? "." : $", e.g. {example}.");
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
        return $"The request body is not a valid JSON object{(example is null ? "" : $" like {example}")}{where}.";
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type.IsPrimitive || type == typeof(decimal)) return "a number";
        if (type.IsArray || type.IsAssignableTo(typeof(System.Collections.IEnumerable))) return "an array";
        return "an object";
    }

    public static IResult Result(int statusCode, string message) =>
        Results.Json(new ApiError(message), ApiJsonContext.Readable.ApiError, statusCode: statusCode);

    public static async Task Write(HttpContext context, int statusCode, string message)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ApiError(message), ApiJsonContext.Readable.ApiError, context.RequestAborted);
    }
}
