using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Qdrant;

// Wire shapes of Qdrant's REST API (https://api.qdrant.tech), snake_case on the wire.

/// <summary>The names ChatBot gives its vectors in a collection.</summary>
public static class QdrantVectorNames
{
    /// <summary>The dense embedding (cosine).</summary>
    public const string Dense = "dense";

    /// <summary>The sparse BM25 term vector (Qdrant applies IDF: `modifier: idf`).</summary>
    public const string Bm25 = "bm25";
}

/// <summary>Every response: <c>{"result": ..., "status": "ok", "time": 0.001}</c>.</summary>
public sealed class QdrantResponse<T>
{
    public T? Result { get; set; }
    public JsonElement Status { get; set; }
    public double Time { get; set; }
}

/// <summary>GET / : <c>{"title": "qdrant - vector search engine", "version": "1.12.4", "commit": "..."}</c>.</summary>
public sealed record QdrantServerInfo(string? Title, string Version, string? Commit);

public sealed class ExistsResult
{
    public bool Exists { get; set; }
}

public sealed class UpdateResult
{
    public long? OperationId { get; set; }
    public string? Status { get; set; }
}

public sealed class CountResult
{
    public long Count { get; set; }
}

public sealed class VectorParams
{
    public int Size { get; set; }
    public string Distance { get; set; } = "Cosine";
}

public sealed class SparseVectorParams
{
    public string? Modifier { get; set; }
}

public sealed class CreateCollectionRequest
{
    public Dictionary<string, VectorParams> Vectors { get; set; } = [];
    public Dictionary<string, SparseVectorParams>? SparseVectors { get; set; }
}

public sealed class CollectionParams
{
    /// <summary>Named vectors (ChatBot's layout) or one unnamed vector params object.</summary>
    public JsonElement Vectors { get; set; }
    public Dictionary<string, SparseVectorParams>? SparseVectors { get; set; }
}

public sealed class CollectionConfig
{
    public CollectionParams? Params { get; set; }
}

/// <summary>GET /collections/{name}: the parts ChatBot reads.</summary>
public sealed class QdrantCollectionInfo
{
    public string? Status { get; set; }
    public long? PointsCount { get; set; }
    public CollectionConfig? Config { get; set; }
    public Dictionary<string, JsonElement>? PayloadSchema { get; set; }

    /// <summary>Size of the `dense` named vector, when the collection has one.</summary>
    public int? DenseSize =>
        Config?.Params?.Vectors is { ValueKind: JsonValueKind.Object } vectors
        && vectors.TryGetProperty(QdrantVectorNames.Dense, out var dense)
        && dense.TryGetProperty("size", out var size) ? size.GetInt32() : null;
}

public sealed class PayloadIndexRequest
{
    public string FieldName { get; set; } = "";
    public string FieldSchema { get; set; } = "keyword";
}

/// <summary>A sparse vector: parallel term ids and weights.</summary>
public sealed class SparseVector
{
    public uint[] Indices { get; set; } = [];
    public float[] Values { get; set; } = [];
}

/// <summary>ChatBot's named vectors on a point.</summary>
public sealed class PointVectors
{
    [JsonPropertyName(QdrantVectorNames.Dense)] public float[]? Dense { get; set; }
    [JsonPropertyName(QdrantVectorNames.Bm25)] public SparseVector? Bm25 { get; set; }
}

/// <summary>ChatBot's payload on a point.</summary>
public sealed class ChunkPayload
{
    public string ChunkId { get; set; } = "";
    public string Source { get; set; } = "";
    public string Text { get; set; } = "";
}

/// <summary>A point to upsert (id: a UUID string).</summary>
public sealed class QdrantPoint
{
    public string Id { get; set; } = "";
    public PointVectors Vector { get; set; } = new();
    public ChunkPayload Payload { get; set; } = new();
}

public sealed class UpsertPointsRequest
{
    public List<QdrantPoint> Points { get; set; } = [];
}

/// <summary>A stored point as returned by retrieve, scroll and query (score only from query).</summary>
public sealed class QdrantRecord
{
    [JsonConverter(typeof(PointIdConverter))] public string Id { get; set; } = "";
    public double? Score { get; set; }
    public ChunkPayload? Payload { get; set; }
    public PointVectors? Vector { get; set; }
}

public sealed class RetrievePointsRequest
{
    public List<string> Ids { get; set; } = [];
    public bool WithPayload { get; set; } = true;
    public bool WithVector { get; set; }
}

public sealed class DeletePointsRequest
{
    public List<string>? Points { get; set; }
    public QdrantFilter? Filter { get; set; }
}

public sealed class ScrollRequest
{
    public QdrantFilter? Filter { get; set; }
    public int Limit { get; set; } = 10;
    [JsonConverter(typeof(PointIdConverter))] public string? Offset { get; set; }
    public bool WithPayload { get; set; } = true;
    public bool WithVector { get; set; }
}

public sealed class ScrollResult
{
    public List<QdrantRecord> Points { get; set; } = [];
    [JsonConverter(typeof(PointIdConverter))] public string? NextPageOffset { get; set; }
}

public sealed class CountRequest
{
    public QdrantFilter? Filter { get; set; }
    public bool Exact { get; set; } = true;
}

/// <summary>A filter: <c>{"must": [...], "should": [...], "must_not": [...]}</c>.</summary>
public sealed class QdrantFilter
{
    public List<QdrantCondition>? Must { get; set; }
    public List<QdrantCondition>? Should { get; set; }
    public List<QdrantCondition>? MustNot { get; set; }
}

/// <summary>A field condition <c>{"key": "source", "match": {"value": "x"}}</c> or a nested filter.</summary>
public sealed class QdrantCondition
{
    public string? Key { get; set; }
    public MatchValue? Match { get; set; }
    public List<QdrantCondition>? Must { get; set; }
    public List<QdrantCondition>? Should { get; set; }
    public List<QdrantCondition>? MustNot { get; set; }
}

public sealed class MatchValue
{
    public string Value { get; set; } = "";
}

/// <summary>
/// The `query` of the query API: a dense vector (array), a sparse vector ({indices, values}) or a
/// fusion ({"fusion": "rrf"}).
/// </summary>
[JsonConverter(typeof(QueryValueConverter))]
public sealed class QueryValue
{
    public float[]? Dense { get; init; }
    public SparseVector? Sparse { get; init; }
    public string? Fusion { get; init; }

    public static QueryValue FromDense(float[] vector) => new() { Dense = vector };
    public static QueryValue FromSparse(SparseVector vector) => new() { Sparse = vector };
    public static QueryValue Rrf { get; } = new() { Fusion = "rrf" };
}

public sealed class Prefetch
{
    public QueryValue? Query { get; set; }
    public string? Using { get; set; }
    public QdrantFilter? Filter { get; set; }
    public int? Limit { get; set; }
}

/// <summary>POST /collections/{name}/points/query.</summary>
public sealed class QueryRequest
{
    public List<Prefetch>? Prefetch { get; set; }
    public QueryValue? Query { get; set; }
    public string? Using { get; set; }
    public QdrantFilter? Filter { get; set; }
    public int Limit { get; set; } = 10;
    public int? Offset { get; set; }
    public bool WithPayload { get; set; } = true;
    public bool WithVector { get; set; }
    public float? ScoreThreshold { get; set; }
}

public sealed class QueryResult
{
    public List<QdrantRecord> Points { get; set; } = [];
}

public sealed class CreateAlias
{
    public string CollectionName { get; set; } = "";
    public string AliasName { get; set; } = "";
}

public sealed class DeleteAlias
{
    public string AliasName { get; set; } = "";
}

/// <summary>One action of POST /collections/aliases.</summary>
public sealed class AliasOperation
{
    public CreateAlias? CreateAlias { get; set; }
    public DeleteAlias? DeleteAlias { get; set; }

    public static AliasOperation Create(string alias, string collection) => new() { CreateAlias = new() { AliasName = alias, CollectionName = collection } };
    public static AliasOperation Delete(string alias) => new() { DeleteAlias = new() { AliasName = alias } };
}

public sealed class ChangeAliasesRequest
{
    public List<AliasOperation> Actions { get; set; } = [];
}

public sealed class QdrantAlias
{
    public string AliasName { get; set; } = "";
    public string CollectionName { get; set; } = "";
}

public sealed class AliasesResult
{
    public List<QdrantAlias> Aliases { get; set; } = [];
}

public sealed class QdrantSnapshot
{
    public string Name { get; set; } = "";
    public string? CreationTime { get; set; }
    public long Size { get; set; }
    public string? Checksum { get; set; }
}

/// <summary>Qdrant's error envelope: <c>{"status": {"error": "..."}, "time": ...}</c>.</summary>
public sealed class ErrorEnvelope
{
    public ErrorStatus? Status { get; set; }
}

public sealed class ErrorStatus
{
    public string? Error { get; set; }
}

/// <summary>Point ids are UUID strings or unsigned integers on the wire; ChatBot keeps them as strings.</summary>
public sealed class PointIdConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"A point id must be a string or an unsigned integer, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else if (ulong.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)) writer.WriteNumberValue(number);
        else writer.WriteStringValue(value);
    }
}

public sealed class QueryValueConverter : JsonConverter<QueryValue>
{
    public override QueryValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array) return QueryValue.FromDense(root.EnumerateArray().Select(e => e.GetSingle()).ToArray());
        if (root.TryGetProperty("fusion", out var fusion)) return new QueryValue { Fusion = fusion.GetString() };
        return QueryValue.FromSparse(new SparseVector
        {
            Indices = root.GetProperty("indices").EnumerateArray().Select(e => e.GetUInt32()).ToArray(),
            Values = root.GetProperty("values").EnumerateArray().Select(e => e.GetSingle()).ToArray(),
        });
    }

    public override void Write(Utf8JsonWriter writer, QueryValue value, JsonSerializerOptions options)
    {
        if (value.Dense is { } dense)
        {
            writer.WriteStartArray();
            foreach (var x in dense) writer.WriteNumberValue(x);
            writer.WriteEndArray();
        }
        else if (value.Sparse is { } sparse)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("indices");
            foreach (var i in sparse.Indices) writer.WriteNumberValue(i);
            writer.WriteEndArray();
            writer.WriteStartArray("values");
            foreach (var v in sparse.Values) writer.WriteNumberValue(v);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString("fusion", value.Fusion ?? "rrf");
            writer.WriteEndObject();
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QdrantServerInfo))]
[JsonSerializable(typeof(QdrantResponse<ExistsResult>))]
[JsonSerializable(typeof(QdrantResponse<bool>))]
[JsonSerializable(typeof(QdrantResponse<UpdateResult>))]
[JsonSerializable(typeof(QdrantResponse<CountResult>))]
[JsonSerializable(typeof(QdrantResponse<QdrantCollectionInfo>))]
[JsonSerializable(typeof(QdrantResponse<List<QdrantRecord>>))]
[JsonSerializable(typeof(QdrantResponse<ScrollResult>))]
[JsonSerializable(typeof(QdrantResponse<QueryResult>))]
[JsonSerializable(typeof(QdrantResponse<AliasesResult>))]
[JsonSerializable(typeof(QdrantResponse<QdrantSnapshot>))]
[JsonSerializable(typeof(QdrantResponse<List<QdrantSnapshot>>))]
[JsonSerializable(typeof(CreateCollectionRequest))]
[JsonSerializable(typeof(PayloadIndexRequest))]
[JsonSerializable(typeof(UpsertPointsRequest))]
[JsonSerializable(typeof(RetrievePointsRequest))]
[JsonSerializable(typeof(DeletePointsRequest))]
[JsonSerializable(typeof(ScrollRequest))]
[JsonSerializable(typeof(CountRequest))]
[JsonSerializable(typeof(QueryRequest))]
[JsonSerializable(typeof(ChangeAliasesRequest))]
[JsonSerializable(typeof(ErrorEnvelope))]
public sealed partial class QdrantJsonContext : JsonSerializerContext;
