using ChatBot.Http;
using ChatBot.Hosting.Api;
using ChatBot.Hosting.RateLimiting;
using ChatBot.Hosting.Readiness;
using ChatBot.Hosting.Shutdown;
using ChatBot.Hosting.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace ChatBot.Hosting;

public static class EndpointRouteBuilderExtensions
{
    /// <summary>
    /// The middleware `serve` runs in front of every endpoint: JSON error bodies, the shutdown gate,
    /// security headers, the chat page (wwwroot), routing and rate limiting. Call before mapping endpoints.
    /// </summary>
    public static WebApplication UseChatBotHttpPipeline(this WebApplication app)
    {
        app.UseChatBotErrorResponses();
        app.UseMiddleware<ShutdownGateMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// POST /api/ask, GET /api/sources, POST /api/reindex, the quiz, feedback and corpus routes,
    /// GET /healthz and GET /readyz.
    /// </summary>
    public static IEndpointRouteBuilder MapChatBotApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireChatBotRateLimits();
        api.MapPost("/ask", (Delegate)AskEndpoint.HandleAsync).WithName("Ask");
        api.MapGet("/sources", (Delegate)SourcesEndpoint.Handle).WithName("Sources");
        api.MapPost("/reindex", ReindexEndpoint.HandleAsync).WithName("Reindex");
        endpoints.MapQuizAndCorpusApi().RequireChatBotRateLimits();

        // Liveness runs no checks: 200 whenever the process can answer at all.
        endpoints.MapHealthChecks(ChatBotRoutes.Health, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        // Readiness runs every registered check (the corpus index and whatever other parts add).
        endpoints.MapHealthChecks(ChatBotRoutes.Ready, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        return endpoints;
    }
}
