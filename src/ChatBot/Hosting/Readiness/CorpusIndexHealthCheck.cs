using ChatBot.Core.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ChatBot.Hosting.Shutdown;

namespace ChatBot.Hosting.Readiness;

/// <summary>Ready when the corpus index is loaded and the server is not shutting down. Descriptions are for logs and moderators only.</summary>
internal sealed class CorpusIndexHealthCheck(IServiceProvider services, IndexWarmupState state, ShutdownState shutdown)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (shutdown.IsShuttingDown)
            return Task.FromResult(HealthCheckResult.Unhealthy("Shutting down.", data: ReadinessReasons.Data(ReadinessReasons.ShuttingDown)));

        if (state.Failure is { } failure)
            return Task.FromResult(HealthCheckResult.Unhealthy("Loading the corpus index failed: " + failure, data: ReadinessReasons.Data(ReadinessReasons.IndexFailed)));

        var index = services.GetService<ICorpusIndex>();
        if (index is null || !index.IsReady)
            return Task.FromResult(HealthCheckResult.Unhealthy("The corpus index is loading.", data: ReadinessReasons.Data(ReadinessReasons.IndexLoading)));

        var snapshot = index.Current;
        return Task.FromResult(HealthCheckResult.Healthy(
            $"{snapshot.Documents.Count} documents, {snapshot.Chunks.Count} chunks.",
            new Dictionary<string, object> { ["corpus_hash"] = snapshot.CorpusHash }));
    }
}
