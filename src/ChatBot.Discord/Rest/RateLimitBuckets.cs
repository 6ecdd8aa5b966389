using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatBot.Discord.Rest;

/// <summary>
/// Tracks Discord's rate-limit buckets from the X-RateLimit-* response headers, and the global and
/// per-route limits from 429s' retry_after, so a request waits instead of being rejected. Routes are
/// keyed by method + path with minor ids (message ids) folded, as Discord shares buckets across
/// them; the server names the bucket.
/// </summary>
internal sealed partial class RateLimitBuckets(TimeProvider time)
{
    private sealed class BucketState
    {
        public int Remaining = 1;
        public DateTimeOffset ResetAt = DateTimeOffset.MinValue;
    }

    private readonly ConcurrentDictionary<string, string> _bucketByRoute = new();
    private readonly ConcurrentDictionary<string, BucketState> _states = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _routeUntil = new();
    private DateTimeOffset _globalUntil = DateTimeOffset.MinValue;

    public static string RouteKey(HttpMethod method, string path) => method.Method + " " + MinorId().Replace(path, "$1/{id}");

    /// <summary>How long to wait before sending on this route (zero when free); takes one from the bucket.</summary>
    public TimeSpan Acquire(string routeKey)
    {
        var now = time.GetUtcNow();
        var wait = _globalUntil > now ? _globalUntil - now : TimeSpan.Zero;
        if (_routeUntil.TryGetValue(routeKey, out var routeUntil) && routeUntil - now > wait) wait = routeUntil - now;
        if (_bucketByRoute.TryGetValue(routeKey, out var bucket) && _states.TryGetValue(bucket, out var state))
        {
            lock (state)
            {
                if (state.ResetAt <= now) state.Remaining = Math.Max(state.Remaining, 1);
                if (state.Remaining <= 0 && state.ResetAt > now)
                {
                    var bucketWait = state.ResetAt - now;
                    if (bucketWait > wait) wait = bucketWait;
                }
                else state.Remaining--;
            }
        }
        return wait;
    }

    public void Update(string routeKey, HttpResponseMessage response)
    {
        if (!TryHeader(response, "X-RateLimit-Bucket", out var bucket)) return;
        _bucketByRoute[routeKey] = bucket;
        if (!TryHeader(response, "X-RateLimit-Remaining", out var remainingText)
            || !int.TryParse(remainingText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)) return;
        var resetAfter = TryHeader(response, "X-RateLimit-Reset-After", out var resetText)
            && double.TryParse(resetText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
        var state = _states.GetOrAdd(bucket, _ => new BucketState());
        lock (state)
        {
            state.Remaining = remaining;
            state.ResetAt = time.GetUtcNow() + TimeSpan.FromSeconds(resetAfter);
        }
    }

    /// <summary>A 429 for this route: nothing more is sent on it for <paramref name="retryAfter"/>.</summary>
    public void BlockRoute(string routeKey, TimeSpan retryAfter) => _routeUntil[routeKey] = time.GetUtcNow() + retryAfter;

    public void BlockGlobally(TimeSpan retryAfter)
    {
        var until = time.GetUtcNow() + retryAfter;
        if (until > _globalUntil) _globalUntil = until;
    }

    private static bool TryHeader(HttpResponseMessage response, string name, out string value)
    {
        value = "";
        if (!response.Headers.TryGetValues(name, out var values)) return false;
        value = values.FirstOrDefault() ?? "";
        return value.Length > 0;
    }

    [GeneratedRegex(@"(/messages|/reactions)/[0-9]+")] private static partial Regex MinorId();
}
