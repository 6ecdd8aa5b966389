using System.Globalization;
using ChatBot.Core.Search;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;

namespace ChatBot.Qdrant;

/// <summary>
/// <see cref="IChunkVectorIndex"/> on Qdrant with zero-downtime re-indexing: each index is built in
/// full into its own collection <c>&lt;Collection&gt;_&lt;index&gt;</c> (batched upserts with
/// wait=true, then an exact count), then the alias <c>&lt;Collection&gt;</c> is moved in one atomic
/// alias call, then the old collection is dropped. Readers only ever query the alias, so a build
/// that fails or is killed before the switch leaves the previous index serving.
/// </summary>
public sealed partial class QdrantChunkVectorIndex : IChunkVectorIndex
{
    /// <summary>The first Qdrant with the Query API (`Points/Query`), which every search uses.</summary>
    public static readonly Version MinimumVersion = new(1, 10, 0);

    private readonly QdrantConnection _connection;
    private readonly QdrantOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _buildGate = new(1, 1);

    public QdrantChunkVectorIndex(QdrantConnection connection, IOptions<QdrantOptions> options, ILogger<QdrantChunkVectorIndex>? logger = null)
    {
        _connection = connection;
        _options = options.Value;
        _logger = logger ?? NullLogger<QdrantChunkVectorIndex>.Instance;
    }

    public string Provider => "qdrant";

    /// <summary>The alias readers query.</summary>
    public string Alias => _options.Collection;

    /// <summary>The collection an index is built into: one per index name, so a version never mixes with another.</summary>
    public string CollectionFor(string indexName) => $"{Alias}_{IndexNames.ToSafe(indexName)}";

    private global::Qdrant.Client.QdrantClient Client => _connection.Client;

    public async Task BuildAsync(string indexName, IReadOnlyList<ChunkVectorRecord> records, IProgress<IndexProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexName);
        (records, var dimensions) = ChunkVectorRecords.PrepareForBuild(records);
        var target = CollectionFor(indexName);
        await _buildGate.WaitAsync(cancellationToken);
        try
        {
            var previous = await Call("ListAliases", () => AliasTargetAsync(cancellationToken));
            if (previous == target) return;
            var collections = await Call("ListCollections", () => Client.ListCollectionsAsync(cancellationToken));
            if (collections.Contains(Alias))
            {
                throw new VectorStoreException(
                    $"Qdrant at {_connection.Where} has a collection named '{Alias}', but ChatBot serves through an alias of that name; delete that collection or set Qdrant:Collection to another name.");
            }

            var collection = new QdrantVectorStoreCollection(_connection, target, dimensions);
            // A collection of this name that is not serving was left by an interrupted build, or is being
            // written by another process, of the same index: the same ids and vectors. Writing into it
            // is idempotent (upserts overwrite, the count check below catches anything extra), where
            // dropping it would break a concurrent writer.
            LogBuilding(_logger, target, records.Count, dimensions, Alias, previous ?? "nothing", collections.Contains(target) ? "resumed" : "new");
            await collection.EnsureCollectionExistsAsync(cancellationToken);

            var batchSize = _options.UpsertBatchSize;
            for (var start = 0; start < records.Count; start += batchSize)
            {
                var batch = records.Skip(start).Take(batchSize);
                await collection.UpsertAsync(batch, cancellationToken);
                progress?.Report(new IndexProgress("Storing vectors", Math.Min(start + batchSize, records.Count), records.Count));
            }
            var stored = await collection.CountAsync(cancellationToken);
            if (stored != (ulong)records.Count)
            {
                throw new VectorStoreException(
                    $"Qdrant collection '{target}' holds {stored} points after the build, expected {records.Count}; the alias '{Alias}' was not moved.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            await SwitchAliasAsync(target, previous, cancellationToken);
            LogPublished(_logger, Alias, target, records.Count);

            if (previous is not null)
            {
                try
                {
                    await new QdrantVectorStoreCollection(_connection, previous, dimensions).EnsureCollectionDeletedAsync(CancellationToken.None);
                }
                catch (VectorStoreException e)
                {
                    // Readers moved already; a collection left over costs disk, not correctness.
                    LogDropFailed(_logger, previous, e.Message);
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
        return await Call("ListAliases", () => AliasTargetAsync(cancellationToken)) == CollectionFor(indexName);
    }

    public async Task<IReadOnlyList<(string ChunkId, double Score)>> SearchAsync(ReadOnlyMemory<float> query, int top, string? source = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (query.IsEmpty) throw new ArgumentException("The query vector is empty.", nameof(query));
        // Through the alias: Qdrant resolves it per call, so a switch is seen by the very next query.
        var published = new QdrantVectorStoreCollection(_connection, Alias, query.Length);
        try
        {
            return await published.SearchChunkIdsAsync(query, top, source is null ? null : QdrantFilters.SourceEquals(source), cancellationToken);
        }
        catch (VectorStoreException e) when (e.InnerException is { } inner && QdrantErrors.IsNotFound(inner))
        {
            return []; // nothing published yet
        }
    }

    public async Task<VectorStoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        var where = _connection.Where;
        HealthCheckReply server;
        try
        {
            server = await Client.HealthAsync(cancellationToken);
        }
        catch (Exception e) when (QdrantErrors.IsQdrantFailure(e))
        {
            return new VectorStoreHealth(false, Provider, QdrantErrors.Describe(e, where, "the health check", _connection.Timeout));
        }

        if (!TryParseVersion(server.Version, out var version))
        {
            return new VectorStoreHealth(false, Provider,
                $"Qdrant at {where} reports version '{server.Version}', which ChatBot cannot read; ChatBot needs Qdrant {MinimumVersion.ToString(2)} or newer (Query API).");
        }
        if (version < MinimumVersion)
        {
            return new VectorStoreHealth(false, Provider,
                $"Qdrant {server.Version} at {where} is too old; ChatBot needs Qdrant {MinimumVersion.ToString(2)} or newer (Query API).");
        }

        try
        {
            // The health call needs no key; this one proves the key too.
            var published = await AliasTargetAsync(cancellationToken);
            if (published is null)
            {
                return new VectorStoreHealth(true, Provider, $"Qdrant {server.Version} at {where}: no index published yet (alias '{Alias}' is not set).");
            }
            var info = await Client.GetCollectionInfoAsync(published, cancellationToken);
            return new VectorStoreHealth(true, Provider,
                $"Qdrant {server.Version} at {where}: alias '{Alias}' serves '{published}' ({info.PointsCount} points, status {info.Status}).",
                published, (long)info.PointsCount);
        }
        catch (Exception e) when (QdrantErrors.IsQdrantFailure(e))
        {
            return new VectorStoreHealth(false, Provider, QdrantErrors.Describe(e, where, "reading the published index", _connection.Timeout));
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

    /// <summary>The collection the alias points to, or null when it is not set.</summary>
    public async Task<string?> AliasTargetAsync(CancellationToken cancellationToken = default) =>
        (await Client.ListAliasesAsync(cancellationToken)).FirstOrDefault(a => a.AliasName == Alias)?.CollectionName;

    /// <summary>
    /// Moves the alias to <paramref name="target"/> in one call: Qdrant applies the delete and the create
    /// under one lock, so no reader ever sees the alias missing or half-switched.
    /// </summary>
    private Task SwitchAliasAsync(string target, string? previous, CancellationToken cancellationToken)
    {
        List<AliasOperations> actions = [];
        if (previous is not null) actions.Add(new AliasOperations { DeleteAlias = new DeleteAlias { AliasName = Alias } });
        actions.Add(new AliasOperations { CreateAlias = new CreateAlias { AliasName = Alias, CollectionName = target } });
        return Call("UpdateAliases", async () =>
        {
            await Client.UpdateAliasesAsync(actions, cancellationToken: cancellationToken);
            return true;
        });
    }

    private async Task<T> Call<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (QdrantErrors.IsQdrantFailure(e))
        {
            throw QdrantErrors.Wrap(e, _connection.Where, operation, _connection.Timeout, Alias);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Building Qdrant collection {Collection} ({State}; {Records} points, {Dimensions} dimensions); alias {Alias} keeps serving {Previous}")]
    private static partial void LogBuilding(ILogger logger, string collection, int records, int dimensions, string alias, string previous, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Qdrant alias {Alias} now serves {Collection} ({Records} points)")]
    private static partial void LogPublished(ILogger logger, string alias, string collection, int records);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not drop the previous Qdrant collection {Collection}: {Reason}")]
    private static partial void LogDropFailed(ILogger logger, string collection, string reason);
}
