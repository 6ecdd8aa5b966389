using System.Diagnostics;

namespace ChatBot.Testing;

/// <summary>
/// Waits for a condition that another thread or process makes true, checking it often and failing
/// only after a cap generous enough for a loaded two-core CI machine. The cap is a safety net, never
/// the thing tested: what is timed is done on a <see cref="TestClock"/>.
/// </summary>
public static class Eventually
{
    /// <summary>The default cap: a minute, for conditions that take milliseconds on an idle machine.</summary>
    public static readonly TimeSpan DefaultCap = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>Returns once <paramref name="condition"/> holds; fails naming <paramref name="what"/> after <paramref name="cap"/>.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? cap = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, cap);

    /// <inheritdoc cref="WaitUntilAsync(Func{bool}, string, TimeSpan?)"/>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? cap = null)
    {
        var limit = cap ?? DefaultCap;
        var started = Stopwatch.GetTimestamp();
        while (!await condition().ConfigureAwait(false))
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}.");
            await Task.Delay(Poll).ConfigureAwait(false);
        }
    }
}
