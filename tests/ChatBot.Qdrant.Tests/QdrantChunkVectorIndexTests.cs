using ChatBot.Core.Search;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;
using Xunit;

namespace ChatBot.Qdrant.Tests;

/// <summary>Zero-downtime indexing through an alias, health and the start-up check, against the fake Qdrant over gRPC.</summary>
public sealed class QdrantChunkVectorIndexTests : IAsyncLifetime
{
    private const string Key = "index-test-key";
    private FakeQdrantServer _fake = null!;
    private ServiceProvider _services = null!;
    private QdrantChunkVectorIndex _index = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeQdrantServer.StartAsync(apiKey: Key);
        _services = QdrantTestServices.Build(_fake.Url, Key, new Dictionary<string, string?> { ["Qdrant:MaxRetries"] = "0" });
        _index = (QdrantChunkVectorIndex)_services.GetRequiredService<IChunkVectorIndex>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Builds_into_its_own_collection_and_serves_it_through_the_alias()
    {
        Assert.Empty(await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 3)); // nothing published: no error
        var progress = new List<IndexProgress>();

        await _index.BuildAsync("corpus-v1", Records("v1", 25), new SynchronousProgress(progress.Add));

        Assert.True(await _index.IsBuiltAsync("corpus-v1"));
        Assert.Equal("chatbot_corpus-v1", _fake.Aliases["chatbot"]);
        Assert.Equal(25, _fake.PointCount("chatbot"));
        Assert.Equal([10, 20, 25], progress.Select(p => p.Done));
        var upserts = _fake.Calls.Where(c => c.Method == "Points/Upsert").ToList();
        Assert.Equal([10, 10, 5], upserts.Select(u => u.Points));
        Assert.All(upserts, u => Assert.Equal((true, "chatbot_corpus-v1", true), (u.Wait!.Value, u.Collection, u.HadApiKey)));

        // A named cosine vector of the records' dimensions, and keyword indexes for what filters select on.
        var info = _fake.Store.Info("chatbot_corpus-v1");
        var dense = info.Config.Params.VectorsConfig.ParamsMap.Map[QdrantPayload.DenseVector];
        Assert.Equal((4ul, Distance.Cosine), (dense.Size, dense.Distance));
        Assert.Equal(PayloadSchemaType.Keyword, _fake.Store.PayloadIndexes("chatbot_corpus-v1")["source"]);
        Assert.Equal(PayloadSchemaType.Keyword, _fake.Store.PayloadIndexes("chatbot_corpus-v1")["kind"]);

        var hits = await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 3);
        Assert.Equal("v1#0", hits[0].ChunkId);
        Assert.Equal(1.0, hits[0].Score, 1e-5);
        Assert.Equal(Math.Sqrt(0.5), hits[1].Score, 1e-5);
        var query = _fake.Calls.Last(c => c.Method == "Points/Query");
        Assert.Equal("chatbot", query.Collection); // readers go through the alias

        var onlyOdd = await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 50, source: "odd.txt");
        Assert.Equal(12, onlyOdd.Count);
        Assert.All(onlyOdd, h => Assert.Equal(1, int.Parse(h.ChunkId.Split('#')[1]) % 2));
    }

    [Fact]
    public async Task Rebuilding_the_published_index_writes_nothing()
    {
        await _index.BuildAsync("corpus-v1", Records("v1", 5));
        var calls = _fake.Calls.Count(c => c.Method is "Points/Upsert" or "Collections/Create" or "Collections/UpdateAliases");
        await _index.BuildAsync("corpus-v1", Records("v1", 5));
        Assert.Equal(calls, _fake.Calls.Count(c => c.Method is "Points/Upsert" or "Collections/Create" or "Collections/UpdateAliases"));
    }

    [Fact]
    public async Task Reindexing_moves_the_alias_in_one_call_then_drops_the_old_collection()
    {
        await _index.BuildAsync("corpus-v1", Records("v1", 5));
        var before = _fake.Calls.Count;
        await _index.BuildAsync("corpus-v2", Records("v2", 7));

        Assert.Equal("chatbot_corpus-v2", _fake.Aliases["chatbot"]);
        Assert.Equal(["chatbot_corpus-v2"], _fake.CollectionNames);
        Assert.False(await _index.IsBuiltAsync("corpus-v1"));
        Assert.True(await _index.IsBuiltAsync("corpus-v2"));
        var build = _fake.Calls.Skip(before).Select(c => c.Method).ToList();
        Assert.Single(build, "Collections/UpdateAliases");
        // The old collection goes only after readers moved.
        Assert.True(build.IndexOf("Collections/UpdateAliases") < build.LastIndexOf("Collections/Delete"));
        Assert.True(build.LastIndexOf("Points/Upsert") < build.IndexOf("Collections/UpdateAliases"));
        Assert.StartsWith("v2#", (await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 1))[0].ChunkId);
    }

    [Fact]
    public async Task A_reindex_that_dies_midway_leaves_the_old_alias_serving_and_the_next_build_resumes()
    {
        await _index.BuildAsync("corpus-v1", Records("v1", 20));
        _fake.FailUpsertsAfter(2); // the 3rd batch of 10 fails

        var error = await Assert.ThrowsAsync<VectorStoreException>(() => _index.BuildAsync("corpus-v2", Records("v2", 50)));
        Assert.Equal($"Qdrant at {_fake.Url} failed Upsert: Internal: Service internal error: the fake's storage died mid-build", error.Message);

        Assert.Equal("chatbot_corpus-v1", _fake.Aliases["chatbot"]);
        Assert.True(await _index.IsBuiltAsync("corpus-v1"));
        Assert.StartsWith("v1#", (await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 1))[0].ChunkId);
        Assert.Equal(20, _fake.PointCount("chatbot"));
        Assert.Equal(20, _fake.PointCount("chatbot_corpus-v2")); // the half-built collection, never served

        // Once Qdrant is back, the same build resumes into that collection (same ids: overwrites) and completes.
        _fake.Recover();
        await _index.BuildAsync("corpus-v2", Records("v2", 50));
        Assert.Equal(50, _fake.PointCount("chatbot"));
        Assert.Equal(["chatbot_corpus-v2"], _fake.CollectionNames);
        Assert.Single(_fake.Calls, c => c is { Method: "Collections/Create", Collection: "chatbot_corpus-v2" });
    }

    [Fact]
    public async Task Two_processes_building_the_same_index_at_once_both_succeed()
    {
        await _index.BuildAsync("corpus-v1", Records("v1", 5));
        await using var other = QdrantTestServices.Build(_fake.Url, Key, new Dictionary<string, string?> { ["Qdrant:MaxRetries"] = "0" });
        var otherIndex = other.GetRequiredService<QdrantChunkVectorIndex>();

        var arrived = _fake.HoldUpsertsAfter(0);
        var first = _index.BuildAsync("corpus-v2", Records("v2", 30));
        await arrived; // the first writer has created the collection and is mid-write
        _fake.Recover();
        await Task.WhenAll(first, otherIndex.BuildAsync("corpus-v2", Records("v2", 30)));

        Assert.Equal("chatbot_corpus-v2", _fake.Aliases["chatbot"]);
        Assert.Equal(30, _fake.PointCount("chatbot"));
        Assert.Equal(["chatbot_corpus-v2"], _fake.CollectionNames);
    }

    [Fact]
    public async Task A_cancelled_build_never_moves_the_alias()
    {
        await _index.BuildAsync("corpus-v1", Records("v1", 5));
        var arrived = _fake.HoldUpsertsAfter(1);
        using var cancel = new CancellationTokenSource();
        var build = _index.BuildAsync("corpus-v2", Records("v2", 30), cancellationToken: cancel.Token);
        await arrived;
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => build);
        Assert.Equal("chatbot_corpus-v1", _fake.Aliases["chatbot"]);
        Assert.Equal(5, _fake.PointCount("chatbot"));
    }

    [Fact]
    public async Task Bad_input_is_rejected_clearly_and_changes_nothing()
    {
        await _index.BuildAsync("corpus-v1", Records("v1", 3));
        var query = await Assert.ThrowsAsync<ArgumentException>(() => _index.SearchAsync(new float[] { 1, 0, 0 }, 1));
        Assert.Contains("expected dim: 4, got 3", query.Message);

        var mixed = Records("v2", 3);
        mixed[2].Embedding = new float[] { 1, 0 };
        await Assert.ThrowsAsync<ArgumentException>(() => _index.BuildAsync("corpus-v2", mixed));
        await Assert.ThrowsAsync<ArgumentException>(() => _index.BuildAsync("corpus-v2", []));
        Assert.Equal(["chatbot_corpus-v1"], _fake.CollectionNames);
        Assert.True(await _index.IsBuiltAsync("corpus-v1"));
    }

    [Fact]
    public async Task A_real_collection_in_the_aliases_place_is_a_clear_error()
    {
        await new QdrantVectorStoreCollection(_services.GetRequiredService<QdrantConnection>(), "chatbot", 4).EnsureCollectionExistsAsync();
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => _index.BuildAsync("corpus-v1", Records("v1", 2)));
        Assert.Contains("has a collection named 'chatbot'", error.Message);
        Assert.Contains("Qdrant:Collection", error.Message);
        Assert.Equal(["chatbot"], _fake.CollectionNames);
    }

    [Fact]
    public async Task Health_names_the_version_and_the_published_collection()
    {
        var empty = await _index.CheckHealthAsync();
        Assert.True(empty.IsReady);
        Assert.Equal($"Qdrant 1.15.4 at {_fake.Url}: no index published yet (alias 'chatbot' is not set).", empty.Message);

        await _index.BuildAsync("corpus-v1", Records("v1", 4));
        var health = await _index.CheckHealthAsync();
        Assert.True(health.IsReady);
        Assert.Equal("chatbot_corpus-v1", health.PublishedIndex);
        Assert.Equal(4, health.Records);
        Assert.StartsWith($"Qdrant 1.15.4 at {_fake.Url}: alias 'chatbot' serves 'chatbot_corpus-v1' (4 points", health.Message);
    }

    [Fact]
    public async Task Health_refuses_a_server_too_old_for_the_query_api()
    {
        _fake.Version = "1.9.2";
        var health = await _index.CheckHealthAsync();
        Assert.False(health.IsReady);
        Assert.Equal($"Qdrant 1.9.2 at {_fake.Url} is too old; ChatBot needs Qdrant 1.10 or newer (Query API).", health.Message);
    }

    [Fact]
    public async Task Health_names_a_wrong_key_without_echoing_it()
    {
        await using var services = QdrantTestServices.Build(_fake.Url, "not-the-key", new Dictionary<string, string?> { ["Qdrant:MaxRetries"] = "0" });
        var health = await services.GetRequiredService<IChunkVectorIndex>().CheckHealthAsync();
        Assert.False(health.IsReady);
        Assert.Equal($"Qdrant at {_fake.Url} refused the api key (Invalid API key or JWT); set Qdrant:ApiKey to the server's key.", health.Message);
        Assert.DoesNotContain("not-the-key", health.Message);
    }

    [Fact]
    public async Task Health_names_an_unreachable_server()
    {
        var url = _fake.Url;
        await _fake.DisposeAsync();
        await using var services = QdrantTestServices.Build(url, Key, new Dictionary<string, string?> { ["Qdrant:MaxRetries"] = "0" });
        var health = await services.GetRequiredService<IChunkVectorIndex>().CheckHealthAsync();
        Assert.False(health.IsReady);
        Assert.StartsWith($"Qdrant at {url} is unreachable: ", health.Message);
        Assert.EndsWith("Check Qdrant:Url (gRPC, usually port 6334) and that Qdrant is running.", health.Message);
        Assert.DoesNotContain(Key, health.Message);
        Assert.DoesNotContain("\n", health.Message);
        _fake = await FakeQdrantServer.StartAsync(); // for DisposeAsync
    }

    [Fact]
    public async Task The_startup_check_stops_the_host_with_the_reason()
    {
        _fake.Version = "1.9.2";
        var check = _services.GetServices<IHostedService>().OfType<QdrantStartupCheck>().Single();
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => check.StartAsync(CancellationToken.None));
        Assert.Equal($"Qdrant 1.9.2 at {_fake.Url} is too old; ChatBot needs Qdrant 1.10 or newer (Query API).", error.Message);

        _fake.Version = "1.10.0";
        await check.StartAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("1.12.4", true)]
    [InlineData("v1.10.0", true)]
    [InlineData("1.13.0-dev", true)]
    [InlineData("1.9.7", false)]
    [InlineData("0.11.0", false)]
    public void Parses_server_versions(string text, bool queryApi)
    {
        Assert.True(QdrantChunkVectorIndex.TryParseVersion(text, out var version));
        Assert.Equal(queryApi, version >= QdrantChunkVectorIndex.MinimumVersion);
    }

    private static List<ChunkVectorRecord> Records(string prefix, int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new ChunkVectorRecord
        {
            Key = ChunkVectorRecord.KeyFor($"{prefix}#{i}"),
            ChunkId = $"{prefix}#{i}",
            Source = i % 2 == 0 ? "even.txt" : "odd.txt",
            Text = $"chunk number {i}",
            Embedding = new float[] { 1, i, 0, 0 },
        }),
    ];

    private sealed class SynchronousProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }
}
