using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Hosting;

/// <summary>
/// Every error response of `serve` carries a body a client can show: `{"error": "..."}`. Endpoints
/// write their own; for the rest (no route: 404, wrong method: 405, an unhandled exception: 500,
/// any other empty 4xx/5xx) the pipeline writes RFC 9457 problem details with the same "error"
/// member, so both shapes read the same way.
/// </summary>
public static class HttpErrors
{
    /// <summary>Problem details with an "error" member (and a helpful detail) for every problem response.</summary>
    public static IServiceCollection AddChatBotProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            // An exception's own message may hold internals: a 500 only says it was logged.
            problem.Detail = context.Exception is not null ? "Something went wrong on the server; the error was logged." : problem.Detail ?? Describe(context.HttpContext, status);
            problem.Extensions["error"] = problem.Detail;
        });

    /// <summary>Unhandled exceptions become a logged 500 with a JSON body; empty error responses get one. Call first.</summary>
    public static WebApplication UseChatBotErrorResponses(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    private static string Describe(HttpContext http, int status)
    {
        var request = $"{http.Request.Method} {http.Request.Path}";
        return status switch
        {
            StatusCodes.Status404NotFound => $"Nothing here: {request}. The API is POST /api/ask, GET /api/sources, GET /healthz; the chat page is /.",
            StatusCodes.Status405MethodNotAllowed => http.Response.Headers.Allow is { Count: > 0 } allow
                ? $"{http.Request.Method} is not allowed on {http.Request.Path}; use {string.Join(", ", allow.ToString())}."
                : $"{http.Request.Method} is not allowed on {http.Request.Path}.",
            _ => $"{ReasonPhrases.GetReasonPhrase(status)}: {request}.",
        };
    }
}
