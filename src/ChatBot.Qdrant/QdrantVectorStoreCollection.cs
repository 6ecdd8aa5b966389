using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;
using VectorInput = ChatBot.Core.Search.VectorStores.VectorInput;

namespace ChatBot.Qdrant;

/// <summary>
/// A <see cref="VectorStoreCollection{TKey,TRecord}"/> over one Qdrant collection (or an alias of one)
/// through Qdrant.Client: the named dense vector <see cref="QdrantPayload.DenseVector"/> (cosine),
/// keyword payload indexes on kind, source and chunk id, writes with wait=true, searches through the
/// Query API. Failures surface as <see cref="VectorStoreException"/> with one clear line.
/// </summary>
public sealed class QdrantVectorStoreCollection : VectorStoreCollection<Guid, ChunkVectorRecord>
{
    private static readonly WithPayloadSelector AllPayload = new() { Enable = true };
    private static readonly WithPayloadSelector ChunkIdOnly = new() { Include = new PayloadIncludeSelector { Fields = { QdrantPayload.ChunkId } } };

    private readonly QdrantConnection _connection;

    public QdrantVectorStoreCollection(QdrantConnection connection, string name, int dimensions = ChunkVectorRecord.DefaultDimensions)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        _connection = connection;
        Name = name;
        Dimensions = dimensions;
    }

    /// <summary>Takes the dimensions from the definition's one vector property (e.g. 384 for arctic-embed-xs).</summary>
    public QdrantVectorStoreCollection(QdrantConnection connection, string name, VectorStoreCollectionDefinition definition)
        : this(connection, name, ChunkVectorRecords.DimensionsFrom(definition, "the Qdrant store"))
    {
    }

    public override string Name { get; }

    public int Dimensions { get; }

    private global::Qdrant.Client.QdrantClient Client => _connection.Client;

    /// <summary>True for a collection, or an alias of one, of this name.</summary>
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Call("CollectionExists", () => Client.CollectionExistsAsync(Name, cancellationToken));

    /// <summary>Creates the collection (dense vector, cosine, <see cref="Dimensions"/>) if missing, and its payload indexes.</summary>
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Call("EnsureCollectionExists", async () =>
        {
            if (!await Client.CollectionExistsAsync(Name, cancellationToken))
            {
                try
                {
                    await Client.CreateCollectionAsync(Name,
                        new VectorParamsMap { Map = { [QdrantPayload.DenseVector] = new VectorParams { Size = (ulong)Dimensions, Distance = Distance.Cosine } } },
                        cancellationToken: cancellationToken);
                }
                catch (Exception e) when (QdrantErrors.IsAlreadyExists(e))
                {
                    // Created concurrently, or by an attempt whose answer was lost: what we wanted.
                }
            }
            // Idempotent on the server; wait=true so a filter right after creation already uses them.
            foreach (var field in QdrantPayload.IndexedFields)
            {
                await Client.CreatePayloadIndexAsync(Name, field, PayloadSchemaType.Keyword, wait: true, cancellationToken: cancellationToken);
            }
            return true;
        });

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        Call("EnsureCollectionDeleted", async () =>
        {
            try
            {
                await Client.DeleteCollectionAsync(Name, cancellationToken: cancellationToken);
            }
            catch (global::Qdrant.Client.QdrantException)
            {
                // Qdrant answers "false" for a collection that is not there: already deleted.
            }
            return true;
        });

    public override async Task<ChunkVectorRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var found = await Retrieve([key], options?.IncludeVectors == true, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public override async IAsyncEnumerable<ChunkVectorRecord> GetAsync(IEnumerable<Guid> keys, RecordRetrievalOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var record in await Retrieve([.. keys], options?.IncludeVectors == true, cancellationToken)) yield return record;
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
        var qdrantFilter = QdrantFilters.From(RecordFilter.From(filter));
        var page = await Call("Get", () => Client.ScrollAsync(Name, qdrantFilter, (uint)(top + skip), payloadSelector: AllPayload,
            vectorsSelector: new WithVectorsSelector { Enable = options?.IncludeVectors == true }, cancellationToken: cancellationToken));
        foreach (var point in page.Result.Skip(skip)) yield return QdrantPayload.ToRecord(point.Id, point.Payload, point.Vectors);
    }

    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    public override Task DeleteAsync(IEnumerable<Guid> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        List<Guid> ids = [.. keys];
        return ids.Count == 0 ? Task.CompletedTask : Call("Delete", () => Client.DeleteAsync(Name, ids, wait: true, cancellationToken: cancellationToken));
    }

    public override Task UpsertAsync(ChunkVectorRecord record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    /// <summary>One upsert call with wait=true: when it returns, the points are searchable.</summary>
    public override Task UpsertAsync(IEnumerable<ChunkVectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        List<PointStruct> points = [.. records.Select(r => QdrantPayload.ToPoint(r, Dimensions, Name))];
        return points.Count == 0 ? Task.CompletedTask : Call("Upsert", () => Client.UpsertAsync(Name, points, wait: true, cancellationToken: cancellationToken));
    }

    public override async IAsyncEnumerable<VectorSearchResult<ChunkVectorRecord>> SearchAsync<TInput>(TInput searchValue, int top,
        VectorSearchOptions<ChunkVectorRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        var filter = QdrantFilters.From(RecordFilter.From(options?.Filter));
        var threshold = options?.ScoreThreshold is { } t ? (float)t : (float?)null;
        var points = await Query(VectorInput.ToVector(searchValue), top, options?.Skip ?? 0, filter, threshold, AllPayload,
            options?.IncludeVectors == true, cancellationToken);
        foreach (var point in points) yield return new VectorSearchResult<ChunkVectorRecord>(QdrantPayload.ToRecord(point.Id, point.Payload, point.Vectors), point.Score);
    }

    /// <summary>
    /// The path retrieval takes: chunk ids and cosine scores only (no text or vectors on the wire),
    /// through the Query API.
    /// </summary>
    public async Task<IReadOnlyList<(string ChunkId, double Score)>> SearchChunkIdsAsync(ReadOnlyMemory<float> vector, int top, Filter? filter = null,
        CancellationToken cancellationToken = default)
    {
        var points = await Query(vector, top, 0, filter, null, ChunkIdOnly, false, cancellationToken);
        return [.. points.Select(p => (QdrantPayload.StringField(p.Payload, QdrantPayload.ChunkId), (double)p.Score))];
    }

    /// <summary>Exact number of points (after wait=true writes, what a reader will see).</summary>
    public Task<ulong> CountAsync(CancellationToken cancellationToken = default) =>
        Call("Count", () => Client.CountAsync(Name, exact: true, cancellationToken: cancellationToken));

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(VectorStoreCollectionMetadata))
        {
            return new VectorStoreCollectionMetadata { VectorStoreSystemName = QdrantErrors.SystemName, VectorStoreName = _connection.Where, CollectionName = Name };
        }
        if (serviceType == typeof(global::Qdrant.Client.QdrantClient)) return Client;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    private async Task<IReadOnlyList<ScoredPoint>> Query(ReadOnlyMemory<float> vector, int top, int skip, Filter? filter, float? threshold,
        WithPayloadSelector payload, bool withVectors, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        VectorInput.EnsureDimensions(vector.Span, Dimensions, Name, "Search vector");
        return await Call("Search", () => Client.QueryAsync(Name, query: vector.ToArray(), usingVector: QdrantPayload.DenseVector, filter: filter,
            scoreThreshold: threshold, limit: (ulong)top, offset: (ulong)skip, payloadSelector: payload,
            vectorsSelector: new WithVectorsSelector { Enable = withVectors }, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<ChunkVectorRecord>> Retrieve(IReadOnlyList<Guid> keys, bool withVectors, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return [];
        List<PointId> ids = [.. keys.Select(k => (PointId)k)];
        var points = await Call("Get", () => Client.RetrieveAsync(Name, ids, AllPayload, new WithVectorsSelector { Enable = withVectors },
            cancellationToken: cancellationToken));
        return [.. points.Select(p => QdrantPayload.ToRecord(p.Id, p.Payload, p.Vectors))];
    }

    private async Task<T> Call<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (QdrantErrors.IsNotFound(e))
        {
            throw new VectorStoreException($"Qdrant collection '{Name}' does not exist at {_connection.Where}; call EnsureCollectionExistsAsync first.", e)
            {
                VectorStoreSystemName = QdrantErrors.SystemName, VectorStoreName = _connection.Where, CollectionName = Name, OperationName = operation,
            };
        }
        catch (Exception e) when (QdrantErrors.IsDimensionError(e))
        {
            throw new ArgumentException($"Qdrant collection '{Name}' rejected the vector: {((Grpc.Core.RpcException)e).Status.Detail}", e);
        }
        catch (Exception e) when (QdrantErrors.IsQdrantFailure(e))
        {
            throw QdrantErrors.Wrap(e, _connection.Where, operation, _connection.Timeout, Name);
        }
    }
}
