using System.Linq.Expressions;
using System.Net;
using System.Runtime.CompilerServices;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.VectorData;

namespace ChatBot.Qdrant;

/// <summary>
/// A <see cref="VectorStoreCollection{TKey,TRecord}"/> over one Qdrant collection (or alias) through
/// <see cref="QdrantClient"/>. Points carry the dense vector `dense`, a BM25 sparse vector `bm25`
/// computed from the text, and the payload {chunk_id, source, text}. Qdrant errors surface as
/// <see cref="VectorStoreException"/> wrapping the <see cref="QdrantException"/>.
/// </summary>
public sealed class QdrantVectorStoreCollection : VectorStoreCollection<Guid, ChunkVectorRecord>
{
    public const string SystemName = "qdrant";

    private readonly QdrantClient _client;
    private readonly Bm25SparseVectorizer _sparse;

    public QdrantVectorStoreCollection(QdrantClient client, string name, int dimensions = ChunkVectorRecord.DefaultDimensions,
        Bm25SparseVectorizer? sparse = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        _client = client;
        _sparse = sparse ?? Bm25SparseVectorizer.Default;
        Name = name;
        Dimensions = dimensions;
    }

    /// <summary>Takes the dimensions from the definition's one vector property (e.g. 1536 for OpenAI models).</summary>
    public QdrantVectorStoreCollection(QdrantClient client, string name, VectorStoreCollectionDefinition definition)
        : this(client, name, ChunkVectorRecords.DimensionsFrom(definition, "the Qdrant store"))
    {
    }

    public override string Name { get; }

    public int Dimensions { get; }

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Wrap("CollectionExists", () => _client.CollectionExistsAsync(Name, cancellationToken));

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Wrap("EnsureCollectionExists", async () =>
        {
            if (!await _client.CollectionExistsAsync(Name, cancellationToken))
            {
                try
                {
                    await _client.CreateCollectionAsync(Name, Dimensions, cancellationToken);
                }
                catch (QdrantException e) when (e.StatusCode == HttpStatusCode.Conflict)
                {
                    // Created concurrently (or by a retried request): that is what we wanted.
                }
            }
            await _client.CreatePayloadIndexAsync(Name, QdrantFilters.SourceField, "keyword", cancellationToken);
            await _client.CreatePayloadIndexAsync(Name, QdrantFilters.ChunkIdField, "keyword", cancellationToken);
            return true;
        });

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        Wrap("EnsureCollectionDeleted", async () =>
        {
            try
            {
                return await _client.DeleteCollectionAsync(Name, cancellationToken);
            }
            catch (QdrantException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        });

    public override async Task<ChunkVectorRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var found = await Wrap("Get", () => _client.RetrievePointsAsync(Name, [Id(key)], options?.IncludeVectors == true, cancellationToken));
        return found.Count == 0 ? null : ToRecord(found[0]);
    }

    public override async IAsyncEnumerable<ChunkVectorRecord> GetAsync(IEnumerable<Guid> keys, RecordRetrievalOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Select(Id).ToList();
        var found = await Wrap("Get", () => _client.RetrievePointsAsync(Name, ids, options?.IncludeVectors == true, cancellationToken));
        foreach (var point in found) yield return ToRecord(point);
    }

    public override async IAsyncEnumerable<ChunkVectorRecord> GetAsync(Expression<Func<ChunkVectorRecord, bool>> filter, int top,
        FilteredRecordRetrievalOptions<ChunkVectorRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var skip = options?.Skip ?? 0;
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        if (options?.OrderBy is not null)
        {
            throw new NotSupportedException("OrderBy is not supported by the Qdrant collection: Qdrant orders only by numeric/datetime payload indexes.");
        }
        var request = new ScrollRequest
        {
            Filter = QdrantFilters.From(RecordFilter.From(filter)),
            Limit = top + skip,
            WithPayload = true,
            WithVector = options?.IncludeVectors == true,
        };
        var page = await Wrap("Get", () => _client.ScrollAsync(Name, request, cancellationToken));
        foreach (var point in page.Points.Skip(skip)) yield return ToRecord(point);
    }

    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    public override Task DeleteAsync(IEnumerable<Guid> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Select(Id).ToList();
        return Wrap("Delete", async () =>
        {
            await _client.DeletePointsAsync(Name, ids, cancellationToken);
            return true;
        });
    }

    public override Task UpsertAsync(ChunkVectorRecord record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    public override Task UpsertAsync(IEnumerable<ChunkVectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var points = records.Select(ToPoint).ToList();
        return Wrap("Upsert", async () =>
        {
            await _client.UpsertPointsAsync(Name, points, cancellationToken);
            return true;
        });
    }

    public override async IAsyncEnumerable<VectorSearchResult<ChunkVectorRecord>> SearchAsync<TInput>(TInput searchValue, int top,
        VectorSearchOptions<ChunkVectorRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var skip = options?.Skip ?? 0;
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        var vector = VectorInput.ToVector(searchValue);
        VectorInput.EnsureDimensions(vector.Span, Dimensions, Name, "Search vector");
        var filter = QdrantFilters.From(RecordFilter.From(options?.Filter));
        var threshold = options?.ScoreThreshold is { } t ? (float)t : (float?)null;
        var points = await Wrap("Search", () => _client.QueryDenseAsync(Name, vector.ToArray(), top, skip, filter,
            options?.IncludeVectors == true, threshold, cancellationToken));
        foreach (var point in points) yield return new VectorSearchResult<ChunkVectorRecord>(ToRecord(point), point.Score);
    }

    /// <summary>
    /// Hybrid search in Qdrant: dense and BM25 prefetches fused by RRF. Scores are RRF scores
    /// (rank-based), not cosine similarities.
    /// </summary>
    public async Task<IReadOnlyList<VectorSearchResult<ChunkVectorRecord>>> HybridSearchAsync(ReadOnlyMemory<float> vector, string text, int top,
        string? source = null, int prefetchLimit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        VectorInput.EnsureDimensions(vector.Span, Dimensions, Name, "Search vector");
        var filter = source is null ? null : QdrantFilters.SourceEquals(source);
        var points = await Wrap("HybridSearch", () => _client.QueryHybridAsync(Name, vector.ToArray(), _sparse.ForQuery(text), top,
            prefetchLimit, filter, cancellationToken));
        return [.. points.Select(p => new VectorSearchResult<ChunkVectorRecord>(ToRecord(p), p.Score))];
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(VectorStoreCollectionMetadata))
        {
            return new VectorStoreCollectionMetadata { VectorStoreSystemName = SystemName, VectorStoreName = _client.BaseUri.GetLeftPart(UriPartial.Authority), CollectionName = Name };
        }
        if (serviceType == typeof(QdrantClient)) return _client;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    internal QdrantPoint ToPoint(ChunkVectorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Key == Guid.Empty) throw new ArgumentException("Record key must not be empty; use ChunkVectorRecord.KeyFor(chunkId).");
        VectorInput.EnsureDimensions(record.Embedding.Span, Dimensions, Name, $"Embedding of record {record.Key}");
        return new QdrantPoint
        {
            Id = Id(record.Key),
            Vector = new PointVectors { Dense = record.Embedding.ToArray(), Bm25 = _sparse.ForDocument(record.Text ?? "") },
            Payload = new ChunkPayload { ChunkId = record.ChunkId ?? "", Source = record.Source ?? "", Text = record.Text ?? "" },
        };
    }

    internal static string Id(Guid key) => key.ToString("D");

    internal static ChunkVectorRecord ToRecord(QdrantRecord point) => new()
    {
        Key = Guid.TryParse(point.Id, out var key) ? key : throw new VectorStoreException($"Qdrant point id '{point.Id}' is not a UUID."),
        ChunkId = point.Payload?.ChunkId ?? "",
        Source = point.Payload?.Source ?? "",
        Text = point.Payload?.Text ?? "",
        Embedding = point.Vector?.Dense ?? ReadOnlyMemory<float>.Empty,
    };

    private async Task<T> Wrap<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (QdrantException e)
        {
            var message = e.StatusCode == HttpStatusCode.NotFound
                ? $"Qdrant collection '{Name}' does not exist ({e.ServerError}); call EnsureCollectionExistsAsync first."
                : e.Message;
            throw new VectorStoreException(message, e) { VectorStoreSystemName = SystemName, CollectionName = Name, OperationName = operation };
        }
    }

}
