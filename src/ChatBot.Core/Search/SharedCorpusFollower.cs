using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Search;

/// <summary>
/// In `serve` with a shared corpus: asks the store every <see cref="Interval"/> which version is published
/// and switches to a new one (<see cref="CorpusIndex.FollowPublishedAsync"/>) without a restart and without
/// dropping a request, so a change published by any instance is served here within one interval plus the
/// load. Driven by the registered <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class SharedCorpusFollower(CorpusIndex? index, TimeSpan interval, TimeProvider time, ILogger<SharedCorpusFollower> logger)
    : BackgroundService
{
    public TimeSpan Interval { get; } = interval > TimeSpan.Zero ? interval : throw new ArgumentOutOfRangeException(nameof(interval));

    /// <summary>Raised after this instance switched to a newly published version (the version's id).</summary>
    public event Action<string>? Switched;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (index is null) return; // a host with the store but not the engine has nothing to follow
        using var timer = new PeriodicTimer(Interval, time);
        var failing = false;
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                if (await index.FollowPublishedAsync(stoppingToken) && index.Snapshot.Version is { } version) Switched?.Invoke(version);
                if (failing) LogRecovered(logger);
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The version served stays; the next round tries again. Said once per outage, not every round.
                if (!failing) LogFailed(logger, ex.Message);
                failing = true;
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check for a newer corpus version ({Reason}); serving the current one and trying again")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checking for newer corpus versions works again")]
    private static partial void LogRecovered(ILogger logger);
}
