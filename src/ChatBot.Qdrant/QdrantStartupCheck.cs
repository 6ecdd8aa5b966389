using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Qdrant;

/// <summary>
/// Fails the host's start with one clear line when Qdrant is unreachable or too old for the query
/// API, instead of failing on the first question.
/// </summary>
public sealed class QdrantStartupCheck(QdrantChunkVectorIndex index, ILogger<QdrantStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var health = await index.CheckHealthAsync(cancellationToken);
        if (!health.IsReady) throw new InvalidOperationException(health.Message);
        logger.LogInformation("{Health}", health.Message);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
