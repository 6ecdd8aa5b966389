using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ChatBot.Qdrant;

/// <summary>
/// A typed client for Qdrant's REST API (port 6333). Transport concerns (api-key header, retries
/// with backoff on 429/5xx/timeouts, per-attempt timeout) live on the named HttpClient
/// <see cref="HttpClientName"/>; see <c>AddQdrantVectorStore</c>. Every failure surfaces as a
/// <see cref="QdrantException"/> carrying Qdrant's own error text.
/// </summary>
public sealed class QdrantClient(IHttpClientFactory httpClientFactory, IOptions<QdrantOptions> options)
{
    public const string HttpClientName = "qdrant";

    private static readonly QdrantJsonContext Json = QdrantJsonContext.Default;

    public Uri BaseUri => options.Value.GetBaseUri();

    /// <summary>GET / : title, version and commit of the server.</summary>
    public async Task<QdrantServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "", null, cancellationToken);
        return await ReadAsync(response, Json.QdrantServerInfo, HttpMethod.Get, "", cancellationToken);
    }

    /// <summary>GET /collections/{name}/exists (collections only: an alias name answers false).</summary>
    public async Task<bool> CollectionExistsAsync(string collection, CancellationToken cancellationToken = default) =>
        (await CallAsync(HttpMethod.Get, $"collections/{Escape(collection)}/exists", null, Json.QdrantResponseExistsResult, cancellationToken))?.Exists == true;

    /// <summary>PUT /collections/{name}: a dense named vector (cosine) and a sparse `bm25` vector with IDF.</summary>
    /// <exception cref="QdrantException">409 when it already exists.</exception>
    public async Task CreateCollectionAsync(string collection, int denseSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(denseSize, 1);
        var request = new CreateCollectionRequest
        {
            Vectors = new() { [QdrantVectorNames.Dense] = new VectorParams { Size = denseSize, Distance = "Cosine" } },
            SparseVectors = new() { [QdrantVectorNames.Bm25] = new SparseVectorParams { Modifier = "idf" } },
        };
        await CallAsync(HttpMethod.Put, $"collections/{Escape(collection)}", Content(request, Json.CreateCollectionRequest), Json.QdrantResponseBoolean, cancellationToken);
    }

    /// <summary>DELETE /collections/{name}; false when there was none.</summary>
    public async Task<bool> DeleteCollectionAsync(string collection, CancellationToken cancellationToken = default) =>
        await CallAsync(HttpMethod.Delete, $"collections/{Escape(collection)}", null, Json.QdrantResponseBoolean, cancellationToken);

    /// <summary>GET /collections/{name} (also works through an alias).</summary>
    public async Task<QdrantCollectionInfo> GetCollectionInfoAsync(string collection, CancellationToken cancellationToken = default) =>
        await CallAsync(HttpMethod.Get, $"collections/{Escape(collection)}", null, Json.QdrantResponseQdrantCollectionInfo, cancellationToken)
        ?? throw new QdrantException($"Qdrant returned no info for collection '{collection}'.");

    /// <summary>PUT /collections/{name}/index?wait=true: a payload index (keyword by default) for fast filters.</summary>
    public async Task CreatePayloadIndexAsync(string collection, string field, string schema = "keyword", CancellationToken cancellationToken = default) =>
        await CallAsync(HttpMethod.Put, $"collections/{Escape(collection)}/index?wait=true",
            Content(new PayloadIndexRequest { FieldName = field, FieldSchema = schema }, Json.PayloadIndexRequest), Json.QdrantResponseUpdateResult, cancellationToken);

    /// <summary>PUT /collections/{name}/points?wait=true: returns once the points are applied.</summary>
    public async Task UpsertPointsAsync(string collection, IReadOnlyList<QdrantPoint> points, CancellationToken cancellationToken = default)
    {
        if (points.Count == 0) return;
        await CallAsync(HttpMethod.Put, $"collections/{Escape(collection)}/points?wait=true",
            Content(new UpsertPointsRequest { Points = [.. points] }, Json.UpsertPointsRequest), Json.QdrantResponseUpdateResult, cancellationToken);
    }

    /// <summary>POST /collections/{name}/points: points by id.</summary>
    public async Task<IReadOnlyList<QdrantRecord>> RetrievePointsAsync(string collection, IReadOnlyList<string> ids, bool withVector = false,
        CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return [];
        return await CallAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points",
            Content(new RetrievePointsRequest { Ids = [.. ids], WithPayload = true, WithVector = withVector }, Json.RetrievePointsRequest),
            Json.QdrantResponseListQdrantRecord, cancellationToken) ?? [];
    }

    /// <summary>POST /collections/{name}/points/delete?wait=true by ids.</summary>
    public async Task DeletePointsAsync(string collection, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return;
        await CallAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/delete?wait=true",
            Content(new DeletePointsRequest { Points = [.. ids] }, Json.DeletePointsRequest), Json.QdrantResponseUpdateResult, cancellationToken);
    }

    /// <summary>POST /collections/{name}/points/delete?wait=true by filter.</summary>
    public async Task DeletePointsAsync(string collection, QdrantFilter filter, CancellationToken cancellationToken = default) =>
        await CallAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/delete?wait=true",
            Content(new DeletePointsRequest { Filter = filter }, Json.DeletePointsRequest), Json.QdrantResponseUpdateResult, cancellationToken);

    /// <summary>POST /collections/{name}/points/scroll: one page; pass NextPageOffset back for the next.</summary>
    public async Task<ScrollResult> ScrollAsync(string collection, ScrollRequest request, CancellationToken cancellationToken = default) =>
        await CallAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/scroll", Content(request, Json.ScrollRequest),
            Json.QdrantResponseScrollResult, cancellationToken) ?? new ScrollResult();

    /// <summary>POST /collections/{name}/points/count with exact counting.</summary>
    public async Task<long> CountAsync(string collection, QdrantFilter? filter = null, CancellationToken cancellationToken = default) =>
        (await CallAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/count",
            Content(new CountRequest { Filter = filter, Exact = true }, Json.CountRequest), Json.QdrantResponseCountResult, cancellationToken))?.Count ?? 0;

    /// <summary>POST /collections/{name}/points/query (the query API, Qdrant ≥ 1.10).</summary>
    public async Task<IReadOnlyList<QdrantRecord>> QueryAsync(string collection, QueryRequest request, CancellationToken cancellationToken = default) =>
        (await CallAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/query", Content(request, Json.QueryRequest),
            Json.QdrantResponseQueryResult, cancellationToken))?.Points ?? [];

    /// <summary>Nearest points to a dense vector on the `dense` named vector.</summary>
    public Task<IReadOnlyList<QdrantRecord>> QueryDenseAsync(string collection, float[] vector, int limit, int offset = 0,
        QdrantFilter? filter = null, bool withVector = false, float? scoreThreshold = null, CancellationToken cancellationToken = default) =>
        QueryAsync(collection, new QueryRequest
        {
            Query = QueryValue.FromDense(vector),
            Using = QdrantVectorNames.Dense,
            Filter = filter,
            Limit = limit,
            Offset = offset == 0 ? null : offset,
            WithPayload = true,
            WithVector = withVector,
            ScoreThreshold = scoreThreshold,
        }, cancellationToken);

    /// <summary>
    /// Hybrid: two prefetches (dense and sparse `bm25`, each <paramref name="prefetchLimit"/> deep)
    /// fused by reciprocal rank fusion (<c>"query": {"fusion": "rrf"}</c>).
    /// </summary>
    public Task<IReadOnlyList<QdrantRecord>> QueryHybridAsync(string collection, float[] dense, SparseVector sparse, int limit,
        int prefetchLimit, QdrantFilter? filter = null, CancellationToken cancellationToken = default) =>
        QueryAsync(collection, new QueryRequest
        {
            Prefetch =
            [
                new Prefetch { Query = QueryValue.FromDense(dense), Using = QdrantVectorNames.Dense, Filter = filter, Limit = Math.Max(prefetchLimit, limit) },
                new Prefetch { Query = QueryValue.FromSparse(sparse), Using = QdrantVectorNames.Bm25, Filter = filter, Limit = Math.Max(prefetchLimit, limit) },
            ],
            Query = QueryValue.Rrf,
            Limit = limit,
            WithPayload = true,
        }, cancellationToken);

    /// <summary>POST /collections/aliases: all actions applied atomically.</summary>
    public async Task UpdateAliasesAsync(IReadOnlyList<AliasOperation> actions, CancellationToken cancellationToken = default) =>
        await CallAsync(HttpMethod.Post, "collections/aliases", Content(new ChangeAliasesRequest { Actions = [.. actions] }, Json.ChangeAliasesRequest),
            Json.QdrantResponseBoolean, cancellationToken);

    /// <summary>GET /aliases: every alias on the server.</summary>
    public async Task<IReadOnlyList<QdrantAlias>> ListAliasesAsync(CancellationToken cancellationToken = default) =>
        (await CallAsync(HttpMethod.Get, "aliases", null, Json.QdrantResponseAliasesResult, cancellationToken))?.Aliases ?? [];

    /// <summary>GET /collections/{name}/aliases: the aliases pointing at one collection.</summary>
    public async Task<IReadOnlyList<QdrantAlias>> ListCollectionAliasesAsync(string collection, CancellationToken cancellationToken = default) =>
        (await CallAsync(HttpMethod.Get, $"collections/{Escape(collection)}/aliases", null, Json.QdrantResponseAliasesResult, cancellationToken))?.Aliases ?? [];

    /// <summary>POST /collections/{name}/snapshots (waits for the snapshot).</summary>
    public async Task<QdrantSnapshot> CreateSnapshotAsync(string collection, CancellationToken cancellationToken = default) =>
        await CallAsync(HttpMethod.Post, $"collections/{Escape(collection)}/snapshots?wait=true", null, Json.QdrantResponseQdrantSnapshot, cancellationToken)
        ?? throw new QdrantException($"Qdrant returned no snapshot description for '{collection}'.");

    /// <summary>GET /collections/{name}/snapshots.</summary>
    public async Task<IReadOnlyList<QdrantSnapshot>> ListSnapshotsAsync(string collection, CancellationToken cancellationToken = default) =>
        await CallAsync(HttpMethod.Get, $"collections/{Escape(collection)}/snapshots", null, Json.QdrantResponseListQdrantSnapshot, cancellationToken) ?? [];

    private static string Escape(string collection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        return Uri.EscapeDataString(collection);
    }

    private static HttpContent Content<T>(T body, JsonTypeInfo<T> typeInfo) => JsonContent.Create(body, typeInfo);

    private async Task<T?> CallAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<QdrantResponse<T>> typeInfo,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, content, cancellationToken);
        var envelope = await ReadAsync(response, typeInfo, method, path, cancellationToken);
        return envelope.Result;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        http.BaseAddress ??= BaseUri;
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new QdrantException($"Qdrant at {Display(http.BaseAddress)} is unreachable: {e.Message}", null, null, e);
        }
        catch (Exception e) when (e is TimeoutRejectedException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new QdrantException($"Qdrant at {Display(http.BaseAddress)} did not answer {method} /{StripQuery(path)} in time.", null, null, e);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            throw await ErrorAsync(response, method, path, cancellationToken);
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken)
                ?? throw new QdrantException($"Qdrant {method} /{StripQuery(path)} returned an empty body.", response.StatusCode);
        }
        catch (JsonException e)
        {
            throw new QdrantException($"Qdrant {method} /{StripQuery(path)} returned a body ChatBot cannot read: {e.Message}", response.StatusCode, null, e);
        }
    }

    private static async Task<QdrantException> ErrorAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? error = null;
        try
        {
            error = JsonSerializer.Deserialize(body, Json.ErrorEnvelope)?.Status?.Error;
        }
        catch (JsonException)
        {
            // Not Qdrant's JSON envelope (e.g. the plain-text 401 or a proxy's page): use the text.
        }
        error ??= string.IsNullOrWhiteSpace(body) ? response.ReasonPhrase : body.Trim();
        if (error is { Length: > 500 }) error = error[..500] + "…";
        var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? " Check Qdrant:ApiKey (sent as the api-key header)."
            : "";
        return new QdrantException(
            $"Qdrant {method} /{StripQuery(path)} failed with {(int)response.StatusCode} {response.StatusCode}: {error}.{hint}",
            response.StatusCode, error);
    }

    private static string StripQuery(string path) => path.Split('?')[0];

    /// <summary>Scheme, host and port only: never echo credentials in a URL.</summary>
    private static string Display(Uri? uri) => uri is null ? "(no url)" : uri.GetLeftPart(UriPartial.Authority);
}
