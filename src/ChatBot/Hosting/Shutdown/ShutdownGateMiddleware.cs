using ChatBot.Http;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Hosting.Shutdown;

/// <summary>
/// Once shutdown has started, refuses new requests with 503 (and closes their connection) while
/// requests already in flight run to completion. /healthz and /readyz pass through: the process is
/// still alive, and /readyz itself reports 503 while stopping.
/// </summary>
internal sealed class ShutdownGateMiddleware(RequestDelegate next, ShutdownState shutdown)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!shutdown.IsShuttingDown
            || context.Request.Path.StartsWithSegments(ChatBotRoutes.Health)
            || context.Request.Path.StartsWithSegments(ChatBotRoutes.Ready))
        {
            return next(context);
        }

        context.Response.Headers.Connection = "close";
        context.Response.Headers.RetryAfter = "5";
        return ApiErrors.Write(context, StatusCodes.Status503ServiceUnavailable, "The server is shutting down; please retry in a moment.");
    }
}
