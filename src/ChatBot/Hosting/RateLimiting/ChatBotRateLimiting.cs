using System.Globalization;
using System.Threading.RateLimiting;
using ChatBot.Hosting.Api;
using ChatBot.Hosting.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatBot.Hosting.RateLimiting;

/// <summary>Endpoint metadata: requests to this endpoint count against the per-user and global limits.</summary>
public sealed class ChatBotRateLimitedMetadata
{
    public static ChatBotRateLimitedMetadata Instance { get; } = new();
}

/// <summary>
/// The global limiter of the rate-limiting middleware: a per-user fixed window chained with a
/// server-wide one, applied only to endpoints marked with <see cref="ChatBotRateLimitedMetadata"/>
/// (health probes and the static page are never limited).
/// </summary>
internal sealed class ConfigureChatBotRateLimiter(IOptions<RateLimitOptions> limits) : IConfigureOptions<RateLimiterOptions>
{
    internal const string UserIdHeader = "X-User-Id";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public void Configure(RateLimiterOptions options)
    {
        var settings = limits.Value;
        var perUser = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsLimited(context)
                ? RateLimitPartition.GetFixedWindowLimiter(UserKey(context, settings), _ => FixedWindow(settings.PermitsPerMinute))
                : RateLimitPartition.GetNoLimiter(string.Empty));
        var global = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsLimited(context)
                ? RateLimitPartition.GetFixedWindowLimiter("global", _ => FixedWindow(settings.GlobalPermitsPerMinute))
                : RateLimitPartition.GetNoLimiter(string.Empty));

        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(perUser, global);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (rejected, _) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                : (int)Window.TotalSeconds;
            rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await ApiErrors.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                $"Too many requests; please wait {retryAfter} s before asking again.");
        };
    }

    private static FixedWindowRateLimiterOptions FixedWindow(int permits) => new()
    {
        PermitLimit = permits,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static bool IsLimited(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ChatBotRateLimitedMetadata>() is not null;

    /// <summary>The trusted adapter's user id when configured to trust it, else the client address.</summary>
    internal static string UserKey(HttpContext context, RateLimitOptions settings)
    {
        if (settings.TrustUserIdHeader
            && context.Request.Headers[UserIdHeader].FirstOrDefault() is { Length: > 0 and <= 256 } userId)
        {
            return "user:" + userId;
        }

        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}

public static class ChatBotRateLimitingEndpointExtensions
{
    /// <summary>Makes requests to these endpoints count against the RateLimits section's per-user and global limits.</summary>
    public static TBuilder RequireChatBotRateLimits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ChatBotRateLimitedMetadata.Instance);
}
