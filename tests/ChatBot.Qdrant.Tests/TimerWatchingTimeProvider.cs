using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Qdrant.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when code starts waiting on it (a timer created or
/// re-armed), so a test moves the clock exactly when the code under test waits (a retry's backoff,
/// an attempt's timeout) and never while a call is simply on the wire.
/// </summary>
internal sealed class TimerWatchingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero))
{
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>Qdrant:Timeout's default: timers of this length are per-attempt timeouts.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Armed(dueTime);
        return new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), this);
    }

    /// <summary>
    /// Until <paramref name="work"/> ends: each time it arms a timer, advance the clock by that timer's
    /// due time. A per-attempt timeout is left alone (the call on the wire answers first) unless
    /// <paramref name="beforeTimeout"/> is given: then it is awaited (e.g. until the stuck attempt has
    /// reached the server) and the timeout elapses. <paramref name="beforeTimeout"/> gets the attempt number, from 1.
    /// </summary>
    public async Task RunAsync(Task work, Func<int, Task>? beforeTimeout = null)
    {
        var attempt = 0;
        while (!work.IsCompleted)
        {
            var next = _armed.Reader.ReadAsync().AsTask();
            if (await Task.WhenAny(work, next) == work) break;
            var due = await next;
            if (due == AttemptTimeout)
            {
                if (beforeTimeout is null) continue;
                await beforeTimeout(++attempt);
            }
            Advance(due);
        }
        await work;
    }

    public async Task<T> RunAsync<T>(Task<T> work, Func<int, Task>? beforeTimeout = null)
    {
        await RunAsync((Task)work, beforeTimeout);
        return await work;
    }

    /// <summary>Drops what was armed so far (by set-up calls), so <see cref="RunAsync(Task, Func{int, Task}?)"/> sees only the work's own timers.</summary>
    public void ForgetArmedTimers()
    {
        while (_armed.Reader.TryRead(out _))
        {
        }
    }

    private void Armed(TimeSpan dueTime)
    {
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) _armed.Writer.TryWrite(dueTime);
    }

    private sealed class WatchedTimer(ITimer inner, TimerWatchingTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Armed(dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
