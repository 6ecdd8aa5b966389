using ChatBot.Core.Corpus;
using ChatBot.Core.Moderation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Http;

/// <summary>
/// The moderator routes, all through <see cref="ICorpusModeration"/> (the same service the CLI, Discord and
/// Teams use): `GET /api/corpus`, `POST /api/corpus` (multipart: `file`, optional `name`, title, outlet,
/// author, date, url), `DELETE /api/corpus/{file}`, `POST /api/reindex[?force=true]`. The HTTP moderator
/// rule: header X-Api-Key = Api:ModeratorApiKey; with no key configured the routes are off (404).
/// Every refusal is audited. Changes finish even if the client goes away (the service runs them under the
/// application's stopping token).
/// </summary>
internal static partial class CorpusEndpoints
{
    /// <summary>Room for the multipart framing and metadata fields around the file itself.</summary>
    private const long MultipartOverheadBytes = 64 * 1024;

    public static RouteGroupBuilder MapCorpusEndpoints(this RouteGroupBuilder moderator)
    {
        moderator.MapGet("/corpus", (Func<HttpContext, Task<IResult>>)ListAsync);
        moderator.MapPost("/corpus", (Func<HttpContext, Task<IResult>>)UploadAsync).DisableAntiforgery();
        moderator.MapDelete("/corpus/{file}", RemoveAsync);
        moderator.MapPost("/reindex", ReindexAsync).WithName("Reindex");
        return moderator;
    }

    private static ICorpusModeration Moderation(HttpContext http) => http.RequestServices.GetRequiredService<ICorpusModeration>();

    private static async Task<IResult> ListAsync(HttpContext http)
    {
        if (await RefuseUnlessModeratorAsync(http, "list", null) is { } refused) return refused;
        var files = await Moderation(http).ListAsync(HttpRequests.Caller(http), http.RequestAborted);
        return Results.Json(files.ToList(), ApiJsonContext.Readable.ListCorpusFileInfo);
    }

    private static async Task<IResult> UploadAsync(HttpContext http)
    {
        if (await RefuseUnlessModeratorAsync(http, "add", null) is { } refused) return refused;
        var moderation = Moderation(http);
        var caller = HttpRequests.Caller(http);
        var bodyLimit = moderation.MaxUploadBytes + MultipartOverheadBytes;
        if (http.Request.ContentLength > bodyLimit)
        {
            var message = $"The upload is {ModerationOptions.Describe(http.Request.ContentLength.Value)}; corpus files may be at most {ModerationOptions.Describe(moderation.MaxUploadBytes)}. Nothing was changed.";
            await moderation.RecordRejectionAsync(caller, "add", null, message);
            return ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, message);
        }
        if (!http.Request.HasFormContentType)
            return ApiErrors.Result(StatusCodes.Status400BadRequest, "Send the article as multipart/form-data with a \"file\" field (and optional name, title, outlet, author, date, url fields).");
        HttpRequests.SetBodyLimit(http, bodyLimit);
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = bodyLimit }, http.RequestAborted);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException && !http.RequestAborted.IsCancellationRequested)
        {
            var status = ex is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status400BadRequest;
            return ApiErrors.Result(status, status == StatusCodes.Status413PayloadTooLarge
                ? $"The upload is larger than {ModerationOptions.Describe(moderation.MaxUploadBytes)}, the most a corpus file may be. Nothing was changed."
                : "The upload could not be read as multipart/form-data; nothing was changed.");
        }
        var file = form.Files.GetFile("file");
        if (file is null) return ApiErrors.Result(StatusCodes.Status400BadRequest, "The form has no \"file\" field.");
        var metadata = new CorpusFileMetadata(Field(form, "title"), Field(form, "outlet"), Field(form, "author"), Field(form, "date"), Field(form, "url"));
        var upload = new CorpusUpload(Field(form, "name") ?? file.FileName, metadata.IsEmpty ? null : metadata, file.Length, async (_, ct) =>
        {
            var content = new byte[file.Length];
            await using var stream = file.OpenReadStream();
            await stream.ReadExactlyAsync(content, ct);
            return content;
        });
        return await ChangeAsync(http, () => moderation.AddOrReplaceAsync(caller, upload, http.RequestAborted));
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, string file)
    {
        if (await RefuseUnlessModeratorAsync(http, "remove", file) is { } refused) return refused;
        return await ChangeAsync(http, () => Moderation(http).RemoveAsync(HttpRequests.Caller(http), file, http.RequestAborted));
    }

    private static async Task<IResult> ReindexAsync(HttpContext http, bool? force)
    {
        if (await RefuseUnlessModeratorAsync(http, "reindex", null) is { } refused) return refused;
        try
        {
            var result = await Moderation(http).ReindexAsync(HttpRequests.Caller(http), force ?? false, http.RequestAborted);
            return Results.Json(new ReindexResponse(result.CorpusHash, result.Documents, result.Chunks, result.Rebuilt, result.Elapsed.TotalMilliseconds),
                ApiJsonContext.Readable.ReindexResponse);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(Logger(http), "reindex", ex);
            return ApiErrors.Result(StatusCodes.Status500InternalServerError, "Re-indexing failed; the old index stays in use. The error was logged.");
        }
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, Func<Task<CorpusChangeResult>> change)
    {
        try
        {
            return Results.Json(await change(), ApiJsonContext.Readable.CorpusChangeResult);
        }
        catch (CorpusException ex)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ModerationRefusedException)
        {
            LogFailed(Logger(http), "change", ex);
            return ApiErrors.Result(StatusCodes.Status500InternalServerError, "The change failed and was rolled back; the corpus is as it was. The error was logged.");
        }
    }

    /// <summary>404 when the routes are off, 401 without the right key; either way the attempt is audited.</summary>
    private static async Task<IResult?> RefuseUnlessModeratorAsync(HttpContext http, string action, string? file)
    {
        var caller = HttpRequests.Caller(http);
        if (caller.IsModerator) return null;
        await Moderation(http).RecordRefusalAsync(caller, action, file);
        if (string.IsNullOrEmpty(http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.ModeratorApiKey))
            return ApiErrors.Result(StatusCodes.Status404NotFound, "The moderator routes over HTTP are off: no Api:ModeratorApiKey is configured.");
        http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ChatBotRoutes.ApiKeyHeader}\"";
        var key = http.Request.Headers[ChatBotRoutes.ApiKeyHeader].ToString();
        return ApiErrors.Result(StatusCodes.Status401Unauthorized, string.IsNullOrEmpty(key)
            ? $"This is for moderators: send the moderator key in the {ChatBotRoutes.ApiKeyHeader} header."
            : $"The {ChatBotRoutes.ApiKeyHeader} header does not hold the moderator key.");
    }

    private static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString() : null;

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ChatBot.Http.Corpus");

    [LoggerMessage(Level = LogLevel.Error, Message = "A moderator {Action} over HTTP failed")]
    private static partial void LogFailed(ILogger logger, string action, Exception exception);
}
