using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatBot.Discord.Model;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Rest;

/// <summary>
/// The Discord client's innermost handler, run for every attempt the resilience pipeline makes:
/// waits while the route's bucket, the route after a 429 or the global limit is exhausted, then
/// learns the buckets from the answer's X-RateLimit-* headers and a 429's retry_after (global ones
/// hold back every route). The retry policy itself (how often, on what) is the pipeline's.
/// </summary>
internal sealed partial class DiscordRateLimitHandler(RateLimitBuckets buckets, TimeProvider time, ILogger<DiscordRateLimitHandler> logger) : DelegatingHandler
{
    /// <summary>Longest retry_after honoured; Discord's per-route waits are seconds, a longer one is a ban to report.</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var route = RateLimitBuckets.RouteKey(request.Method, path);
        var wait = buckets.Acquire(route);
        if (wait > TimeSpan.Zero)
        {
            LogWaiting(logger, (int)wait.TotalMilliseconds, request.Method.Method, DiscordRestClient.RedactToken(path));
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        buckets.Update(route, response);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var limit = await ReadRateLimitAsync(response, cancellationToken).ConfigureAwait(false);
            var retryAfter = TimeSpan.FromSeconds(Math.Clamp(limit?.RetryAfter ?? 1, 0, MaxRetryAfter.TotalSeconds));
            var global = limit?.Global == true || response.Headers.Contains("X-RateLimit-Global");
            if (global) buckets.BlockGlobally(retryAfter);
            else buckets.BlockRoute(route, retryAfter);
            var scope = global ? "global" : response.Headers.TryGetValues("X-RateLimit-Scope", out var s) ? s.First() : "route";
            LogLimited(logger, request.Method.Method, DiscordRestClient.RedactToken(path), scope, retryAfter.TotalSeconds);
        }
        return response;
    }

    private static async Task<RateLimitBody?> ReadRateLimitAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            // Buffered (the client reads whole responses), so the caller can still read the body.
            await response.Content.LoadIntoBufferAsync(ct).ConfigureAwait(false);
            return await response.Content.ReadFromJsonAsync(DiscordJsonContext.Default.RateLimitBody, ct).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // Not JSON (e.g. a Cloudflare ban page): the Retry-After header in whole seconds.
            return response.Headers.RetryAfter?.Delta is { } header ? new RateLimitBody { RetryAfter = header.TotalSeconds } : null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord rate limit: waiting {Wait} ms before {Method} {Route}")]
    private static partial void LogWaiting(ILogger logger, int wait, string method, string route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord 429 on {Method} {Route} ({Scope}); next attempt after {RetryAfter} s")]
    private static partial void LogLimited(ILogger logger, string method, string route, string scope, double retryAfter);
}
