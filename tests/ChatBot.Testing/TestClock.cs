using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports when code starts waiting on it (a timer is
/// created or re-armed), so a test advances time exactly when the code under test is waiting: no
/// sleeps, no real-clock thresholds, the same result on a loaded machine.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _unseen = [];
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Seen)> _waiting = [];

    public TestClock() : base(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Armed(dueTime);
        return timer;
    }

    /// <summary>
    /// Completes when a wait of <paramref name="due"/> (any finite wait when null) has started, now or
    /// earlier and not yet claimed by another call. Fails after 10 s of real time: the code never waited.
    /// </summary>
    public Task<TimeSpan> WaitForTimerAsync(TimeSpan? due = null) =>
        WaitForTimerAsync(due is { } d ? t => t == d : t => t != Timeout.InfiniteTimeSpan, CancellationToken.None, due);

    /// <summary>As <see cref="WaitForTimerAsync(TimeSpan?)"/>, for the first wait whose length matches <paramref name="match"/>.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match, CancellationToken cancellationToken, TimeSpan? due = null)
    {
        TaskCompletionSource<TimeSpan> seen;
        lock (_gate)
        {
            var i = _unseen.FindIndex(t => match(t));
            if (i >= 0)
            {
                var found = _unseen[i];
                _unseen.RemoveAt(i);
                return found;
            }
            seen = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((match, seen));
        }
        using var registration = cancellationToken.Register(() =>
        {
            lock (_gate) _waiting.RemoveAll(w => w.Seen == seen);
            seen.TrySetCanceled(cancellationToken);
        });
        try
        {
            return await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Nothing started waiting {(due is null ? "" : $"{due.Value.TotalMilliseconds} ms ")}on the test clock. Unclaimed waits: {string.Join(", ", _unseen.Select(t => t.TotalMilliseconds + " ms"))}.");
        }
    }

    /// <summary>Waits for the code to wait <paramref name="due"/>, then moves time on by exactly that much.</summary>
    public async Task AdvanceWhenWaitingAsync(TimeSpan due)
    {
        await WaitForTimerAsync(due);
        Advance(due);
    }

    private void Armed(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) return;
        lock (_gate)
        {
            var i = _waiting.FindIndex(w => w.Match(dueTime));
            if (i >= 0)
            {
                _waiting[i].Seen.TrySetResult(dueTime);
                _waiting.RemoveAt(i);
            }
            else
            {
                _unseen.Add(dueTime);
            }
        }
    }

    private sealed class ObservedTimer(ITimer inner, TestClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Armed(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
