using System.Text.Json.Nodes;

namespace ChatBot.Testing.Fakes;

/// <summary>A request the fake rejects the way Qdrant does: status code + `status.error` text.</summary>
public sealed class FakeQdrantError(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static FakeQdrantError NotFound(string collection) => new(404, $"Not found: Collection `{collection}` doesn't exist!");
    public static FakeQdrantError BadRequest(string message) => new(400, "Wrong input: " + message);
}

/// <summary>One point as Qdrant holds it (dense vectors normalised for cosine, as Qdrant does).</summary>
public sealed class FakeQdrantPoint
{
    public required string Id { get; init; }
    public Dictionary<string, float[]> Dense { get; } = [];
    public Dictionary<string, SortedDictionary<uint, float>> Sparse { get; } = [];
    public JsonObject Payload { get; set; } = [];
}

/// <summary>A collection: named dense vectors (size, distance), named sparse vectors (modifier), points, payload indexes.</summary>
public sealed class FakeQdrantCollection(string name)
{
    public string Name { get; } = name;
    public Dictionary<string, (int Size, string Distance)> DenseVectors { get; } = [];
    public Dictionary<string, string?> SparseVectors { get; } = [];
    public SortedDictionary<string, FakeQdrantPoint> Points { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> PayloadIndexes { get; } = [];
    public List<JsonObject> Snapshots { get; } = [];
}

/// <summary>The in-memory state and semantics of the fake Qdrant (filters, scoring, RRF). Not thread-safe: the server locks.</summary>
public sealed class FakeQdrantStore
{
    /// <summary>Qdrant's default RRF constant: score = Σ 1 / (k + rank), rank from 0.</summary>
    public const int RrfK = 2;

    public Dictionary<string, FakeQdrantCollection> Collections { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>A collection by name or alias.</summary>
    public FakeQdrantCollection Resolve(string name)
    {
        var actual = Aliases.TryGetValue(name, out var target) ? target : name;
        return Collections.TryGetValue(actual, out var collection) ? collection : throw FakeQdrantError.NotFound(name);
    }

    public static string ParseId(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) =>
            Guid.TryParse(text, out var guid) ? guid.ToString("D") : throw FakeQdrantError.BadRequest($"Unable to parse UUID: {text}"),
        JsonValue value when value.TryGetValue<ulong>(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw FakeQdrantError.BadRequest($"Point id must be an unsigned integer or a UUID, got {node?.ToJsonString() ?? "null"}"),
    };

    public static JsonNode IdNode(string id) => ulong.TryParse(id, out var number) ? JsonValue.Create(number) : JsonValue.Create(id);

    public static float[] ParseDense(JsonNode? node) => node is JsonArray array
        ? [.. array.Select(x => x?.GetValue<float>() ?? throw FakeQdrantError.BadRequest("null in vector"))]
        : throw FakeQdrantError.BadRequest("expected a dense vector (array of numbers)");

    public static SortedDictionary<uint, float> ParseSparse(JsonNode? node)
    {
        if (node is not JsonObject sparse || sparse["indices"] is not JsonArray indices || sparse["values"] is not JsonArray values)
        {
            throw FakeQdrantError.BadRequest("expected a sparse vector {\"indices\": [...], \"values\": [...]}");
        }
        if (indices.Count != values.Count) throw FakeQdrantError.BadRequest("Sparse vector indices and values must have the same length");
        var result = new SortedDictionary<uint, float>();
        for (var i = 0; i < indices.Count; i++)
        {
            if (!result.TryAdd(indices[i]!.GetValue<uint>(), values[i]!.GetValue<float>()))
            {
                throw FakeQdrantError.BadRequest("Sparse vector indices must be unique");
            }
        }
        return result;
    }

    public static float[] Normalize(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return norm == 0 ? vector : [.. vector.Select(x => x / norm)];
    }

    /// <summary>Stores a point after checking every vector against the collection's config.</summary>
    public static void Upsert(FakeQdrantCollection collection, JsonObject pointJson)
    {
        var point = new FakeQdrantPoint { Id = ParseId(pointJson["id"]) };
        switch (pointJson["vector"])
        {
            case JsonObject named:
                foreach (var (vectorName, value) in named)
                {
                    if (collection.DenseVectors.TryGetValue(vectorName, out var config))
                    {
                        var dense = ParseDense(value);
                        if (dense.Length != config.Size)
                        {
                            throw FakeQdrantError.BadRequest($"Vector dimension error: expected dim: {config.Size}, got {dense.Length}");
                        }
                        point.Dense[vectorName] = config.Distance == "Cosine" ? Normalize(dense) : dense;
                    }
                    else if (collection.SparseVectors.ContainsKey(vectorName))
                    {
                        point.Sparse[vectorName] = ParseSparse(value);
                    }
                    else
                    {
                        throw FakeQdrantError.BadRequest($"Not existing vector name error: {vectorName}");
                    }
                }
                break;
            case JsonArray:
                if (!collection.DenseVectors.ContainsKey("")) throw FakeQdrantError.BadRequest("Not existing vector name error: ");
                var unnamed = ParseDense(pointJson["vector"]);
                if (unnamed.Length != collection.DenseVectors[""].Size)
                {
                    throw FakeQdrantError.BadRequest($"Vector dimension error: expected dim: {collection.DenseVectors[""].Size}, got {unnamed.Length}");
                }
                point.Dense[""] = Normalize(unnamed);
                break;
            default:
                throw FakeQdrantError.BadRequest("point.vector is required");
        }
        point.Payload = pointJson["payload"] is JsonObject payload ? (JsonObject)payload.DeepClone() : [];
        collection.Points[point.Id] = point;
    }

    /// <summary>Qdrant filter semantics: must (all), should (at least one), must_not (none); field match or has_id or nested filter.</summary>
    public static bool Matches(FakeQdrantPoint point, JsonNode? filter)
    {
        if (filter is null) return true;
        if (filter is not JsonObject clauses) throw FakeQdrantError.BadRequest("filter must be an object");
        if (clauses["must"] is JsonArray must && !must.All(c => Condition(point, c))) return false;
        if (clauses["should"] is JsonArray should && should.Count > 0 && !should.Any(c => Condition(point, c))) return false;
        if (clauses["must_not"] is JsonArray mustNot && mustNot.Any(c => Condition(point, c))) return false;
        return true;
    }

    private static bool Condition(FakeQdrantPoint point, JsonNode? condition)
    {
        if (condition is not JsonObject body) throw FakeQdrantError.BadRequest("condition must be an object");
        if (body["key"] is JsonValue key)
        {
            if (body["match"] is not JsonObject match || match["value"] is not JsonValue expected)
            {
                throw FakeQdrantError.BadRequest("only match.value field conditions are supported by this fake");
            }
            var actual = point.Payload[key.GetValue<string>()];
            return actual is not null && JsonNode.DeepEquals(actual, expected);
        }
        if (body["has_id"] is JsonArray ids) return ids.Any(id => ParseId(id) == point.Id);
        if (body.ContainsKey("must") || body.ContainsKey("should") || body.ContainsKey("must_not")) return Matches(point, body);
        throw FakeQdrantError.BadRequest($"unsupported condition {body.ToJsonString()}");
    }

    /// <summary>Inverse document frequency as Qdrant's `modifier: idf` computes it (BM25's idf).</summary>
    public static double Idf(FakeQdrantCollection collection, string vectorName, uint term)
    {
        var n = collection.Points.Count;
        var df = collection.Points.Values.Count(p => p.Sparse.TryGetValue(vectorName, out var v) && v.ContainsKey(term));
        return Math.Log((n - df + 0.5) / (df + 0.5) + 1);
    }

    /// <summary>Scores candidates for one query (dense: cosine/dot; sparse: dot, times IDF with the idf modifier).</summary>
    public static List<(FakeQdrantPoint Point, double Score)> Score(FakeQdrantCollection collection, JsonNode? query, string? usingName,
        IEnumerable<FakeQdrantPoint> candidates)
    {
        var vectorName = usingName ?? "";
        if (collection.DenseVectors.TryGetValue(vectorName, out var dense))
        {
            var vector = ParseDense(query);
            if (vector.Length != dense.Size) throw FakeQdrantError.BadRequest($"Vector dimension error: expected dim: {dense.Size}, got {vector.Length}");
            if (dense.Distance == "Cosine") vector = Normalize(vector);
            return [.. candidates.Where(p => p.Dense.ContainsKey(vectorName))
                .Select(p => (p, (double)p.Dense[vectorName].Zip(vector, (a, b) => a * b).Sum()))];
        }
        if (collection.SparseVectors.TryGetValue(vectorName, out var modifier))
        {
            var sparse = ParseSparse(query);
            var idf = sparse.Keys.ToDictionary(t => t, t => modifier == "idf" ? Idf(collection, vectorName, t) : 1.0);
            var scored = new List<(FakeQdrantPoint, double)>();
            foreach (var point in candidates)
            {
                if (!point.Sparse.TryGetValue(vectorName, out var stored)) continue;
                var overlap = false;
                var score = 0.0;
                foreach (var (term, weight) in sparse)
                {
                    if (!stored.TryGetValue(term, out var value)) continue;
                    overlap = true;
                    score += weight * value * idf[term];
                }
                if (overlap) scored.Add((point, score));
            }
            return scored;
        }
        throw FakeQdrantError.BadRequest($"Not existing vector name error: {vectorName}");
    }

    /// <summary>Reciprocal rank fusion of ranked lists: Σ 1 / (k + rank).</summary>
    public static List<(FakeQdrantPoint Point, double Score)> Rrf(IEnumerable<List<(FakeQdrantPoint Point, double Score)>> rankedLists)
    {
        var fused = new Dictionary<string, (FakeQdrantPoint Point, double Score)>();
        foreach (var list in rankedLists)
        {
            for (var rank = 0; rank < list.Count; rank++)
            {
                var point = list[rank].Point;
                var previous = fused.TryGetValue(point.Id, out var entry) ? entry.Score : 0;
                fused[point.Id] = (point, previous + 1.0 / (RrfK + rank));
            }
        }
        return [.. fused.Values.OrderByDescending(x => x.Score).ThenBy(x => x.Point.Id, StringComparer.Ordinal)];
    }
}
