using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChatBot.Core.Corpus;
using ChatBot.Core.Feedback;
using ChatBot.Core.Moderation;
using ChatBot.Core.Quiz;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Http;

/// <summary>
/// HTTP surface for students and moderators: `POST /api/quiz`, `POST /api/quiz/answer`,
/// `POST /api/feedback`, and the moderator-only `GET|POST /api/corpus`, `DELETE /api/corpus/{file}`
/// (X-Api-Key must equal Api:ModeratorApiKey). Errors are JSON {"error": "..."}.
/// </summary>
public static class QuizAndCorpusEndpoints
{
    public const string ApiKeyHeader = "X-Api-Key";
    private const long MaxJsonBodyBytes = 64 * 1024;
    // Uploads are read up to here so an oversize article is refused with a clear message (and audited)
    // by the corpus admin; beyond it the request is cut off unread.
    private const long MaxUploadBodyBytes = 32 * 1024 * 1024;

    /// <summary>
    /// Maps the routes at their full paths (call it on the app, not inside an "/api" group); returns the
    /// group so the host can add conventions, e.g. rate limits.
    /// </summary>
    public static RouteGroupBuilder MapQuizAndCorpusApi(this IEndpointRouteBuilder builder)
    {
        var endpoints = builder.MapGroup("");
        endpoints.MapPost("/api/quiz", (Func<HttpContext, Task<IResult>>)NextQuestionAsync);
        endpoints.MapPost("/api/quiz/answer", (Func<HttpContext, Task<IResult>>)AnswerAsync);
        endpoints.MapPost("/api/feedback", (Func<HttpContext, Task<IResult>>)FeedbackAsync);
        endpoints.MapGet("/api/corpus", (Func<HttpContext, Task<IResult>>)ListCorpusAsync);
        endpoints.MapPost("/api/corpus", (Func<HttpContext, Task<IResult>>)UploadAsync).DisableAntiforgery();
        endpoints.MapDelete("/api/corpus/{file}", RemoveAsync);
        return endpoints;
    }

    private static async Task<IResult> NextQuestionAsync(HttpContext http)
    {
        var (request, error) = await ReadJsonAsync(http, QuizAndCorpusJsonContext.Default.QuizRequest, allowEmpty: true);
        if (error is not null) return error;
        if (request?.Article is { Length: > 200 }) return Error("\"article\" is longer than 200 characters.", StatusCodes.Status400BadRequest);
        var quiz = http.RequestServices.GetRequiredService<IQuizService>();
        try
        {
            var question = await quiz.NextQuestionAsync(new QuizUser("http", UserOf(http, request?.User)), request?.Article, http.RequestAborted);
            return Results.Json(QuizPromptWire.From(question), QuizAndCorpusJsonContext.Default.QuizPromptWire);
        }
        catch (QuizScopeException ex)
        {
            return Error(ex.Message, StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> AnswerAsync(HttpContext http)
    {
        var (request, error) = await ReadJsonAsync(http, QuizAndCorpusJsonContext.Default.QuizAnswerRequest);
        if (error is not null) return error;
        if (string.IsNullOrWhiteSpace(request!.Id)) return Error("\"id\" is required: the id of the question being answered.", StatusCodes.Status400BadRequest);
        if (request.Answer is { Length: > 1000 }) return Error("The answer is longer than 1000 characters.", StatusCodes.Status400BadRequest);
        var quiz = http.RequestServices.GetRequiredService<IQuizService>();
        try
        {
            var grade = await quiz.GradeAsync(new QuizUser("http", UserOf(http, request.User)), request.Id, request.Answer, http.RequestAborted);
            return Results.Json(QuizGradeWire.From(grade), QuizAndCorpusJsonContext.Default.QuizGradeWire);
        }
        catch (QuizQuestionNotFoundException ex)
        {
            return Error(ex.Message, StatusCodes.Status404NotFound);
        }
    }

    private static async Task<IResult> FeedbackAsync(HttpContext http)
    {
        var (request, error) = await ReadJsonAsync(http, QuizAndCorpusJsonContext.Default.FeedbackRequest);
        if (error is not null) return error;
        if (request!.Helpful is null) return Error("\"helpful\" (true or false) is required.", StatusCodes.Status400BadRequest);
        var hasher = http.RequestServices.GetRequiredService<UserHasher>();
        var entry = new FeedbackEntry("http", hasher.Hash("http", UserOf(http, request.User)), request.Question ?? "", request.Answer ?? "",
            request.Citations ?? [], request.Helpful.Value, DateTimeOffset.UtcNow);
        try
        {
            await http.RequestServices.GetRequiredService<IFeedbackStore>().RecordAsync(entry, http.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            return Error(ex.Message.Split(" (Parameter", 2)[0], StatusCodes.Status400BadRequest);
        }
        return Results.NoContent();
    }

    private static async Task<IResult> ListCorpusAsync(HttpContext http)
    {
        if (await RefuseUnlessModeratorAsync(http, "list", null) is { } refused) return refused;
        var files = await http.RequestServices.GetRequiredService<ICorpusAdmin>().ListAsync(http.RequestAborted);
        return Results.Json(files.ToList(), QuizAndCorpusJsonContext.Default.ListCorpusFileInfo);
    }

    private static async Task<IResult> UploadAsync(HttpContext http)
    {
        if (await RefuseUnlessModeratorAsync(http, "add", null) is { } refused) return refused;
        if (http.Request.ContentLength > MaxUploadBodyBytes)
            return Error($"The upload is larger than {MaxUploadBodyBytes / (1024 * 1024)} MB; an article may be at most {CorpusFileReader.MaxFileBytes / (1024 * 1024)} MB.", StatusCodes.Status413PayloadTooLarge);
        if (!http.Request.HasFormContentType)
            return Error("Send the article as multipart/form-data with a \"file\" field (and optional title, outlet, author, date, url fields).", StatusCodes.Status400BadRequest);
        SetBodyLimit(http, MaxUploadBodyBytes);
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxUploadBodyBytes }, http.RequestAborted);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException)
        {
            return Error($"The upload could not be read: {ex.Message}", ex is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status400BadRequest);
        }
        var file = form.Files.GetFile("file");
        if (file is null) return Error("The form has no \"file\" field.", StatusCodes.Status400BadRequest);
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, http.RequestAborted);
        var metadata = new CorpusFileMetadata(Field(form, "title"), Field(form, "outlet"), Field(form, "author"), Field(form, "date"), Field(form, "url"));
        var name = Field(form, "name") ?? file.FileName;
        return await ChangeAsync(() => http.RequestServices.GetRequiredService<ICorpusAdmin>()
            .AddOrReplaceAsync(name, content, metadata.IsEmpty ? null : metadata, ModeratorActor(http), http.RequestAborted));
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, string file)
    {
        if (await RefuseUnlessModeratorAsync(http, "remove", file) is { } refused) return refused;
        return await ChangeAsync(() => http.RequestServices.GetRequiredService<ICorpusAdmin>().RemoveAsync(file, ModeratorActor(http), http.RequestAborted));
    }

    private static async Task<IResult> ChangeAsync(Func<Task<CorpusChangeResult>> change)
    {
        try
        {
            return Results.Json(await change(), QuizAndCorpusJsonContext.Default.CorpusChangeResult);
        }
        catch (CorpusException ex)
        {
            return Error(ex.Message, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>401 (and an audit entry) unless the caller presents the moderator key.</summary>
    private static async Task<IResult?> RefuseUnlessModeratorAsync(HttpContext http, string action, string? file)
    {
        var key = http.Request.Headers[ApiKeyHeader].ToString();
        if (http.RequestServices.GetRequiredService<IModeratorPolicy>().IsModerator(key)) return null;
        await http.RequestServices.GetRequiredService<ICorpusAdmin>().RecordRefusedAsync(action, file, $"http:{Remote(http)}", http.RequestAborted);
        http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyHeader}\"";
        return Error(string.IsNullOrEmpty(key)
            ? $"Corpus management is for moderators: send the moderator key in the {ApiKeyHeader} header."
            : $"The {ApiKeyHeader} header does not hold the moderator key.", StatusCodes.Status401Unauthorized);
    }

    private static string ModeratorActor(HttpContext http) => $"api-key:{Remote(http)}";

    private static string Remote(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>A quiz session per named user; callers that name nobody share one per address.</summary>
    private static string UserOf(HttpContext http, string? user) =>
        string.IsNullOrWhiteSpace(user) ? $"http:{Remote(http)}" : user.Length > 200 ? user[..200] : user.Trim();

    private static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString() : null;

    private static void SetBodyLimit(HttpContext http, long bytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = bytes;
    }

    private static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpContext http, JsonTypeInfo<T> type, bool allowEmpty = false) where T : class
    {
        if (http.Request.ContentLength > MaxJsonBodyBytes) return (null, Error($"The request body is larger than {MaxJsonBodyBytes / 1024} KB.", StatusCodes.Status413PayloadTooLarge));
        SetBodyLimit(http, MaxJsonBodyBytes);
        if (allowEmpty && http.Request.ContentLength is 0) return (null, null);
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            if (buffer.Length == 0) return allowEmpty ? (null, null) : (null, Error("The request body is empty; send a JSON object.", StatusCodes.Status400BadRequest));
            buffer.Position = 0;
            var value = await JsonSerializer.DeserializeAsync(buffer, type, http.RequestAborted);
            return value is null ? (null, Error("Send a JSON object, not null.", StatusCodes.Status400BadRequest)) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Error($"The request body is not valid JSON: {ex.Message.Split(" Path:", 2)[0]}", StatusCodes.Status400BadRequest));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Error(ex.Message, ex.StatusCode));
        }
    }

    private static IResult Error(string message, int status) =>
        Results.Json(new ApiError(message), QuizAndCorpusJsonContext.Default.ApiError, statusCode: status);
}

public sealed record QuizRequest(
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("article")] string? Article = null);

public sealed record QuizAnswerRequest(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("answer")] string? Answer,
    [property: JsonPropertyName("user")] string? User);

public sealed record FeedbackRequest(
    [property: JsonPropertyName("question")] string? Question,
    [property: JsonPropertyName("answer")] string? Answer,
    [property: JsonPropertyName("citations")] List<string>? Citations,
    [property: JsonPropertyName("helpful")] bool? Helpful,
    [property: JsonPropertyName("user")] string? User);

public sealed record ApiError([property: JsonPropertyName("error")] string Error);

/// <summary>JSON for the quiz, corpus and feedback surfaces (HTTP and CLI): snake_case, readable accents.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(QuizRequest))]
[JsonSerializable(typeof(QuizAnswerRequest))]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(QuizQuestionWire))]
[JsonSerializable(typeof(QuizPromptWire))]
[JsonSerializable(typeof(QuizGradeWire))]
[JsonSerializable(typeof(CorpusChangeResult))]
[JsonSerializable(typeof(List<CorpusFileInfo>))]
[JsonSerializable(typeof(List<FeedbackReportRow>))]
internal sealed partial class QuizAndCorpusJsonContext : JsonSerializerContext
{
    /// <summary>The same contract with readable accents, for the CLI's output.</summary>
    public static JsonSerializerOptions Readable { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        TypeInfoResolver = new QuizAndCorpusJsonContext(),
    };
}
