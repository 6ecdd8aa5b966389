using System.Text.Json;
using ChatBot.Core.Moderation;
using ChatBot.Hosting.Readiness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace ChatBot.Http;

/// <summary>
/// `GET /healthz` (liveness: {"status": "alive", "reason": "ok"} whenever the process answers) and
/// `GET /readyz` (readiness: {"status": "ready"|"not_ready", "reason": code}). Anyone may probe; only the
/// reason code is public. What a check found (paths, hosts, exception text) goes to the log and, with the
/// moderator key in X-Api-Key, into a "checks" object.
/// </summary>
internal static partial class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Liveness runs no checks.
        endpoints.MapHealthChecks(ChatBotRoutes.Health, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteLivenessAsync });
        // Readiness runs every registered check (the corpus index and whatever other parts add).
        endpoints.MapHealthChecks(ChatBotRoutes.Ready, new HealthCheckOptions { ResponseWriter = WriteReadinessAsync });
        return endpoints;
    }

    private static Task WriteLivenessAsync(HttpContext context, HealthReport report) =>
        WriteAsync(context, "alive", ReadinessReasons.Ok, null);

    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).ToList();
        var reason = failing.Count == 0 ? ReadinessReasons.Ok : ReasonOf(failing[0].Key, failing[0].Value);
        context.RequestServices.GetRequiredService<ReadinessLog>().Observe(reason, failing.Select(f => (f.Key, f.Value.Description ?? f.Value.Exception?.Message)));
        var moderator = context.RequestServices.GetRequiredService<IModeratorPolicy>().IsModerator(context.Request.Headers[ChatBotRoutes.ApiKeyHeader].ToString());
        return WriteAsync(context, report.Status == HealthStatus.Healthy ? "ready" : "not_ready", reason, moderator ? report : null);
    }

    private static string ReasonOf(string check, HealthReportEntry entry) =>
        entry.Data.TryGetValue(ReadinessReasons.DataKey, out var code) && code is string text ? text : check + "_unhealthy";

    private static async Task WriteAsync(HttpContext context, string status, string reason, HealthReport? details)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status", status);
        writer.WriteString("reason", reason);
        if (details is not null)
        {
            writer.WriteStartObject("checks");
            foreach (var (name, entry) in details.Entries)
            {
                writer.WriteStartObject(name);
                writer.WriteString("status", entry.Status.ToString());
                if (entry.Description is not null) writer.WriteString("description", entry.Description);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}

/// <summary>Logs what readiness found when the reason changes (probes come every few seconds; the log gets one line per change).</summary>
internal sealed partial class ReadinessLog(ILogger<ReadinessLog> logger)
{
    private string _last = ReadinessReasons.Ok;

    public void Observe(string reason, IEnumerable<(string Check, string? Detail)> failing)
    {
        if (Interlocked.Exchange(ref _last, reason) == reason) return;
        if (reason == ReadinessReasons.Ok) LogReady(logger);
        else foreach (var (check, detail) in failing) LogNotReady(logger, reason, check, detail ?? "(no detail)");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready.")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready ({Reason}): {Check}: {Detail}")]
    private static partial void LogNotReady(ILogger logger, string reason, string check, string detail);
}
