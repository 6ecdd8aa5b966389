using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatBot.Hosting.Readiness;

/// <summary>Ready only when the vector store (the embedded files or Qdrant) can be reached. Its message (hosts, errors) is for logs and moderators only.</summary>
internal sealed class VectorStoreHealthCheck(IChunkVectorIndex vectors) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await vectors.CheckHealthAsync(cancellationToken);
        return health.IsReady
            ? HealthCheckResult.Healthy(health.Message)
            : HealthCheckResult.Unhealthy(health.Message, data: ReadinessReasons.Data(ReadinessReasons.VectorStoreUnavailable));
    }
}
