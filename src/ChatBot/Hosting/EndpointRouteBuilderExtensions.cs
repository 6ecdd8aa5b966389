using ChatBot.Http;
using ChatBot.Hosting.RateLimiting;
using ChatBot.Hosting.Shutdown;
using ChatBot.Hosting.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ChatBot.Hosting;

public static class EndpointRouteBuilderExtensions
{
    /// <summary>
    /// The middleware `serve` runs in front of every endpoint: JSON error bodies, forwarded headers (only
    /// from the proxies ForwardedHeaders lists), the shutdown gate, security headers, the chat page
    /// (wwwroot), routing and rate limiting. Call before mapping endpoints.
    /// </summary>
    public static WebApplication UseChatBotHttpPipeline(this WebApplication app)
    {
        app.UseChatBotErrorResponses();
        app.UseForwardedHeaders();
        app.UseMiddleware<ShutdownGateMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// Every HTTP endpoint of `serve` (src/ChatBot/Http, one file per route group): ask, sources, quiz and
    /// feedback for everyone; corpus and re-index for moderators (own rate-limit buckets); /healthz, /readyz.
    /// </summary>
    public static IEndpointRouteBuilder MapChatBotApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireChatBotRateLimits();
        api.MapAskEndpoints();
        api.MapSourcesEndpoints();
        api.MapQuizEndpoints();
        api.MapFeedbackEndpoints();
        endpoints.MapGroup("/api").RequireChatBotModeratorRateLimits().MapCorpusEndpoints();
        endpoints.MapHealthEndpoints();
        return endpoints;
    }
}
