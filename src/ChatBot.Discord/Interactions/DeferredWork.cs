using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// Runs the work behind deferred interaction responses after the HTTP response has gone, so Discord's
/// 3-second deadline never bites. Work is cancelled on shutdown, and shutdown waits for it briefly.
/// </summary>
public sealed class DeferredWork(ILogger<DeferredWork> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, Task> _running = new();
    private int _next;

    public void Run(string what, Func<CancellationToken, Task> work)
    {
        var id = Interlocked.Increment(ref _next);
        // The work waits until it is tracked, so a quick one cannot finish before it is added (and then linger).
        var tracked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = Task.Run(async () =>
        {
            try
            {
                await tracked.Task;
                await work(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                logger.LogError(e, "Deferred Discord work '{What}' failed", what);
            }
            finally
            {
                _running.TryRemove(id, out _);
            }
        });
        _running[id] = task;
        tracked.SetResult();
    }

    /// <summary>Work still running (for tests and graceful shutdown).</summary>
    public int Pending => _running.Count;

    /// <summary>Completes when the work running now has finished (tests wait on it instead of sleeping).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAny(Task.WhenAll(_running.Values), Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
    }

    public void Dispose() => _stopping.Dispose();
}
