using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;
using VectorInput = ChatBot.Core.Search.VectorStores.VectorInput;

namespace ChatBot.Qdrant;

/// <summary>
/// How ChatBot lays out its points: one named dense vector (<see cref="DenseVector"/>, cosine) and a
/// payload whose <see cref="Kind"/> says what the point is. Today every point is a chunk; the shared
/// corpus (documents, a manifest with the corpus version) will live in the same collection as other
/// kinds, so every reader that wants chunks can say so and indexes cover `kind` from the start.
/// </summary>
public static class QdrantPayload
{
    public const string DenseVector = "dense";
    public const string Kind = "kind";
    public const string ChunkKind = "chunk";
    public const string ChunkId = "chunk_id";
    public const string Source = "source";
    public const string Text = "text";

    /// <summary>Keyword payload indexes every collection gets: what filters and the shared corpus select on.</summary>
    public static IReadOnlyList<string> IndexedFields { get; } = [Kind, Source, ChunkId];

    public static PointStruct ToPoint(ChunkVectorRecord record, int dimensions, string collection)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Key == Guid.Empty) throw new ArgumentException("Record key must not be empty; use ChunkVectorRecord.KeyFor(chunkId).");
        VectorInput.EnsureDimensions(record.Embedding.Span, dimensions, collection, $"Embedding of record {record.Key}");
        return new PointStruct
        {
            Id = record.Key,
            Vectors = new Dictionary<string, float[]> { [DenseVector] = record.Embedding.ToArray() },
            Payload =
            {
                [Kind] = ChunkKind,
                [ChunkId] = record.ChunkId ?? "",
                [Source] = record.Source ?? "",
                [Text] = record.Text ?? "",
            },
        };
    }

    public static ChunkVectorRecord ToRecord(PointId id, IDictionary<string, Value> payload, VectorsOutput? vectors) => new()
    {
        Key = id.PointIdOptionsCase == PointId.PointIdOptionsOneofCase.Uuid && Guid.TryParse(id.Uuid, out var key)
            ? key
            : throw new VectorStoreException($"Qdrant point id '{id}' is not a UUID; the collection was not written by ChatBot."),
        ChunkId = StringField(payload, ChunkId),
        Source = StringField(payload, Source),
        Text = StringField(payload, Text),
        Embedding = DenseOf(vectors),
    };

    /// <summary>The dense vector of a returned point, empty when vectors were not asked for.</summary>
    public static ReadOnlyMemory<float> DenseOf(VectorsOutput? vectors)
    {
        var output = vectors?.VectorsOptionsCase switch
        {
            VectorsOutput.VectorsOptionsOneofCase.Vectors when vectors.Vectors.Vectors.TryGetValue(DenseVector, out var named) => named,
            VectorsOutput.VectorsOptionsOneofCase.Vector => vectors.Vector,
            _ => null,
        };
        return output?.GetDenseVector()?.Data.ToArray() ?? ReadOnlyMemory<float>.Empty;
    }

    public static string StringField(IDictionary<string, Value> payload, string field) =>
        payload.TryGetValue(field, out var value) && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : "";
}
