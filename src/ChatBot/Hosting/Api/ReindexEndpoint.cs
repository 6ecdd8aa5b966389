using ChatBot.Core.Search;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Hosting.Api;

/// <summary>
/// POST /api/reindex[?force=true], moderators only. The index swaps its snapshot atomically, so
/// questions answered meanwhile keep using the old one and none is dropped.
/// </summary>
internal static partial class ReindexEndpoint
{
    private const string ModeratorHeader = "X-Api-Key";

    public static async Task<IResult> HandleAsync(HttpContext context, bool? force)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatBot.Hosting.Api.Reindex");
        if (string.IsNullOrEmpty(services.GetRequiredService<IOptions<Core.Moderation.ApiOptions>>().Value.ModeratorApiKey))
        {
            return ApiErrors.Result(StatusCodes.Status404NotFound, "Re-indexing over HTTP is off: no Api:ModeratorApiKey is configured.");
        }
        if (!services.GetRequiredService<Core.Moderation.IModeratorPolicy>().IsModerator(context.Request.Headers[ModeratorHeader].FirstOrDefault()))
        {
            LogRejected(logger, context.Connection.RemoteIpAddress?.ToString());
            context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
            return ApiErrors.Result(StatusCodes.Status401Unauthorized, "A valid X-Api-Key header is required to re-index.");
        }

        var index = services.GetService<ICorpusIndex>();
        if (index is null)
        {
            return ApiErrors.Result(StatusCodes.Status503ServiceUnavailable, "No corpus index is configured.");
        }
        var running = services.GetRequiredService<ReindexGate>().Running;
        if (!await running.WaitAsync(0))
        {
            return ApiErrors.Result(StatusCodes.Status409Conflict, "A re-index is already running; try again when it has finished.");
        }
        try
        {
            // Not the request's token: a moderator closing the tab must not abandon a half-built index.
            var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var result = await index.ReindexAsync(force ?? false, null, stopping);
            LogReindexed(logger, result.Documents, result.Chunks, result.Rebuilt, result.Elapsed.TotalMilliseconds);
            return Results.Json(
                new ReindexResponse(result.CorpusHash, result.Documents, result.Chunks, result.Rebuilt, result.Elapsed.TotalMilliseconds),
                ApiJsonContext.Readable.ReindexResponse);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
            return ApiErrors.Result(StatusCodes.Status500InternalServerError, "Re-indexing failed; the old index stays in use. The error was logged.");
        }
        finally
        {
            running.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-index refused: missing or wrong X-Api-Key from {RemoteIp}.")]
    private static partial void LogRejected(ILogger logger, string? remoteIp);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-indexed: {Documents} documents, {Chunks} chunks, rebuilt={Rebuilt}, {ElapsedMs:F0} ms.")]
    private static partial void LogReindexed(ILogger logger, int documents, int chunks, bool rebuilt, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-indexing failed; the old index stays in use.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>One re-index at a time per server; a second caller is told so rather than queued.</summary>
internal sealed class ReindexGate : IDisposable
{
    public SemaphoreSlim Running { get; } = new(1, 1);

    public void Dispose() => Running.Dispose();
}
