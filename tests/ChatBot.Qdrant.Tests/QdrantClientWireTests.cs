using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatBot.Qdrant.Tests;

/// <summary>Every request the client sends, checked on the wire against the fake Qdrant, plus its error handling.</summary>
public sealed class QdrantClientWireTests : IAsyncLifetime
{
    private const string Key = "test-api-key";
    private FakeQdrantServer _fake = null!;
    private ServiceProvider _services = null!;
    private QdrantClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeQdrantServer.StartAsync(apiKey: Key);
        _services = QdrantTestServices.Build(_fake.BaseAddress, Key);
        _client = _services.GetRequiredService<QdrantClient>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Reads_the_server_version_and_sends_the_api_key()
    {
        var info = await _client.GetServerInfoAsync();
        Assert.Equal("1.12.4", info.Version);
        var request = Assert.Single(_fake.Requests);
        Assert.Equal(("GET", "/"), (request.Method, request.Path));
        Assert.Equal(Key, request.ApiKey);
    }

    [Fact]
    public async Task Creates_a_collection_with_named_dense_and_idf_sparse_vectors()
    {
        Assert.False(await _client.CollectionExistsAsync("docs"));
        await _client.CreateCollectionAsync("docs", 512);
        Assert.True(await _client.CollectionExistsAsync("docs"));

        var create = _fake.Requests.Single(r => r.Method == "PUT");
        Assert.Equal("/collections/docs", create.Path);
        var body = create.Json!;
        Assert.Equal(512, body["vectors"]!["dense"]!["size"]!.GetValue<int>());
        Assert.Equal("Cosine", body["vectors"]!["dense"]!["distance"]!.GetValue<string>());
        Assert.Equal("idf", body["sparse_vectors"]!["bm25"]!["modifier"]!.GetValue<string>());
        Assert.Contains(_fake.Requests, r => r is { Method: "GET", Path: "/collections/docs/exists" });

        var info = await _client.GetCollectionInfoAsync("docs");
        Assert.Equal(512, info.DenseSize);
        Assert.Equal(0, info.PointsCount);
        Assert.Equal("green", info.Status);
    }

    [Fact]
    public async Task Creating_an_existing_collection_is_a_409_with_qdrants_message()
    {
        await _client.CreateCollectionAsync("docs", 4);
        var error = await Assert.ThrowsAsync<QdrantException>(() => _client.CreateCollectionAsync("docs", 4));
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Contains("Collection `docs` already exists!", error.Message);
        Assert.Contains("PUT /collections/docs", error.Message);
    }

    [Fact]
    public async Task A_missing_collection_is_a_404_with_qdrants_message()
    {
        var error = await Assert.ThrowsAsync<QdrantException>(() => _client.GetCollectionInfoAsync("nope"));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("Not found: Collection `nope` doesn't exist!", error.ServerError);
        Assert.False(await _client.DeleteCollectionAsync("nope"));
    }

    [Fact]
    public async Task Creates_payload_indexes_and_upserts_points_with_wait()
    {
        await _client.CreateCollectionAsync("docs", 4);
        await _client.CreatePayloadIndexAsync("docs", "source");
        var collection = new QdrantVectorStoreCollection(_client, "docs", 4);
        var point = collection.ToPoint(new ChunkVectorRecord
        {
            Key = ChunkVectorRecord.KeyFor("001#0"), ChunkId = "001#0", Source = "001_a.txt", Text = "Cartel violence cartel", Embedding = new float[] { 1, 2, 3, 4 },
        });
        await _client.UpsertPointsAsync("docs", [point]);

        var index = _fake.Requests.Single(r => r.Path == "/collections/docs/index");
        Assert.Equal(("PUT", "?wait=true"), (index.Method, index.Query));
        Assert.Equal("source", index.Json!["field_name"]!.GetValue<string>());
        Assert.Equal("keyword", index.Json!["field_schema"]!.GetValue<string>());

        var upsert = _fake.Requests.Single(r => r.Path == "/collections/docs/points");
        Assert.Equal(("PUT", "?wait=true"), (upsert.Method, upsert.Query));
        var sent = upsert.Json!["points"]![0]!;
        Assert.Equal(ChunkVectorRecord.KeyFor("001#0").ToString(), sent["id"]!.GetValue<string>());
        Assert.Equal(4, sent["vector"]!["dense"]!.AsArray().Count);
        Assert.Equal(2, sent["vector"]!["bm25"]!["indices"]!.AsArray().Count); // "cartel" and "violence"
        Assert.Equal("001_a.txt", sent["payload"]!["source"]!.GetValue<string>());
        Assert.Equal("001#0", sent["payload"]!["chunk_id"]!.GetValue<string>());
        Assert.Equal("Cartel violence cartel", sent["payload"]!["text"]!.GetValue<string>());

        var stored = _fake.Point("docs", point.Id)!;
        Assert.Equal(2, stored.Sparse["bm25"].Count);
        Assert.Equal("keyword", (await _client.GetCollectionInfoAsync("docs")).PayloadSchema!["source"].GetProperty("data_type").GetString());
    }

    [Fact]
    public async Task Retrieves_scrolls_counts_and_deletes_by_ids_and_by_filter()
    {
        await SeedAsync("docs", 25);

        var ids = new[] { Id("c3"), Id("c7"), Guid.NewGuid().ToString() };
        var retrieved = await _client.RetrievePointsAsync("docs", ids, withVector: true);
        Assert.Equal(["c3", "c7"], retrieved.Select(p => p.Payload!.ChunkId).Order());
        Assert.Equal(4, retrieved[0].Vector!.Dense!.Length);
        var retrieve = _fake.Requests.Last(r => r.Path == "/collections/docs/points" && r.Method == "POST").Json!;
        Assert.True(retrieve["with_vector"]!.GetValue<bool>());
        Assert.Equal(3, retrieve["ids"]!.AsArray().Count);

        // Scroll through every point of one source, page by page.
        var seen = new List<string>();
        string? offset = null;
        do
        {
            var page = await _client.ScrollAsync("docs", new ScrollRequest { Filter = QdrantFilters.SourceEquals("even.txt"), Limit = 5, Offset = offset });
            seen.AddRange(page.Points.Select(p => p.Payload!.ChunkId));
            offset = page.NextPageOffset;
        }
        while (offset is not null);
        Assert.Equal(13, seen.Count);
        Assert.Equal(13, seen.Distinct().Count());
        var scroll = _fake.Requests.Last(r => r.Path == "/collections/docs/points/scroll").Json!;
        Assert.Equal("source", scroll["filter"]!["must"]![0]!["key"]!.GetValue<string>());
        Assert.Equal("even.txt", scroll["filter"]!["must"]![0]!["match"]!["value"]!.GetValue<string>());
        Assert.Equal(5, scroll["limit"]!.GetValue<int>());

        Assert.Equal(25, await _client.CountAsync("docs"));
        Assert.Equal(12, await _client.CountAsync("docs", QdrantFilters.SourceEquals("odd.txt")));

        await _client.DeletePointsAsync("docs", [Id("c0"), Id("c1")]);
        Assert.Equal(23, await _client.CountAsync("docs"));
        await _client.DeletePointsAsync("docs", QdrantFilters.SourceEquals("odd.txt"));
        Assert.Equal(12, await _client.CountAsync("docs"));
        var deletes = _fake.Requests.Where(r => r.Path == "/collections/docs/points/delete").ToList();
        Assert.All(deletes, d => Assert.Equal(("POST", "?wait=true"), (d.Method, d.Query)));
        Assert.Equal(2, deletes[0].Json!["points"]!.AsArray().Count);
        Assert.Equal("odd.txt", deletes[1].Json!["filter"]!["must"]![0]!["match"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dense_queries_use_the_query_api_never_the_deprecated_search()
    {
        await SeedAsync("docs", 10);
        var hits = await _client.QueryDenseAsync("docs", [1, 0, 0, 0], limit: 3, offset: 1, filter: QdrantFilters.SourceEquals("even.txt"));

        Assert.Equal(3, hits.Count);
        Assert.All(hits, h => Assert.Equal("even.txt", h.Payload!.Source));
        Assert.True(hits.Zip(hits.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
        var query = _fake.Requests.Single(r => r.Path == "/collections/docs/points/query");
        Assert.Equal("POST", query.Method);
        var body = query.Json!;
        Assert.Equal([1f, 0, 0, 0], body["query"]!.AsArray().Select(x => x!.GetValue<float>()));
        Assert.Equal("dense", body["using"]!.GetValue<string>());
        Assert.Equal(3, body["limit"]!.GetValue<int>());
        Assert.Equal(1, body["offset"]!.GetValue<int>());
        Assert.True(body["with_payload"]!.GetValue<bool>());
        Assert.DoesNotContain(_fake.Requests, r => r.Path.EndsWith("/points/search", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hybrid_queries_fuse_a_dense_and_a_bm25_prefetch_with_rrf()
    {
        await _client.CreateCollectionAsync("docs", 2);
        var collection = new QdrantVectorStoreCollection(_client, "docs", 2);
        await collection.UpsertAsync(
        [
            Chunk("dense-only", "a.txt", "weather report sunny", [1, 0]),
            Chunk("both", "a.txt", "fentanyl seizures at the border", [0.9f, 0.1f]),
            Chunk("sparse-only", "b.txt", "fentanyl fentanyl trafficking", [0, 1]),
            Chunk("neither", "b.txt", "unrelated text", [-1, 0]),
        ]);

        var hits = await collection.HybridSearchAsync(new float[] { 1, 0 }, "fentanyl border", top: 3, prefetchLimit: 3);

        // Dense ranks dense-only, both, sparse-only; bm25 ranks both, sparse-only ("neither" matches no term).
        // RRF with k = 2: both 1/3 + 1/2, sparse-only 1/4 + 1/3, dense-only 1/2.
        Assert.Equal(["both", "sparse-only", "dense-only"], hits.Select(h => h.Record.ChunkId));
        Assert.Equal(1 / 2.0 + 1 / 3.0, hits[0].Score!.Value, 1e-6);
        var body = _fake.Requests.Single(r => r.Path == "/collections/docs/points/query").Json!;
        Assert.Equal("rrf", body["query"]!["fusion"]!.GetValue<string>());
        var prefetch = body["prefetch"]!.AsArray();
        Assert.Equal(2, prefetch.Count);
        Assert.Equal("dense", prefetch[0]!["using"]!.GetValue<string>());
        Assert.Equal(2, prefetch[0]!["query"]!.AsArray().Count);
        Assert.Equal(3, prefetch[0]!["limit"]!.GetValue<int>());
        Assert.Equal("bm25", prefetch[1]!["using"]!.GetValue<string>());
        Assert.Equal(
            [Bm25SparseVectorizer.TermId("border"), Bm25SparseVectorizer.TermId("fentanyl")],
            prefetch[1]!["query"]!["indices"]!.AsArray().Select(x => x!.GetValue<uint>()).Order());
        Assert.Equal(3, body["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task Switches_aliases_atomically_and_lists_them()
    {
        await _client.CreateCollectionAsync("v1", 4);
        await _client.CreateCollectionAsync("v2", 4);
        await _client.UpdateAliasesAsync([AliasOperation.Create("live", "v1")]);
        await _client.UpdateAliasesAsync([AliasOperation.Delete("live"), AliasOperation.Create("live", "v2")]);

        var all = await _client.ListAliasesAsync();
        Assert.Equal(("live", "v2"), (Assert.Single(all).AliasName, all[0].CollectionName));
        Assert.Empty(await _client.ListCollectionAliasesAsync("v1"));
        Assert.Single(await _client.ListCollectionAliasesAsync("v2"));

        var switchBody = _fake.Requests.Where(r => r.Path == "/collections/aliases").Last().Json!;
        var actions = switchBody["actions"]!.AsArray();
        Assert.Equal("live", actions[0]!["delete_alias"]!["alias_name"]!.GetValue<string>());
        Assert.Equal("v2", actions[1]!["create_alias"]!["collection_name"]!.GetValue<string>());
        Assert.Equal("live", actions[1]!["create_alias"]!["alias_name"]!.GetValue<string>());
        Assert.Contains(_fake.Requests, r => r is { Method: "GET", Path: "/aliases" });
        Assert.Contains(_fake.Requests, r => r is { Method: "GET", Path: "/collections/v2/aliases" });

        // A failing action rolls back the whole call.
        var error = await Assert.ThrowsAsync<QdrantException>(() =>
            _client.UpdateAliasesAsync([AliasOperation.Delete("live"), AliasOperation.Create("live", "missing")]));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("v2", (await _client.ListAliasesAsync()).Single().CollectionName);
    }

    [Fact]
    public async Task Creates_and_lists_snapshots()
    {
        await SeedAsync("docs", 3);
        var snapshot = await _client.CreateSnapshotAsync("docs");
        Assert.EndsWith(".snapshot", snapshot.Name);
        Assert.True(snapshot.Size > 0);
        var listed = await _client.ListSnapshotsAsync("docs");
        Assert.Equal(snapshot.Name, Assert.Single(listed).Name);
        Assert.Contains(_fake.Requests, r => r is { Method: "POST", Path: "/collections/docs/snapshots" });
        Assert.Contains(_fake.Requests, r => r is { Method: "GET", Path: "/collections/docs/snapshots" });
    }

    [Fact]
    public async Task A_missing_api_key_is_a_clear_401()
    {
        await using var services = QdrantTestServices.Build(_fake.BaseAddress, apiKey: null);
        var client = services.GetRequiredService<QdrantClient>();
        var error = await Assert.ThrowsAsync<QdrantException>(() => client.CollectionExistsAsync("docs"));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("Must provide an API key", error.Message);
        Assert.Contains("Qdrant:ApiKey", error.Message);
        Assert.Null(_fake.Requests.Last().ApiKey);
    }

    [Fact]
    public async Task A_wrong_api_key_is_a_clear_403_and_is_not_echoed()
    {
        await using var services = QdrantTestServices.Build(_fake.BaseAddress, apiKey: "wrong-secret-value");
        var client = services.GetRequiredService<QdrantClient>();
        var error = await Assert.ThrowsAsync<QdrantException>(() => client.ListAliasesAsync());
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("Invalid api-key", error.Message);
        Assert.DoesNotContain("wrong-secret-value", error.Message);
    }

    [Fact]
    public async Task Retries_a_429_after_the_retry_after_delay()
    {
        _fake.FailNext(1, 429, retryAfter: TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var exists = await _client.CollectionExistsAsync("docs");

        Assert.False(exists);
        Assert.Equal(2, _fake.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}, before Retry-After");
    }

    [Fact]
    public async Task Retries_server_errors_then_gives_up_with_qdrants_message()
    {
        _fake.FailNext(2, 500);
        Assert.Equal("1.12.4", (await _client.GetServerInfoAsync()).Version);
        Assert.Equal(3, _fake.Requests.Count);

        _fake.FailNext(10, 500);
        var error = await Assert.ThrowsAsync<QdrantException>(() => _client.ListAliasesAsync());
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("injected failure", error.Message);
        Assert.Equal(3 + 4, _fake.Requests.Count); // 1 try + 3 retries
    }

    [Fact]
    public async Task A_slow_server_times_out_per_attempt_and_is_retried()
    {
        await using var services = QdrantTestServices.Build(_fake.BaseAddress, Key, new Dictionary<string, string?> { ["Qdrant:Timeout"] = "00:00:01" });
        var client = services.GetRequiredService<QdrantClient>();
        _fake.DelayNext(1, TimeSpan.FromSeconds(5));

        Assert.Equal("1.12.4", (await client.GetServerInfoAsync()).Version);
        Assert.Equal(2, _fake.Requests.Count);
    }

    [Fact]
    public async Task An_unreachable_server_is_named_in_the_error()
    {
        var port = FreePort();
        await using var services = QdrantTestServices.Build(new Uri($"http://127.0.0.1:{port}"), overrides: new Dictionary<string, string?> { ["Qdrant:MaxRetries"] = "0" });
        var error = await Assert.ThrowsAsync<QdrantException>(() => services.GetRequiredService<QdrantClient>().GetServerInfoAsync());
        Assert.Null(error.StatusCode);
        Assert.StartsWith($"Qdrant at http://127.0.0.1:{port} is unreachable:", error.Message);
    }

    [Fact]
    public async Task Rejected_input_carries_qdrants_explanation()
    {
        await _client.CreateCollectionAsync("docs", 4);
        var error = await Assert.ThrowsAsync<QdrantException>(() => _client.QueryDenseAsync("docs", [1, 0, 0], 3));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("Vector dimension error: expected dim: 4, got 3", error.Message);
    }

    [Fact]
    public async Task The_fake_answers_broken_json_like_qdrant()
    {
        using var http = new HttpClient { BaseAddress = _fake.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Put, "collections/docs") { Content = new StringContent("{\"vectors\": ", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("api-key", Key);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("Format error in JSON body", body["status"]!["error"]!.GetValue<string>());
        Assert.False(await _client.CollectionExistsAsync("docs"));
    }

    [Fact]
    public async Task A_body_that_is_not_qdrant_json_is_a_clear_error()
    {
        await using var proxy = await LoopbackServer.StartAsync(endpoints =>
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(endpoints, "/", () => Microsoft.AspNetCore.Http.Results.Content("<html>proxy login</html>", "text/html")));
        await using var services = QdrantTestServices.Build(proxy.BaseAddress);
        var error = await Assert.ThrowsAsync<QdrantException>(() => services.GetRequiredService<QdrantClient>().GetServerInfoAsync());
        Assert.Contains("cannot read", error.Message);
    }

    private async Task SeedAsync(string name, int count)
    {
        await _client.CreateCollectionAsync(name, 4);
        var collection = new QdrantVectorStoreCollection(_client, name, 4);
        await collection.UpsertAsync(Enumerable.Range(0, count).Select(i =>
            Chunk($"c{i}", i % 2 == 0 ? "even.txt" : "odd.txt", $"chunk number {i}", [1, i / 10f, 0, 0])));
    }

    private static string Id(string chunkId) => ChunkVectorRecord.KeyFor(chunkId).ToString();

    private static ChunkVectorRecord Chunk(string chunkId, string source, string text, float[] vector) => new()
    {
        Key = ChunkVectorRecord.KeyFor(chunkId), ChunkId = chunkId, Source = source, Text = text, Embedding = vector,
    };

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
