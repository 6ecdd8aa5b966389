using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;

namespace ChatBot.Qdrant;

/// <summary>
/// Before the server takes traffic: Qdrant must answer, be new enough for the Query API and accept
/// the key. Otherwise start-up stops with one line naming the server (never the key), which `serve`
/// prints before exiting 1, instead of failing on the first question.
/// </summary>
public sealed partial class QdrantStartupCheck(QdrantChunkVectorIndex index, QdrantConnection connection, IOptions<QdrantOptions> options,
    ILogger<QdrantStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var health = await index.CheckHealthAsync(cancellationToken);
        if (!health.IsReady) throw new VectorStoreException(health.Message) { VectorStoreSystemName = QdrantErrors.SystemName, VectorStoreName = connection.Where };
        LogReady(logger, health.Message);
        var endpoint = connection.Endpoint;
        if (!string.IsNullOrEmpty(options.Value.ApiKey) && endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
        {
            LogPlainTextKey(logger, connection.Where);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host, out var ip) && IPAddress.IsLoopback(ip));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Health}")]
    private static partial void LogReady(ILogger logger, string health);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The Qdrant api key travels unencrypted to {Where}; use an https Qdrant:Url (Qdrant with TLS) outside a private network.")]
    private static partial void LogPlainTextKey(ILogger logger, string where);
}
