using System.Collections.Concurrent;
using System.Globalization;
using ChatBot.Core.Search;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;

namespace ChatBot.Qdrant;

/// <summary>
/// <see cref="IChunkVectorIndex"/> on Qdrant, where chunk vectors are part of a published corpus version
/// (<see cref="QdrantSharedCorpus"/>): each version is a collection <c>&lt;Collection&gt;_&lt;version&gt;</c>
/// and the alias <c>&lt;Collection&gt;</c> names the published one. A search goes to the version this
/// instance serves (so BM25 and the dense leg always answer from the same version, also in the seconds
/// after another instance published), or to the alias before any is served. Building hands the vectors
/// to the publication in progress, which writes them with the version.
/// </summary>
public sealed class QdrantChunkVectorIndex : IChunkVectorIndex
{
    /// <summary>The first Qdrant with the Query API (`Points/Query`), which every search uses.</summary>
    public static readonly Version MinimumVersion = new(1, 10, 0);

    private readonly QdrantConnection _connection;
    private readonly QdrantOptions _options;
    /// <summary>Index name (corpus hash + model) → the complete version collection holding its vectors, for versions loaded or published here.</summary>
    private readonly ConcurrentDictionary<string, string> _complete = new(StringComparer.Ordinal);
    private volatile string? _serving;
    private volatile StagedVectors? _staging;

    public QdrantChunkVectorIndex(QdrantConnection connection, IOptions<QdrantOptions> options)
    {
        _connection = connection;
        _options = options.Value;
    }

    public string Provider => "qdrant";

    /// <summary>The alias naming the published version.</summary>
    public string Alias => _options.Collection;

    /// <summary>The version collection this instance answers from, or null before one is served.</summary>
    public string? Serving => _serving;

    private global::Qdrant.Client.QdrantClient Client => _connection.Client;

    /// <summary>Hands the records to the publication in progress (<see cref="QdrantCorpusPublication"/>), which writes them with its version.</summary>
    /// <exception cref="InvalidOperationException">No publication is in progress: chunk vectors are only published with a corpus version.</exception>
    public Task BuildAsync(string indexName, IReadOnlyList<ChunkVectorRecord> records, IProgress<IndexProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexName);
        (records, var dimensions) = ChunkVectorRecords.PrepareForBuild(records);
        var staging = _staging ?? throw new InvalidOperationException(
            "Qdrant holds chunk vectors only as part of a corpus version; they are published by the corpus index (`chatbot index`, a moderator's change).");
        staging.Set(indexName, records, dimensions);
        progress?.Report(new IndexProgress("Storing vectors", records.Count, records.Count));
        return Task.CompletedTask;
    }

    /// <summary>
    /// True when a complete version loaded or published by this instance holds <paramref name="indexName"/>'s
    /// vectors; always false while a publication is in progress (it writes a new version, so it needs every vector).
    /// </summary>
    public Task<bool> IsBuiltAsync(string indexName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexName);
        return Task.FromResult(_staging is null && _complete.ContainsKey(indexName));
    }

    public async Task<IReadOnlyList<(string ChunkId, double Score)>> SearchAsync(ReadOnlyMemory<float> query, int top, string? source = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (query.IsEmpty) throw new ArgumentException("The query vector is empty.", nameof(query));
        var collection = new QdrantVectorStoreCollection(_connection, _serving ?? Alias, query.Length);
        try
        {
            return await collection.SearchChunkIdsAsync(query, top, source is null ? null : QdrantFilters.SourceEquals(source), cancellationToken);
        }
        catch (VectorStoreException e) when (e.InnerException is { } inner && QdrantErrors.IsNotFound(inner))
        {
            return []; // nothing published yet (or the version served was pruned: the follower moves on)
        }
    }

    /// <summary>This instance now answers from <paramref name="collection"/>.</summary>
    internal void Serve(string collection) => _serving = collection;

    /// <summary>A version collection known to be complete, holding the vectors of <paramref name="indexName"/>.</summary>
    internal void MarkComplete(string indexName, string collection) => _complete[indexName] = collection;

    /// <summary>While the result is not disposed, <see cref="BuildAsync"/> hands records to <paramref name="staging"/>.</summary>
    internal IDisposable BeginStaging(StagedVectors staging)
    {
        if (Interlocked.CompareExchange(ref _staging, staging, null) is not null)
            throw new InvalidOperationException("Another corpus publication is in progress in this process.");
        return new Unstage(this, staging);
    }

    private sealed class Unstage(QdrantChunkVectorIndex index, StagedVectors staging) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref index._staging, null, staging);
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
                return new VectorStoreHealth(true, Provider, $"Qdrant {server.Version} at {where}: no corpus version published yet (alias '{Alias}' is not set).");
            }
            var info = await Client.GetCollectionInfoAsync(published, cancellationToken);
            var here = _serving is { } serving && serving != published ? $"; this instance still answers from '{serving}'" : "";
            return new VectorStoreHealth(true, Provider,
                $"Qdrant {server.Version} at {where}: alias '{Alias}' names corpus version '{published}' ({info.PointsCount} points, status {info.Status}){here}.",
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
}

/// <summary>The chunk vectors an index leg produced for the version being published, by chunk id.</summary>
internal sealed class StagedVectors
{
    public string? IndexName { get; private set; }
    public int? Dimensions { get; private set; }
    public IReadOnlyDictionary<string, ReadOnlyMemory<float>> ByChunkId { get; private set; } = new Dictionary<string, ReadOnlyMemory<float>>();

    public void Set(string indexName, IReadOnlyList<ChunkVectorRecord> records, int dimensions)
    {
        IndexName = indexName;
        Dimensions = dimensions;
        ByChunkId = records.ToDictionary(r => r.ChunkId, r => r.Embedding, StringComparer.Ordinal);
    }
}
