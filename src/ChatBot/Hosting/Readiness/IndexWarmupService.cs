using System.Diagnostics;
using ChatBot.Core.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Hosting.Readiness;

/// <summary>
/// Loads or builds the corpus index in the background once the host starts, so the server listens
/// at once (/healthz green) and /readyz turns green only when the index is there.
/// </summary>
internal sealed partial class IndexWarmupService(IServiceProvider services, IndexWarmupState state, ILogger<IndexWarmupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var index = services.GetService<ICorpusIndex>();
        if (index is null)
        {
            state.Fail("No ICorpusIndex is registered.");
            LogNoIndex(logger);
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var progress = new Progress<IndexProgress>(p => LogProgress(logger, p.Stage, p.Done, p.Total));
        try
        {
            // Task.Run: the index may do seconds of synchronous work before its first await, and
            // host start-up (and so Kestrel) must not wait for it.
            var snapshot = await Task.Run(() => index.EnsureReadyAsync(progress, stoppingToken), stoppingToken);
            LogReady(logger, snapshot.Documents.Count, snapshot.Chunks.Count, stopwatch.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before the index was ready: nothing to report.
        }
        catch (Exception ex)
        {
            state.Fail(ex.Message);
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No ICorpusIndex is registered; /readyz stays red.")]
    private static partial void LogNoIndex(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Index: {Stage} {Done}/{Total}")]
    private static partial void LogProgress(ILogger logger, string stage, int done, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Corpus index ready: {Documents} documents, {Chunks} chunks in {ElapsedMs:F0} ms.")]
    private static partial void LogReady(ILogger logger, int documents, int chunks, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the corpus index failed; /readyz stays red.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
