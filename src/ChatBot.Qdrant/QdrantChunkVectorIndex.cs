using System.Globalization;
using System.Net;
using ChatBot.Core.Search;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Qdrant;

/// <summary>
/// <see cref="IChunkVectorIndex"/> on Qdrant with zero-downtime re-indexing: each index is built
/// fully into its own collection <c>&lt;Collection&gt;_&lt;index&gt;</c> (upserts in batches with
/// wait=true, then an exact count check), then the alias <c>&lt;Collection&gt;</c> is switched in one
/// atomic aliases call, then the old collection is dropped. A failure before the switch leaves the
/// old alias serving; readers always query through the alias.
/// </summary>
public sealed class QdrantChunkVectorIndex : IChunkVectorIndex
{
    /// <summary>The first Qdrant version with the query API (POST /points/query).</summary>
    public static readonly Version MinimumVersion = new(1, 10, 0);

    private readonly QdrantClient _client;
    private readonly QdrantOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _buildGate = new(1, 1);

    public QdrantChunkVectorIndex(QdrantClient client, IOptions<QdrantOptions> options, ILogger<QdrantChunkVectorIndex>? logger = null)
    {
        _client = client;
        _options = options.Value;
        _logger = logger ?? NullLogger<QdrantChunkVectorIndex>.Instance;
    }

    public string Provider => "qdrant";

    /// <summary>The alias readers query.</summary>
    public string Alias => _options.Collection;

    /// <summary>The collection an index name is built into.</summary>
    public string CollectionFor(string indexName) => $"{Alias}_{IndexNames.ToSafe(indexName)}";

    public async Task BuildAsync(string indexName, IReadOnlyList<ChunkVectorRecord> records, IProgress<IndexProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexName);
        (records, var dimensions) = ChunkVectorRecords.PrepareForBuild(records);
        var target = CollectionFor(indexName);
        await _buildGate.WaitAsync(cancellationToken);
        try
        {
            var previous = await AliasTargetAsync(cancellationToken);
            if (previous == target) return;
            if (await _client.CollectionExistsAsync(Alias, cancellationToken))
            {
                throw new QdrantException(
                    $"Qdrant has a collection named '{Alias}', but ChatBot serves through an alias of that name; delete that collection or set Qdrant:Collection to another name.");
            }

            // A collection of this name that is not serving is a leftover of an interrupted build: start over.
            if (await _client.CollectionExistsAsync(target, cancellationToken)) await _client.DeleteCollectionAsync(target, cancellationToken);
            _logger.LogInformation("Building Qdrant collection {Collection} ({Records} points, {Dimensions} dimensions); alias {Alias} keeps serving {Previous}",
                target, records.Count, dimensions, Alias, previous ?? "nothing");
            var collection = new QdrantVectorStoreCollection(_client, target, dimensions);
            await collection.EnsureCollectionExistsAsync(cancellationToken);

            var batchSize = _options.UpsertBatchSize;
            for (var start = 0; start < records.Count; start += batchSize)
            {
                var batch = records.Skip(start).Take(batchSize).Select(collection.ToPoint).ToList();
                await _client.UpsertPointsAsync(target, batch, cancellationToken);
                progress?.Report(new IndexProgress("vectors", start + batch.Count, records.Count));
            }
            var stored = await _client.CountAsync(target, null, cancellationToken);
            if (stored != records.Count)
            {
                throw new QdrantException($"Qdrant collection '{target}' holds {stored} points after the build, expected {records.Count}; the alias was not switched.");
            }

            // Switch readers over in one atomic call.
            List<AliasOperation> actions = previous is null ? [] : [AliasOperation.Delete(Alias)];
            actions.Add(AliasOperation.Create(Alias, target));
            await _client.UpdateAliasesAsync(actions, cancellationToken);
            _logger.LogInformation("Qdrant alias {Alias} now serves {Collection} ({Records} points)", Alias, target, records.Count);

            if (previous is not null)
            {
                try
                {
                    await _client.DeleteCollectionAsync(previous, CancellationToken.None);
                }
                catch (QdrantException e)
                {
                    _logger.LogWarning("Could not drop the previous Qdrant collection {Collection}: {Reason}", previous, e.Message);
                }
            }
        }
        finally
        {
            _buildGate.Release();
        }
    }

    public async Task<bool> IsBuiltAsync(string indexName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexName);
        return await AliasTargetAsync(cancellationToken) == CollectionFor(indexName);
    }

    public async Task<IReadOnlyList<(string ChunkId, double Score)>> SearchAsync(ReadOnlyMemory<float> query, int top, string? source = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (query.IsEmpty) throw new ArgumentException("The query vector is empty.", nameof(query));
        IReadOnlyList<QdrantRecord> points;
        try
        {
            points = await _client.QueryDenseAsync(Alias, query.ToArray(), top, 0, source is null ? null : QdrantFilters.SourceEquals(source),
                cancellationToken: cancellationToken);
        }
        catch (QdrantException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return []; // nothing published yet
        }
        catch (QdrantException e) when (e.StatusCode == HttpStatusCode.BadRequest && e.ServerError?.Contains("dim", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new ArgumentException($"The query vector has {query.Length} dimensions, which the published Qdrant index rejects: {e.ServerError}", nameof(query), e);
        }
        return [.. points.Select(p => (p.Payload?.ChunkId ?? p.Id, p.Score ?? 0))];
    }

    /// <summary>
    /// Hybrid retrieval inside Qdrant (dense + BM25 prefetches fused by RRF) on the published index.
    /// Scores are RRF scores. Empty when nothing is published.
    /// </summary>
    public async Task<IReadOnlyList<(string ChunkId, double Score)>> HybridSearchAsync(ReadOnlyMemory<float> query, string text, int top,
        string? source = null, int prefetchLimit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        try
        {
            var points = await _client.QueryHybridAsync(Alias, query.ToArray(), Bm25SparseVectorizer.Default.ForQuery(text), top, prefetchLimit,
                source is null ? null : QdrantFilters.SourceEquals(source), cancellationToken);
            return [.. points.Select(p => (p.Payload?.ChunkId ?? p.Id, p.Score ?? 0))];
        }
        catch (QdrantException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    public async Task<VectorStoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        var where = _client.BaseUri.GetLeftPart(UriPartial.Authority);
        QdrantServerInfo server;
        try
        {
            server = await _client.GetServerInfoAsync(cancellationToken);
        }
        catch (QdrantException e) when (e.StatusCode is null)
        {
            return new VectorStoreHealth(false, Provider, $"Qdrant at {where} is unreachable: {e.InnerException?.Message ?? e.Message}");
        }
        catch (QdrantException e)
        {
            return new VectorStoreHealth(false, Provider, $"Qdrant at {where} answered with an error: {e.Message}");
        }

        if (!TryParseVersion(server.Version, out var version))
        {
            return new VectorStoreHealth(false, Provider, $"Qdrant at {where} reports version '{server.Version}', which ChatBot cannot read; ChatBot needs ≥ 1.10 for the query API.");
        }
        if (version < MinimumVersion)
        {
            return new VectorStoreHealth(false, Provider, $"Qdrant {server.Version} is too old; ChatBot needs ≥ 1.10 for the query API.");
        }

        try
        {
            var published = await AliasTargetAsync(cancellationToken);
            if (published is null)
            {
                return new VectorStoreHealth(true, Provider, $"Qdrant {server.Version} at {where}: no index published yet (alias '{Alias}' is not set).");
            }
            var info = await _client.GetCollectionInfoAsync(published, cancellationToken);
            return new VectorStoreHealth(true, Provider,
                $"Qdrant {server.Version} at {where}: alias '{Alias}' serves '{published}' ({info.PointsCount} points, status {info.Status}).",
                published, info.PointsCount);
        }
        catch (QdrantException e)
        {
            return new VectorStoreHealth(false, Provider, $"Qdrant {server.Version} at {where} is reachable but not usable: {e.Message}");
        }
    }

    /// <summary>"1.12.4", "v1.9.2", "1.13.0-dev" → a comparable version.</summary>
    public static bool TryParseVersion(string? text, out Version version)
    {
        version = new Version(0, 0);
        if (string.IsNullOrWhiteSpace(text)) return false;
        var core = text.Trim().TrimStart('v', 'V').Split('-', '+')[0];
        var parts = core.Split('.');
        if (parts.Length < 2) return false;
        var numbers = new int[3];
        for (var i = 0; i < Math.Min(parts.Length, 3); i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return false;
        }
        version = new Version(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    private async Task<string?> AliasTargetAsync(CancellationToken cancellationToken) =>
        (await _client.ListAliasesAsync(cancellationToken)).FirstOrDefault(a => a.AliasName == Alias)?.CollectionName;
}
