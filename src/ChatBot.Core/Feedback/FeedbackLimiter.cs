using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Feedback;

/// <summary>
/// Per-person limit on feedback (Feedback:PermitsPerMinute), the same on every surface: a fixed window
/// per user hash, counted by System.Threading.RateLimiting's FixedWindowRateLimiter. Windows turn over
/// on a timer from the app's TimeProvider, which drops every counter at once (a fresh one is full), so
/// memory holds only the people who gave feedback in the current minute.
/// </summary>
public sealed class FeedbackLimiter : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly int _permits;
    private readonly ITimer _turnover;
    private ConcurrentDictionary<string, FixedWindowRateLimiter> _current = new(StringComparer.Ordinal);

    public FeedbackLimiter(IOptions<FeedbackOptions> options, TimeProvider time)
    {
        _permits = options.Value.PermitsPerMinute;
        _turnover = time.CreateTimer(_ => TurnOver(), null, Window, Window);
    }

    /// <summary>True when <paramref name="userHash"/> may give feedback now (and counts it).</summary>
    public bool TryAcquire(string userHash)
    {
        var limiters = _current;
        // Never replenished: the whole window is replaced at turnover.
        var limiter = limiters.GetOrAdd(userHash, _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = _permits,
            Window = Window,
            AutoReplenishment = false,
            QueueLimit = 0,
        }));
        using var lease = limiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    private void TurnOver()
    {
        var old = Interlocked.Exchange(ref _current, new ConcurrentDictionary<string, FixedWindowRateLimiter>(StringComparer.Ordinal));
        foreach (var limiter in old.Values) limiter.Dispose();
    }

    public void Dispose()
    {
        _turnover.Dispose();
        TurnOver();
    }
}
