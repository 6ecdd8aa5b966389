using Google.Protobuf.Collections;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace ChatBot.Testing.Fakes;

/// <summary>
/// The state and the rules of the fake Qdrant, on Qdrant.Client's own message types: collections
/// with (named) dense vectors, points with payload, aliases, and the errors Qdrant answers with
/// (gRPC status codes and Qdrant's own texts). Thread-safe; every public method is one atomic step,
/// as Qdrant's collection and alias locks make them.
/// </summary>
public sealed class FakeQdrantStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeCollection> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private ulong _operationId;

    public IReadOnlyDictionary<string, string> Aliases
    {
        get { lock (_gate) return new Dictionary<string, string>(_aliases); }
    }

    public IReadOnlyList<string> CollectionNames
    {
        get { lock (_gate) return [.. _collections.Keys.Order(StringComparer.Ordinal)]; }
    }

    // ---- collections -------------------------------------------------------------------------

    public bool CreateCollection(CreateCollection request)
    {
        lock (_gate)
        {
            var name = request.CollectionName;
            if (string.IsNullOrWhiteSpace(name) || name.Length > 255 || name.IndexOfAny(['/', '\\', '\0']) >= 0)
                throw Invalid($"Validation error in body: [collection_name: value {name} is invalid]");
            if (_collections.ContainsKey(name)) throw new RpcException(new Status(StatusCode.AlreadyExists, $"Wrong input: Collection `{name}` already exists!"));
            if (_aliases.ContainsKey(name)) throw Invalid($"Wrong input: Can't create collection with name {name}. Alias with the same name already exists");
            var vectors = new Dictionary<string, VectorParams>(StringComparer.Ordinal);
            switch (request.VectorsConfig?.ConfigCase)
            {
                case VectorsConfig.ConfigOneofCase.Params:
                    vectors[""] = request.VectorsConfig.Params;
                    break;
                case VectorsConfig.ConfigOneofCase.ParamsMap:
                    foreach (var (vectorName, parameters) in request.VectorsConfig.ParamsMap.Map) vectors[vectorName] = parameters;
                    break;
            }
            foreach (var (vectorName, parameters) in vectors)
            {
                if (parameters.Size == 0) throw Invalid($"Validation error in body: [vectors_config.{vectorName}.size: value 0 invalid, must be 1 or larger]");
                if (parameters.Distance is not (Distance.Cosine or Distance.Dot))
                    throw Invalid($"The fake Qdrant supports Cosine and Dot distances only, not {parameters.Distance}.");
            }
            _collections[name] = new FakeCollection(name, vectors);
            return true;
        }
    }

    /// <summary>Qdrant answers false (not an error) for a collection that is not there, and drops the collection's aliases.</summary>
    public bool DeleteCollection(string name)
    {
        lock (_gate)
        {
            if (!_collections.Remove(name)) return false;
            foreach (var alias in _aliases.Where(a => a.Value == name).Select(a => a.Key).ToList()) _aliases.Remove(alias);
            return true;
        }
    }

    /// <summary>A collection, or an alias of one.</summary>
    public bool Exists(string name)
    {
        lock (_gate) return TryResolve(name) is not null;
    }

    public CollectionInfo Info(string name)
    {
        lock (_gate)
        {
            var collection = Resolve(name);
            var config = new VectorsConfig();
            if (collection.Vectors.Count == 1 && collection.Vectors.ContainsKey("")) config.Params = collection.Vectors[""];
            else config.ParamsMap = new VectorParamsMap { Map = { collection.Vectors } };
            var info = new CollectionInfo
            {
                Status = CollectionStatus.Green,
                OptimizerStatus = new OptimizerStatus { Ok = true },
                SegmentsCount = 1,
                PointsCount = (ulong)collection.Points.Count,
                IndexedVectorsCount = 0,
                Config = new CollectionConfig { Params = new CollectionParams { VectorsConfig = config, ShardNumber = 1, ReplicationFactor = 1 } },
            };
            foreach (var (field, type) in collection.PayloadIndexes)
            {
                info.PayloadSchema[field] = new PayloadSchemaInfo { DataType = type, Points = (ulong)collection.Points.Values.Count(p => p.Payload.ContainsKey(field)) };
            }
            return info;
        }
    }

    // ---- aliases ---------------------------------------------------------------------------

    /// <summary>
    /// As Qdrant applies an alias call: the actions in order under one lock (readers never see a half-done
    /// call), stopping at the first that fails, whose error is the call's; the actions before it stay done.
    /// </summary>
    public void ChangeAliases(IEnumerable<AliasOperations> actions)
    {
        lock (_gate)
        {
            var next = _aliases; // changed in place: what an action did stays done if a later one fails
            foreach (var action in actions)
            {
                switch (action.ActionCase)
                {
                    case AliasOperations.ActionOneofCase.CreateAlias:
                        var create = action.CreateAlias;
                        if (!_collections.ContainsKey(create.CollectionName))
                            throw NotFound($"Not found: Collection `{create.CollectionName}` doesn't exist!");
                        if (_collections.ContainsKey(create.AliasName))
                            throw Invalid($"Wrong input: Collection `{create.AliasName}` already exists!");
                        next[create.AliasName] = create.CollectionName; // Qdrant overwrites an existing alias
                        break;
                    case AliasOperations.ActionOneofCase.DeleteAlias:
                        next.Remove(action.DeleteAlias.AliasName); // a missing alias is not an error
                        break;
                    case AliasOperations.ActionOneofCase.RenameAlias:
                        var rename = action.RenameAlias;
                        if (!next.Remove(rename.OldAliasName, out var target))
                            throw NotFound($"Not found: Alias {rename.OldAliasName} does not exists!");
                        next[rename.NewAliasName] = target;
                        break;
                    default:
                        throw Invalid("Malformed AliasOperation type");
                }
            }
        }
    }

    public IReadOnlyList<AliasDescription> ListAliases(string? collection = null)
    {
        lock (_gate)
        {
            if (collection is not null && !_collections.ContainsKey(collection)) throw NotFound($"Not found: Collection `{collection}` doesn't exist!");
            return [.. _aliases.Where(a => collection is null || a.Value == collection).OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => new AliasDescription { AliasName = a.Key, CollectionName = a.Value })];
        }
    }

    // ---- points ----------------------------------------------------------------------------

    public void CreateFieldIndex(string name, string field, FieldType type)
    {
        lock (_gate)
        {
            var collection = Resolve(name);
            collection.PayloadIndexes[field] = type switch
            {
                FieldType.Keyword => PayloadSchemaType.Keyword,
                FieldType.Integer => PayloadSchemaType.Integer,
                FieldType.Float => PayloadSchemaType.Float,
                FieldType.Bool => PayloadSchemaType.Bool,
                FieldType.Text => PayloadSchemaType.Text,
                FieldType.Uuid => PayloadSchemaType.Uuid,
                FieldType.Datetime => PayloadSchemaType.Datetime,
                _ => PayloadSchemaType.UnknownType,
            };
        }
    }

    /// <summary>Checks every point first (ids, vector names, dimensions), so a rejected call writes nothing; returns the apply step.</summary>
    public Action PrepareUpsert(string name, IReadOnlyList<PointStruct> points)
    {
        lock (_gate)
        {
            var collection = Resolve(name);
            var prepared = points.Select(p => collection.Prepare(p)).ToList();
            return () =>
            {
                lock (_gate)
                {
                    // The collection may have been dropped (or re-created) since: writes land on what the name resolves to now.
                    if (TryResolve(name) is not { } target) return;
                    foreach (var point in prepared) target.Points[point.Key] = point;
                }
            };
        }
    }

    public Action PrepareDelete(string name, PointsSelector selector)
    {
        lock (_gate)
        {
            var collection = Resolve(name);
            return () =>
            {
                lock (_gate)
                {
                    if (TryResolve(name) is not { } target) return;
                    var doomed = selector.PointsSelectorOneOfCase == PointsSelector.PointsSelectorOneOfOneofCase.Points
                        ? selector.Points.Ids.Select(FakePoint.KeyOf).ToList()
                        : target.Points.Values.Where(p => FakeFilters.Matches(selector.Filter, p)).Select(p => p.Key).ToList();
                    foreach (var key in doomed) target.Points.Remove(key);
                }
            };
        }
    }

    public ulong NextOperationId()
    {
        lock (_gate) return ++_operationId;
    }

    public IReadOnlyList<RetrievedPoint> Get(GetPoints request)
    {
        lock (_gate)
        {
            var collection = Resolve(request.CollectionName);
            return [.. request.Ids.Select(FakePoint.KeyOf).Distinct().Select(k => collection.Points.GetValueOrDefault(k)).OfType<FakePoint>()
                .Select(p => p.ToRetrieved(request.WithPayload, request.WithVectors))];
        }
    }

    public ScrollResponse Scroll(ScrollPoints request)
    {
        lock (_gate)
        {
            var collection = Resolve(request.CollectionName);
            var limit = request.HasLimit ? (int)request.Limit : 10;
            var ordered = collection.Points.Values.Where(p => FakeFilters.Matches(request.Filter, p)).OrderBy(p => p.Key, FakePoint.KeyComparer);
            var from = request.Offset is null ? ordered : ordered.SkipWhile(p => FakePoint.KeyComparer.Compare(p.Key, FakePoint.KeyOf(request.Offset)) < 0);
            var page = from.Take(limit + 1).ToList();
            var response = new ScrollResponse();
            response.Result.AddRange(page.Take(limit).Select(p => p.ToRetrieved(request.WithPayload, request.WithVectors)));
            if (page.Count > limit) response.NextPageOffset = page[limit].Id.Clone();
            return response;
        }
    }

    public ulong Count(CountPoints request)
    {
        lock (_gate) return (ulong)Resolve(request.CollectionName).Points.Values.Count(p => FakeFilters.Matches(request.Filter, p));
    }

    /// <summary>The Query API's nearest-vector search (exact; cosine on unit vectors, or dot), or all points in id order when there is no query.</summary>
    public IReadOnlyList<ScoredPoint> Query(QueryPoints request)
    {
        lock (_gate)
        {
            var collection = Resolve(request.CollectionName);
            if (request.Prefetch.Count > 0) throw Invalid("The fake Qdrant does not support prefetch.");
            var candidates = collection.Points.Values.Where(p => FakeFilters.Matches(request.Filter, p));
            var limit = request.HasLimit ? (int)request.Limit : 10;
            var offset = request.HasOffset ? (int)request.Offset : 0;
            IEnumerable<(FakePoint Point, float Score)> scored;
            if (request.Query is null)
            {
                scored = candidates.OrderBy(p => p.Key, FakePoint.KeyComparer).Select(p => (p, 0f));
            }
            else
            {
                if (request.Query.VariantCase != global::Qdrant.Client.Grpc.Query.VariantOneofCase.Nearest)
                    throw Invalid($"The fake Qdrant answers nearest queries only, not {request.Query.VariantCase}.");
                var vectorName = request.HasUsing ? request.Using : "";
                if (!collection.Vectors.TryGetValue(vectorName, out var parameters))
                    throw Invalid($"Wrong input: Not existing vector name error: {vectorName}");
                var query = FakePoint.DenseOf(request.Query.Nearest)
                    ?? throw Invalid("The fake Qdrant answers dense vector queries only.");
                if (query.Length != (int)parameters.Size)
                    throw Invalid($"Wrong input: Vector dimension error: expected dim: {parameters.Size}, got {query.Length}");
                if (parameters.Distance == Distance.Cosine) query = FakePoint.Normalized(query);
                scored = candidates.Where(p => p.Vectors.ContainsKey(vectorName))
                    .Select(p => (p, FakePoint.Dot(query, p.Vectors[vectorName])))
                    .Where(s => !request.HasScoreThreshold || s.Item2 >= request.ScoreThreshold)
                    .OrderByDescending(s => s.Item2).ThenBy(s => s.p.Key, FakePoint.KeyComparer);
            }
            return [.. scored.Skip(offset).Take(limit).Select(s => s.Point.ToScored(s.Score, request.WithPayload, request.WithVectors))];
        }
    }

    /// <summary>Points in a collection or behind an alias (0 when neither exists).</summary>
    public int PointCount(string name)
    {
        lock (_gate) return TryResolve(name)?.Points.Count ?? 0;
    }

    public IReadOnlyDictionary<string, PayloadSchemaType> PayloadIndexes(string name)
    {
        lock (_gate) return new Dictionary<string, PayloadSchemaType>(Resolve(name).PayloadIndexes);
    }

    private FakeCollection? TryResolve(string name) =>
        _collections.GetValueOrDefault(_aliases.GetValueOrDefault(name, name));

    private FakeCollection Resolve(string name) => TryResolve(name) ?? throw NotFound($"Not found: Collection `{name}` doesn't exist!");

    internal static RpcException Invalid(string detail) => new(new Status(StatusCode.InvalidArgument, detail));

    private static RpcException NotFound(string detail) => new(new Status(StatusCode.NotFound, detail));

    private sealed class FakeCollection(string name, Dictionary<string, VectorParams> vectors)
    {
        public string Name { get; } = name;
        public Dictionary<string, VectorParams> Vectors { get; } = vectors;
        public Dictionary<string, PayloadSchemaType> PayloadIndexes { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, FakePoint> Points { get; } = new(StringComparer.Ordinal);

        public FakePoint Prepare(PointStruct point)
        {
            var key = FakePoint.KeyOf(point.Id ?? throw Invalid("Empty ID is not allowed"));
            // Over gRPC a point must carry vectors: an empty map of named vectors when it has none.
            if (point.Vectors is null) throw Invalid("Expected some vectors");
            var given = new Dictionary<string, float[]>(StringComparer.Ordinal);
            switch (point.Vectors?.VectorsOptionsCase)
            {
                case global::Qdrant.Client.Grpc.Vectors.VectorsOptionsOneofCase.Vector:
                    given[""] = FakePoint.DenseOf(point.Vectors.Vector) ?? throw Invalid("The fake Qdrant stores dense vectors only.");
                    break;
                case global::Qdrant.Client.Grpc.Vectors.VectorsOptionsOneofCase.Vectors_:
                    foreach (var (vectorName, vector) in point.Vectors.Vectors_.Vectors)
                        given[vectorName] = FakePoint.DenseOf(vector) ?? throw Invalid("The fake Qdrant stores dense vectors only.");
                    break;
            }
            var stored = new Dictionary<string, float[]>(StringComparer.Ordinal);
            foreach (var (vectorName, vector) in given)
            {
                if (!Vectors.TryGetValue(vectorName, out var parameters)) throw Invalid($"Wrong input: Not existing vector name error: {vectorName}");
                if (vector.Length != (int)parameters.Size)
                    throw Invalid($"Wrong input: Vector dimension error: expected dim: {parameters.Size}, got {vector.Length}");
                // Cosine collections store unit vectors, as Qdrant does.
                stored[vectorName] = parameters.Distance == Distance.Cosine ? FakePoint.Normalized(vector) : vector;
            }
            return new FakePoint(key, point.Id.Clone(), stored, new Dictionary<string, Value>(point.Payload, StringComparer.Ordinal));
        }
    }
}

/// <summary>A stored point.</summary>
internal sealed record FakePoint(string Key, PointId Id, Dictionary<string, float[]> Vectors, Dictionary<string, Value> Payload)
{
    /// <summary>Numeric ids before UUIDs, numbers by value, UUIDs by their text (Qdrant orders them as 128-bit numbers: the same order for canonical text).</summary>
    public static readonly IComparer<string> KeyComparer = Comparer<string>.Create((a, b) =>
    {
        var an = a.StartsWith('#');
        var bn = b.StartsWith('#');
        if (an != bn) return an ? -1 : 1;
        return an ? ulong.Parse(a[1..]).CompareTo(ulong.Parse(b[1..])) : string.CompareOrdinal(a, b);
    });

    public static string KeyOf(PointId id) => id.PointIdOptionsCase switch
    {
        PointId.PointIdOptionsOneofCase.Num => "#" + id.Num,
        PointId.PointIdOptionsOneofCase.Uuid when Guid.TryParse(id.Uuid, out var uuid) => uuid.ToString("D"),
        _ => throw FakeQdrantStore.Invalid($"Unable to parse UUID: {id.Uuid}"),
    };

#pragma warning disable CS0612 // the deprecated `data` field is still what older clients send
    public static float[]? DenseOf(Vector vector) =>
        vector.VectorCase == Vector.VectorOneofCase.Dense ? [.. vector.Dense.Data] : vector.Data.Count > 0 ? [.. vector.Data] : null;
#pragma warning restore CS0612

    public static float[]? DenseOf(VectorInput input) => input.VariantCase == VectorInput.VariantOneofCase.Dense ? [.. input.Dense.Data] : null;

    public static float[] Normalized(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        return norm == 0 ? vector : [.. vector.Select(v => (float)(v / norm))];
    }

    public static float Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return (float)sum;
    }

    public RetrievedPoint ToRetrieved(WithPayloadSelector? payload, WithVectorsSelector? vectors)
    {
        var point = new RetrievedPoint { Id = Id.Clone() };
        point.Payload.Add(SelectPayload(payload));
        if (SelectVectors(vectors) is { } output) point.Vectors = output;
        return point;
    }

    public ScoredPoint ToScored(float score, WithPayloadSelector? payload, WithVectorsSelector? vectors)
    {
        var point = new ScoredPoint { Id = Id.Clone(), Score = score, Version = 1 };
        point.Payload.Add(SelectPayload(payload));
        if (SelectVectors(vectors) is { } output) point.Vectors = output;
        return point;
    }

    /// <summary>Qdrant's defaults: payload unless disabled (scroll/get; the Query API defaults to none), no vectors unless asked.</summary>
    private Dictionary<string, Value> SelectPayload(WithPayloadSelector? selector) => selector?.SelectorOptionsCase switch
    {
        WithPayloadSelector.SelectorOptionsOneofCase.Enable when !selector.Enable => [],
        WithPayloadSelector.SelectorOptionsOneofCase.Include => Payload.Where(p => selector.Include.Fields.Contains(p.Key)).ToDictionary(),
        WithPayloadSelector.SelectorOptionsOneofCase.Exclude => Payload.Where(p => !selector.Exclude.Fields.Contains(p.Key)).ToDictionary(),
        null => [],
        _ => Payload,
    };

    private VectorsOutput? SelectVectors(WithVectorsSelector? selector)
    {
        var names = selector?.SelectorOptionsCase switch
        {
            WithVectorsSelector.SelectorOptionsOneofCase.Enable when selector.Enable => Vectors.Keys.ToList(),
            WithVectorsSelector.SelectorOptionsOneofCase.Include => Vectors.Keys.Where(selector.Include.Names.Contains).ToList(),
            _ => null,
        };
        if (names is null) return null;
        if (Vectors.Count == 1 && Vectors.ContainsKey("")) return new VectorsOutput { Vector = Output(Vectors[""]) };
        var named = new NamedVectorsOutput();
        foreach (var name in names) named.Vectors[name] = Output(Vectors[name]);
        return new VectorsOutput { Vectors = named };
    }

    private static VectorOutput Output(float[] vector) => new() { Dense = new DenseVector { Data = { vector } } };
}

/// <summary>Qdrant's filter semantics on payload: must (all), should (at least one, when any), must_not (none), nested filters, has_id.</summary>
internal static class FakeFilters
{
    public static bool Matches(Filter? filter, FakePoint point)
    {
        if (filter is null) return true;
        if (!filter.Must.All(c => Matches(c, point))) return false;
        if (filter.MustNot.Any(c => Matches(c, point))) return false;
        if (filter.Should.Count > 0 && !filter.Should.Any(c => Matches(c, point))) return false;
        if (filter.MinShould is { } min && min.Conditions.Count(c => Matches(c, point)) < (int)min.MinCount) return false;
        return true;
    }

    private static bool Matches(Condition condition, FakePoint point) => condition.ConditionOneOfCase switch
    {
        Condition.ConditionOneOfOneofCase.Filter => Matches(condition.Filter, point),
        Condition.ConditionOneOfOneofCase.HasId => condition.HasId.HasId.Any(id => FakePoint.KeyOf(id) == point.Key),
        Condition.ConditionOneOfOneofCase.Field => Matches(condition.Field, point),
        Condition.ConditionOneOfOneofCase.IsEmpty => !point.Payload.TryGetValue(condition.IsEmpty.Key, out var v)
            || v.KindCase == Value.KindOneofCase.NullValue || (v.KindCase == Value.KindOneofCase.ListValue && v.ListValue.Values.Count == 0),
        Condition.ConditionOneOfOneofCase.IsNull => point.Payload.TryGetValue(condition.IsNull.Key, out var n) && n.KindCase == Value.KindOneofCase.NullValue,
        _ => throw FakeQdrantStore.Invalid($"The fake Qdrant does not evaluate {condition.ConditionOneOfCase} conditions."),
    };

    private static bool Matches(FieldCondition field, FakePoint point)
    {
        if (field.Match is null) throw FakeQdrantStore.Invalid($"The fake Qdrant evaluates match conditions only (field '{field.Key}').");
        if (!point.Payload.TryGetValue(field.Key, out var value)) return false;
        // A list matches when any element does.
        IEnumerable<Value> values = value.KindCase == Value.KindOneofCase.ListValue ? value.ListValue.Values : [value];
        var match = field.Match;
        return match.MatchValueCase switch
        {
            Match.MatchValueOneofCase.Keyword => values.Any(v => v.KindCase == Value.KindOneofCase.StringValue && v.StringValue == match.Keyword),
            Match.MatchValueOneofCase.Keywords => values.Any(v => v.KindCase == Value.KindOneofCase.StringValue && match.Keywords.Strings.Contains(v.StringValue)),
            Match.MatchValueOneofCase.ExceptKeywords => !values.Any(v => v.KindCase == Value.KindOneofCase.StringValue && match.ExceptKeywords.Strings.Contains(v.StringValue)),
            Match.MatchValueOneofCase.Integer => values.Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && v.IntegerValue == match.Integer),
            Match.MatchValueOneofCase.Boolean => values.Any(v => v.KindCase == Value.KindOneofCase.BoolValue && v.BoolValue == match.Boolean),
            Match.MatchValueOneofCase.Text => values.Any(v => v.KindCase == Value.KindOneofCase.StringValue
                && match.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(t => v.StringValue.Contains(t, StringComparison.OrdinalIgnoreCase))),
            _ => throw FakeQdrantStore.Invalid($"The fake Qdrant does not evaluate {match.MatchValueCase} matches."),
        };
    }
}
