using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Testing.Fakes;

/// <summary>A request as the fake received it, for asserting the exact wire shapes a client sends.</summary>
public sealed record FakeQdrantRequest(string Method, string Path, string Query, string Body, string? ApiKey)
{
    public JsonNode? Json => string.IsNullOrWhiteSpace(Body) ? null : JsonNode.Parse(Body);
}

/// <summary>
/// A Qdrant stand-in on 127.0.0.1 speaking Qdrant's documented REST API: the
/// <c>{"result": ..., "status": "ok", "time": ...}</c> envelope, the
/// <c>{"status": {"error": "..."}}</c> error envelope, 404 for missing collections, 409 for existing
/// ones, 401/403 for a missing/wrong api-key, named dense + sparse (IDF) vectors, filters, scroll,
/// count, the query API with prefetch + RRF, atomic alias changes and snapshots. Failures can be
/// injected (429 with Retry-After, 500, slow answers, a "crash" after N upserts).
/// The deprecated /points/search is deliberately not served.
/// </summary>
public sealed class FakeQdrantServer : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly FakeQdrantStore _store = new();
    private readonly List<FakeQdrantRequest> _requests = [];
    private readonly Queue<(int Status, TimeSpan? RetryAfter)> _failures = new();
    private readonly Queue<TimeSpan> _delays = new();
    private LoopbackServer? _server;
    private long _operationId;
    private int _upsertsBeforeCrash = -1;

    private FakeQdrantServer(string? apiKey, string version)
    {
        ApiKey = apiKey;
        Version = version;
    }

    public Uri BaseAddress => _server!.BaseAddress;

    /// <summary>The api-key every request must carry (null: no authentication).</summary>
    public string? ApiKey { get; set; }

    /// <summary>What GET / reports.</summary>
    public string Version { get; set; }

    /// <summary>Upsert requests that succeeded.</summary>
    public int SuccessfulUpserts { get; private set; }

    public static async Task<FakeQdrantServer> StartAsync(string? apiKey = null, string version = "1.12.4")
    {
        var fake = new FakeQdrantServer(apiKey, version);
        fake._server = await LoopbackServer.StartAsync(endpoints => endpoints.Map("/{**path}", fake.HandleAsync));
        return fake;
    }

    public IReadOnlyList<FakeQdrantRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="status"/> (with Retry-After seconds when given).</summary>
    public void FailNext(int count, int status, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++) _failures.Enqueue((status, retryAfter));
        }
    }

    /// <summary>The next <paramref name="count"/> requests are answered only after <paramref name="delay"/>.</summary>
    public void DelayNext(int count, TimeSpan delay)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++) _delays.Enqueue(delay);
        }
    }

    /// <summary>After <paramref name="upserts"/> more successful upsert requests, every upsert answers 500 (a server dying mid re-index).</summary>
    public void CrashAfterUpserts(int upserts)
    {
        lock (_gate) _upsertsBeforeCrash = upserts;
    }

    public void Recover()
    {
        lock (_gate)
        {
            _upsertsBeforeCrash = -1;
            _failures.Clear();
            _delays.Clear();
        }
    }

    public IReadOnlyDictionary<string, string> Aliases
    {
        get { lock (_gate) return new Dictionary<string, string>(_store.Aliases); }
    }

    public IReadOnlyList<string> CollectionNames
    {
        get { lock (_gate) return [.. _store.Collections.Keys.Order(StringComparer.Ordinal)]; }
    }

    /// <summary>Points in a collection (by name or alias); -1 when it does not exist.</summary>
    public int PointCount(string collection)
    {
        lock (_gate)
        {
            try { return _store.Resolve(collection).Points.Count; }
            catch (FakeQdrantError) { return -1; }
        }
    }

    /// <summary>A stored point (by name or alias), for asserting what was written.</summary>
    public FakeQdrantPoint? Point(string collection, string id)
    {
        lock (_gate)
        {
            try { return _store.Resolve(collection).Points.GetValueOrDefault(id); }
            catch (FakeQdrantError) { return null; }
        }
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        var path = (context.Request.Path.Value ?? "/").Trim('/');
        var apiKey = context.Request.Headers["api-key"].FirstOrDefault();
        TimeSpan? delay = null;
        (int Status, TimeSpan? RetryAfter)? failure = null;
        lock (_gate)
        {
            _requests.Add(new FakeQdrantRequest(context.Request.Method, "/" + path, context.Request.QueryString.Value ?? "", body, apiKey));
            if (_delays.Count > 0) delay = _delays.Dequeue();
        }
        if (delay is { } wait) await Task.Delay(wait, context.RequestAborted);

        // Authentication comes first, as in Qdrant; its rejections are plain text, not the JSON envelope.
        var bearer = context.Request.Headers.Authorization.FirstOrDefault();
        var presented = apiKey ?? (bearer?.StartsWith("Bearer ", StringComparison.Ordinal) == true ? bearer[7..] : null);
        if (ApiKey is not null && presented is null)
        {
            await PlainAsync(context, 401, "Must provide an API key or an Authorization bearer token");
            return;
        }
        if (ApiKey is not null && !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented!), Encoding.UTF8.GetBytes(ApiKey)))
        {
            await PlainAsync(context, 403, "Invalid api-key");
            return;
        }

        lock (_gate)
        {
            if (_failures.Count > 0) failure = _failures.Dequeue();
        }
        if (failure is { } fail)
        {
            if (fail.RetryAfter is { } after) context.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await ErrorAsync(context, fail.Status, fail.Status == 429 ? "Too many requests: rate limit exceeded" : "Service internal error: injected failure", started);
            return;
        }

        JsonNode? json;
        try
        {
            json = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            await ErrorAsync(context, 400, $"Format error in JSON body: {e.Message}", started);
            return;
        }

        try
        {
            if (context.Request.Method == "GET" && path.Length == 0)
            {
                // GET / answers bare, without the result envelope.
                await WriteJsonAsync(context, 200, new JsonObject { ["title"] = "qdrant - vector search engine", ["version"] = Version, ["commit"] = "fake" });
                return;
            }
            JsonNode? result;
            lock (_gate) result = Dispatch(context.Request.Method, path.Split('/'), context.Request.Query, json);
            await WriteJsonAsync(context, 200, new JsonObject { ["result"] = result, ["status"] = "ok", ["time"] = Elapsed(started) });
        }
        catch (FakeQdrantError e)
        {
            await ErrorAsync(context, e.StatusCode, e.Message, started);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or KeyNotFoundException or NullReferenceException)
        {
            await ErrorAsync(context, 400, $"Format error in JSON body: {e.Message}", started);
        }
    }

    private JsonNode? Dispatch(string method, string[] segments, IQueryCollection query, JsonNode? body)
    {
        var wait = query["wait"] == "true";
        switch (method, segments)
        {
            case ("GET", ["collections"]):
                return new JsonObject { ["collections"] = new JsonArray([.. _store.Collections.Keys.Select(n => (JsonNode)new JsonObject { ["name"] = n })]) };
            case ("GET", ["aliases"]):
                return AliasList(_store.Aliases);
            case ("POST", ["collections", "aliases"]):
                return ChangeAliases(Require(body));
            case ("GET", ["collections", var name, "exists"]):
                return new JsonObject { ["exists"] = _store.Collections.ContainsKey(name) };
            case ("GET", ["collections", var name]):
                return Info(_store.Resolve(name));
            case ("PUT", ["collections", var name]):
                return CreateCollection(name, Require(body));
            case ("DELETE", ["collections", var name]):
                return DeleteCollection(name);
            case ("GET", ["collections", var name, "aliases"]):
                var collection = _store.Resolve(name);
                return AliasList(_store.Aliases.Where(a => a.Value == collection.Name));
            case ("PUT", ["collections", var name, "index"]):
                return CreatePayloadIndex(_store.Resolve(name), Require(body), wait);
            case ("PUT", ["collections", var name, "points"]):
                return Upsert(_store.Resolve(name), Require(body), wait);
            case ("POST", ["collections", var name, "points"]):
                return Retrieve(_store.Resolve(name), Require(body));
            case ("POST", ["collections", var name, "points", "delete"]):
                return DeletePoints(_store.Resolve(name), Require(body), wait);
            case ("POST", ["collections", var name, "points", "scroll"]):
                return Scroll(_store.Resolve(name), body as JsonObject ?? []);
            case ("POST", ["collections", var name, "points", "count"]):
                var counted = _store.Resolve(name);
                return new JsonObject { ["count"] = counted.Points.Values.Count(p => FakeQdrantStore.Matches(p, body?["filter"])) };
            case ("POST", ["collections", var name, "points", "query"]):
                return Query(_store.Resolve(name), Require(body));
            case ("POST", ["collections", var name, "snapshots"]):
                return CreateSnapshot(_store.Resolve(name));
            case ("GET", ["collections", var name, "snapshots"]):
                return new JsonArray([.. _store.Resolve(name).Snapshots.Select(s => s.DeepClone())]);
            default:
                throw new FakeQdrantError(404, $"Not found: no route for {method} /{string.Join('/', segments)}");
        }
    }

    private static JsonObject Require(JsonNode? body) => body as JsonObject ?? throw new FakeQdrantError(400, "Format error in JSON body: expected an object");

    private JsonObject Info(FakeQdrantCollection collection)
    {
        var vectors = new JsonObject();
        foreach (var (name, (size, distance)) in collection.DenseVectors) vectors[name] = new JsonObject { ["size"] = size, ["distance"] = distance };
        var sparse = new JsonObject();
        foreach (var (name, modifier) in collection.SparseVectors) sparse[name] = modifier is null ? new JsonObject() : new JsonObject { ["modifier"] = modifier };
        var schema = new JsonObject();
        foreach (var (field, type) in collection.PayloadIndexes)
        {
            schema[field] = new JsonObject { ["data_type"] = type, ["points"] = collection.Points.Values.Count(p => p.Payload.ContainsKey(field)) };
        }
        return new JsonObject
        {
            ["status"] = "green",
            ["optimizer_status"] = "ok",
            ["indexed_vectors_count"] = 0,
            ["points_count"] = collection.Points.Count,
            ["segments_count"] = 1,
            ["config"] = new JsonObject { ["params"] = new JsonObject { ["vectors"] = vectors, ["sparse_vectors"] = sparse, ["shard_number"] = 1 } },
            ["payload_schema"] = schema,
        };
    }

    private JsonNode CreateCollection(string name, JsonObject body)
    {
        if (name.Length is 0 or > 255 || name.IndexOfAny(['/', '\\', '*', '?', '"', '<', '>', '|', ':', '\0']) >= 0)
        {
            throw FakeQdrantError.BadRequest($"Validation error in path parameters: [name: collection name contains forbidden characters]");
        }
        if (_store.Collections.ContainsKey(name) || _store.Aliases.ContainsKey(name))
        {
            throw new FakeQdrantError(409, $"Wrong input: Collection `{name}` already exists!");
        }
        var collection = new FakeQdrantCollection(name);
        switch (body["vectors"])
        {
            case JsonObject unnamed when unnamed.ContainsKey("size"):
                collection.DenseVectors[""] = VectorParams(unnamed);
                break;
            case JsonObject named:
                foreach (var (vectorName, config) in named) collection.DenseVectors[vectorName] = VectorParams(config as JsonObject);
                break;
            case null:
                break;
            default:
                throw FakeQdrantError.BadRequest("vectors must be an object");
        }
        if (body["sparse_vectors"] is JsonObject sparse)
        {
            foreach (var (vectorName, config) in sparse)
            {
                var modifier = config?["modifier"]?.GetValue<string>();
                if (modifier is not (null or "idf" or "none")) throw FakeQdrantError.BadRequest($"unknown sparse modifier '{modifier}'");
                collection.SparseVectors[vectorName] = modifier;
            }
        }
        _store.Collections[name] = collection;
        return true;
    }

    private static (int, string) VectorParams(JsonObject? config)
    {
        var size = config?["size"]?.GetValue<int>() ?? throw FakeQdrantError.BadRequest("vector params need a size");
        var distance = config["distance"]?.GetValue<string>() ?? throw FakeQdrantError.BadRequest("vector params need a distance");
        if (size < 1) throw FakeQdrantError.BadRequest("Validation error in JSON body: [vectors.size: value 0 invalid, must be 1 or larger]");
        if (distance is not ("Cosine" or "Dot" or "Euclid" or "Manhattan")) throw FakeQdrantError.BadRequest($"unknown distance '{distance}'");
        return (size, distance);
    }

    private JsonNode DeleteCollection(string name)
    {
        var existed = _store.Collections.Remove(name);
        foreach (var alias in _store.Aliases.Where(a => a.Value == name).Select(a => a.Key).ToList()) _store.Aliases.Remove(alias);
        return existed;
    }

    private JsonObject CreatePayloadIndex(FakeQdrantCollection collection, JsonObject body, bool wait)
    {
        var field = body["field_name"]?.GetValue<string>() ?? throw FakeQdrantError.BadRequest("field_name is required");
        var schema = body["field_schema"] switch
        {
            JsonValue value => value.GetValue<string>(),
            JsonObject typed => typed["type"]?.GetValue<string>(),
            _ => null,
        } ?? throw FakeQdrantError.BadRequest("field_schema is required");
        if (schema is not ("keyword" or "integer" or "float" or "bool" or "geo" or "text" or "datetime" or "uuid"))
        {
            throw FakeQdrantError.BadRequest($"unknown field_schema '{schema}'");
        }
        collection.PayloadIndexes[field] = schema;
        return Operation(wait);
    }

    private JsonObject Upsert(FakeQdrantCollection collection, JsonObject body, bool wait)
    {
        if (_upsertsBeforeCrash == 0) throw new FakeQdrantError(500, "Service internal error: simulated crash during upsert");
        if (body["points"] is not JsonArray points) throw FakeQdrantError.BadRequest("only the `points` upsert format is supported by this fake");
        // Validate every point before storing any, so a bad batch changes nothing.
        var staging = new FakeQdrantCollection(collection.Name);
        foreach (var (name, config) in collection.DenseVectors) staging.DenseVectors[name] = config;
        foreach (var (name, modifier) in collection.SparseVectors) staging.SparseVectors[name] = modifier;
        foreach (var point in points) FakeQdrantStore.Upsert(staging, point as JsonObject ?? throw FakeQdrantError.BadRequest("point must be an object"));
        foreach (var (id, point) in staging.Points) collection.Points[id] = point;
        SuccessfulUpserts++;
        if (_upsertsBeforeCrash > 0) _upsertsBeforeCrash--;
        return Operation(wait);
    }

    private static JsonArray Retrieve(FakeQdrantCollection collection, JsonObject body)
    {
        if (body["ids"] is not JsonArray ids) throw FakeQdrantError.BadRequest("ids is required");
        var withPayload = body["with_payload"]?.GetValue<bool>() ?? true;
        var withVector = body["with_vector"]?.GetValue<bool>() ?? false;
        return new JsonArray([.. ids.Select(FakeQdrantStore.ParseId).Distinct()
            .Where(collection.Points.ContainsKey)
            .Select(id => (JsonNode)PointJson(collection.Points[id], null, withPayload, withVector))]);
    }

    private JsonObject DeletePoints(FakeQdrantCollection collection, JsonObject body, bool wait)
    {
        if (body["points"] is JsonArray ids)
        {
            foreach (var id in ids) collection.Points.Remove(FakeQdrantStore.ParseId(id));
        }
        else if (body["filter"] is JsonObject filter)
        {
            foreach (var id in collection.Points.Values.Where(p => FakeQdrantStore.Matches(p, filter)).Select(p => p.Id).ToList()) collection.Points.Remove(id);
        }
        else
        {
            throw FakeQdrantError.BadRequest("either points or filter is required");
        }
        return Operation(wait);
    }

    private static JsonObject Scroll(FakeQdrantCollection collection, JsonObject body)
    {
        var limit = body["limit"]?.GetValue<int>() ?? 10;
        if (limit < 1) throw FakeQdrantError.BadRequest("Validation error in JSON body: [limit: value 0 invalid, must be 1 or larger]");
        var offset = body["offset"] is { } o ? FakeQdrantStore.ParseId(o) : null;
        var withPayload = body["with_payload"]?.GetValue<bool>() ?? true;
        var withVector = body["with_vector"]?.GetValue<bool>() ?? false;
        var matching = collection.Points.Values
            .Where(p => offset is null || string.CompareOrdinal(p.Id, offset) >= 0)
            .Where(p => FakeQdrantStore.Matches(p, body["filter"]))
            .Take(limit + 1).ToList();
        return new JsonObject
        {
            ["points"] = new JsonArray([.. matching.Take(limit).Select(p => (JsonNode)PointJson(p, null, withPayload, withVector))]),
            ["next_page_offset"] = matching.Count > limit ? FakeQdrantStore.IdNode(matching[limit].Id) : null,
        };
    }

    private static JsonObject Query(FakeQdrantCollection collection, JsonObject body)
    {
        var limit = body["limit"]?.GetValue<int>() ?? 10;
        var offset = body["offset"]?.GetValue<int>() ?? 0;
        if (limit < 1) throw FakeQdrantError.BadRequest("Validation error in JSON body: [limit: value 0 invalid, must be 1 or larger]");
        var ranked = RunQuery(collection, body, collection.Points.Values);
        if (body["score_threshold"] is JsonValue threshold)
        {
            var minimum = threshold.GetValue<double>();
            ranked = [.. ranked.Where(r => r.Score >= minimum)];
        }
        var withPayload = body["with_payload"]?.GetValue<bool>() ?? false;
        var withVector = body["with_vector"]?.GetValue<bool>() ?? false;
        return new JsonObject
        {
            ["points"] = new JsonArray([.. ranked.Skip(offset).Take(limit).Select(r => (JsonNode)PointJson(r.Point, r.Score, withPayload, withVector))]),
        };
    }

    /// <summary>Prefetches first (each ranked and cut to its limit), then the main query over their union, or RRF of them.</summary>
    private static List<(FakeQdrantPoint Point, double Score)> RunQuery(FakeQdrantCollection collection, JsonObject request,
        IEnumerable<FakeQdrantPoint> candidates)
    {
        candidates = candidates.Where(p => FakeQdrantStore.Matches(p, request["filter"])).ToList();
        var prefetches = request["prefetch"] switch
        {
            JsonArray many => many.Select(p => p as JsonObject ?? throw FakeQdrantError.BadRequest("prefetch must be an object")).ToList(),
            JsonObject one => [one],
            _ => [],
        };
        var prefetched = prefetches
            .Select(p => RunQuery(collection, p, candidates).Take(p["limit"]?.GetValue<int>() ?? 10).ToList())
            .ToList();
        if (prefetched.Count > 0) candidates = prefetched.SelectMany(list => list.Select(x => x.Point)).DistinctBy(p => p.Id).ToList();

        var query = request["query"];
        if (query is JsonObject fusion && fusion["fusion"] is JsonValue kind)
        {
            if (kind.GetValue<string>() != "rrf") throw FakeQdrantError.BadRequest($"unsupported fusion '{kind}' in this fake");
            if (prefetched.Count == 0) throw FakeQdrantError.BadRequest("Fusion requires at least one prefetch");
            return FakeQdrantStore.Rrf(prefetched);
        }
        if (query is null)
        {
            return prefetched.Count > 0 ? prefetched[0] : [.. candidates.Select(p => (p, 0.0))];
        }
        return [.. FakeQdrantStore.Score(collection, query, request["using"]?.GetValue<string>(), candidates)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Point.Id, StringComparer.Ordinal)];
    }

    private JsonObject CreateSnapshot(FakeQdrantCollection collection)
    {
        var created = DateTime.UtcNow;
        var content = JsonSerializer.SerializeToUtf8Bytes(Info(collection).ToJsonString());
        var snapshot = new JsonObject
        {
            ["name"] = $"{collection.Name}-{collection.Snapshots.Count + 1}-{created:yyyy-MM-dd-HH-mm-ss}.snapshot",
            ["creation_time"] = created.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            ["size"] = content.Length,
            ["checksum"] = Convert.ToHexStringLower(SHA256.HashData(content)),
        };
        collection.Snapshots.Add(snapshot);
        return (JsonObject)snapshot.DeepClone();
    }

    /// <summary>All actions or none: they are applied to a copy that replaces the aliases only when every one succeeded.</summary>
    private JsonNode ChangeAliases(JsonObject body)
    {
        if (body["actions"] is not JsonArray actions) throw FakeQdrantError.BadRequest("actions is required");
        var aliases = new Dictionary<string, string>(_store.Aliases, StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (action?["create_alias"] is JsonObject create)
            {
                var alias = create["alias_name"]?.GetValue<string>() ?? throw FakeQdrantError.BadRequest("alias_name is required");
                var target = create["collection_name"]?.GetValue<string>() ?? throw FakeQdrantError.BadRequest("collection_name is required");
                if (!_store.Collections.ContainsKey(target)) throw FakeQdrantError.NotFound(target);
                if (_store.Collections.ContainsKey(alias)) throw new FakeQdrantError(409, $"Wrong input: Collection `{alias}` already exists!");
                if (aliases.ContainsKey(alias)) throw new FakeQdrantError(409, $"Wrong input: Alias `{alias}` already exists!");
                aliases[alias] = target;
            }
            else if (action?["delete_alias"] is JsonObject delete)
            {
                aliases.Remove(delete["alias_name"]?.GetValue<string>() ?? throw FakeQdrantError.BadRequest("alias_name is required"));
            }
            else if (action?["rename_alias"] is JsonObject rename)
            {
                var old = rename["old_alias_name"]!.GetValue<string>();
                if (!aliases.Remove(old, out var target)) throw new FakeQdrantError(404, $"Not found: Alias {old} does not exists!");
                aliases[rename["new_alias_name"]!.GetValue<string>()] = target;
            }
            else
            {
                throw FakeQdrantError.BadRequest($"unknown alias action {action?.ToJsonString()}");
            }
        }
        _store.Aliases.Clear();
        foreach (var (alias, target) in aliases) _store.Aliases[alias] = target;
        return true;
    }

    private static JsonObject AliasList(IEnumerable<KeyValuePair<string, string>> aliases) => new()
    {
        ["aliases"] = new JsonArray([.. aliases.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => (JsonNode)new JsonObject { ["alias_name"] = a.Key, ["collection_name"] = a.Value })]),
    };

    private static JsonObject PointJson(FakeQdrantPoint point, double? score, bool withPayload, bool withVector)
    {
        var json = new JsonObject { ["id"] = FakeQdrantStore.IdNode(point.Id), ["version"] = 0 };
        if (score is { } s) json["score"] = s;
        json["payload"] = withPayload ? point.Payload.DeepClone() : null;
        if (withVector)
        {
            var vectors = new JsonObject();
            foreach (var (name, dense) in point.Dense) vectors[name] = new JsonArray([.. dense.Select(x => (JsonNode)JsonValue.Create(x))]);
            foreach (var (name, sparse) in point.Sparse)
            {
                vectors[name] = new JsonObject
                {
                    ["indices"] = new JsonArray([.. sparse.Keys.Select(k => (JsonNode)JsonValue.Create(k))]),
                    ["values"] = new JsonArray([.. sparse.Values.Select(v => (JsonNode)JsonValue.Create(v))]),
                };
            }
            json["vector"] = point.Dense.Count == 1 && point.Dense.ContainsKey("") && point.Sparse.Count == 0 ? vectors[""]!.DeepClone() : vectors;
        }
        return json;
    }

    private JsonObject Operation(bool wait) => new() { ["operation_id"] = ++_operationId, ["status"] = wait ? "completed" : "acknowledged" };

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds;

    private static Task ErrorAsync(HttpContext context, int status, string message, long started) =>
        WriteJsonAsync(context, status, new JsonObject { ["status"] = new JsonObject { ["error"] = message }, ["time"] = Elapsed(started) });

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static async Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
