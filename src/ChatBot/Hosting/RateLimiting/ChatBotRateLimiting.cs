using System.Globalization;
using System.Threading.RateLimiting;
using ChatBot.Core.Moderation;
using ChatBot.Http;
using ChatBot.Hosting.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Hosting.RateLimiting;

/// <summary>Endpoint metadata: requests to this endpoint count against the rate limits of its kind.</summary>
public sealed class ChatBotRateLimitedMetadata
{
    private ChatBotRateLimitedMetadata(bool moderatorRoute) => IsModeratorRoute = moderatorRoute;

    /// <summary>Questions, quiz, feedback, sources: per-user and server-wide buckets.</summary>
    public static ChatBotRateLimitedMetadata Instance { get; } = new(false);

    /// <summary>Corpus and re-index: moderators presenting the key get a bucket of their own.</summary>
    public static ChatBotRateLimitedMetadata Moderator { get; } = new(true);

    public bool IsModeratorRoute { get; }
}

/// <summary>
/// The global limiter of the rate-limiting middleware: a per-user fixed window chained with a server-wide
/// one, applied only to endpoints marked with <see cref="ChatBotRateLimitedMetadata"/> (health probes and
/// the static page are never limited). A moderator route called with the moderator key counts only
/// against that moderator's own bucket (RateLimits:ModeratorPermitsPerMinute), so neither a flood of
/// questions nor a flood of wrong keys can lock moderators out. The user is the trusted X-User-Id, else
/// the client address (the proxy's forwarded one when ForwardedHeaders lists the proxy).
/// </summary>
internal sealed class ConfigureChatBotRateLimiter(IOptions<RateLimitOptions> limits, IServiceProvider services) : IConfigureOptions<RateLimiterOptions>
{
    internal const string UserIdHeader = "X-User-Id";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public void Configure(RateLimiterOptions options)
    {
        var settings = limits.Value;
        var perUser = PartitionedRateLimiter.Create<HttpContext, string>(context => Kind(context) switch
        {
            Bucket.Public => RateLimitPartition.GetFixedWindowLimiter("user:" + UserKey(context, settings), _ => FixedWindow(settings.PermitsPerMinute)),
            Bucket.Moderator => RateLimitPartition.GetFixedWindowLimiter("moderator:" + UserKey(context, settings), _ => FixedWindow(settings.ModeratorPermitsPerMinute)),
            _ => RateLimitPartition.GetNoLimiter(string.Empty),
        });
        var global = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            Kind(context) == Bucket.Public
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

    private enum Bucket { None, Public, Moderator }

    private Bucket Kind(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ChatBotRateLimitedMetadata>() switch
        {
            null => Bucket.None,
            { IsModeratorRoute: true } when services.GetRequiredService<IModeratorPolicy>().IsModerator(context.Request.Headers[ChatBotRoutes.ApiKeyHeader].ToString()) => Bucket.Moderator,
            _ => Bucket.Public,
        };

    private static FixedWindowRateLimiterOptions FixedWindow(int permits) => new()
    {
        PermitLimit = permits,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

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

    /// <summary>For moderator routes: the moderator key gets its own bucket (RateLimits:ModeratorPermitsPerMinute); other callers count as usual.</summary>
    public static TBuilder RequireChatBotModeratorRateLimits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ChatBotRateLimitedMetadata.Moderator);
}
