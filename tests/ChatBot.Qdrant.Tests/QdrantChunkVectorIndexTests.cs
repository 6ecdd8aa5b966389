using System.Net;
using ChatBot.Core.Search;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatBot.Qdrant.Tests;

/// <summary>Zero-downtime indexing through an alias, health and wiring, against the fake Qdrant.</summary>
public sealed class QdrantChunkVectorIndexTests : IAsyncLifetime
{
    private FakeQdrantServer _fake = null!;
    private ServiceProvider _services = null!;
    private QdrantChunkVectorIndex _index = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeQdrantServer.StartAsync();
        _services = QdrantTestServices.Build(_fake.BaseAddress);
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
        Assert.Empty(await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 3));
        var progress = new List<IndexProgress>();

        await _index.BuildAsync("corpus-v1", Records("v1", 25), new SynchronousProgress(progress.Add));

        Assert.True(await _index.IsBuiltAsync("corpus-v1"));
        Assert.Equal("chatbot_corpus-v1", _fake.Aliases["chatbot"]);
        Assert.Equal(25, _fake.PointCount("chatbot"));
        Assert.Equal([10, 20, 25], progress.Select(p => p.Done));
        Assert.Equal(3, _fake.Requests.Count(r => r is { Method: "PUT", Path: "/collections/chatbot_corpus-v1/points" }));
        Assert.Contains(_fake.Requests, r => r is { Method: "PUT", Path: "/collections/chatbot_corpus-v1/index" });

        var hits = await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 3);
        Assert.Equal("v1#0", hits[0].ChunkId);
        Assert.Equal(1.0, hits[0].Score, 1e-5);
        var query = _fake.Requests.Last(r => r.Path.EndsWith("/points/query", StringComparison.Ordinal));
        Assert.Equal("/collections/chatbot/points/query", query.Path); // readers go through the alias

        var onlyOdd = await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 50, source: "odd.txt");
        Assert.Equal(12, onlyOdd.Count);
        Assert.All(onlyOdd, h => Assert.Equal(1, int.Parse(h.ChunkId.Split('#')[1]) % 2));
    }

    [Fact]
    public async Task Rebuilding_the_published_index_writes_nothing()
    {
        await _index.BuildAsync("corpus-v1", Records("v1", 5));
        var upserts = _fake.SuccessfulUpserts;
        await _index.BuildAsync("corpus-v1", Records("v1", 5));
        Assert.Equal(upserts, _fake.SuccessfulUpserts);
    }

    [Fact]
    public async Task Reindexing_switches_the_alias_in_one_call_and_drops_the_old_collection()
    {
        await _index.BuildAsync("corpus-v1", Records("v1", 5));
        await _index.BuildAsync("corpus-v2", Records("v2", 7));

        Assert.Equal("chatbot_corpus-v2", _fake.Aliases["chatbot"]);
        Assert.Equal(["chatbot_corpus-v2"], _fake.CollectionNames);
        Assert.False(await _index.IsBuiltAsync("corpus-v1"));
        Assert.True(await _index.IsBuiltAsync("corpus-v2"));
        var lastSwitch = _fake.Requests.Last(r => r.Path == "/collections/aliases").Json!["actions"]!.AsArray();
        Assert.Equal(2, lastSwitch.Count);
        Assert.NotNull(lastSwitch[0]!["delete_alias"]);
        Assert.Equal("chatbot_corpus-v2", lastSwitch[1]!["create_alias"]!["collection_name"]!.GetValue<string>());
        Assert.StartsWith("v2#", (await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 1))[0].ChunkId);
    }

    [Fact]
    public async Task A_reindex_killed_halfway_leaves_the_old_alias_serving()
    {
        await _index.BuildAsync("corpus-v1", Records("v1", 20));
        _fake.CrashAfterUpserts(2); // the 3rd batch of 10 fails, even after retries

        var error = await Assert.ThrowsAsync<QdrantException>(() => _index.BuildAsync("corpus-v2", Records("v2", 50)));
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);

        Assert.Equal("chatbot_corpus-v1", _fake.Aliases["chatbot"]);
        Assert.True(await _index.IsBuiltAsync("corpus-v1"));
        Assert.False(await _index.IsBuiltAsync("corpus-v2"));
        Assert.StartsWith("v1#", (await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 1))[0].ChunkId);
        Assert.Equal(20, _fake.PointCount("chatbot"));

        // Once Qdrant is back, the same build starts over from scratch and completes.
        _fake.Recover();
        await _index.BuildAsync("corpus-v2", Records("v2", 50));
        Assert.Equal(50, _fake.PointCount("chatbot"));
        Assert.Equal(["chatbot_corpus-v2"], _fake.CollectionNames);
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
        await _services.GetRequiredService<QdrantClient>().CreateCollectionAsync("chatbot", 4);
        var error = await Assert.ThrowsAsync<QdrantException>(() => _index.BuildAsync("corpus-v1", Records("v1", 2)));
        Assert.Contains("collection named 'chatbot'", error.Message);
        Assert.Contains("Qdrant:Collection", error.Message);
    }

    [Fact]
    public async Task Hybrid_search_through_the_alias()
    {
        await _index.BuildAsync("corpus-v1", Records("v1", 6));
        var hits = await _index.HybridSearchAsync(new float[] { 1, 0, 0, 0 }, "chunk number 5", top: 3);
        Assert.Equal(3, hits.Count);
        Assert.Contains(hits, h => h.ChunkId == "v1#5");
    }

    [Fact]
    public async Task Health_reports_version_and_the_published_collection()
    {
        var empty = await _index.CheckHealthAsync();
        Assert.True(empty.IsReady);
        Assert.Contains("no index published", empty.Message);

        await _index.BuildAsync("corpus-v1", Records("v1", 4));
        var health = await _index.CheckHealthAsync();
        Assert.True(health.IsReady);
        Assert.Equal("chatbot_corpus-v1", health.PublishedIndex);
        Assert.Equal(4, health.Records);
        Assert.Contains("Qdrant 1.12.4", health.Message);
    }

    [Fact]
    public async Task Health_detects_a_server_too_old_for_the_query_api()
    {
        _fake.Version = "1.9.2";
        var health = await _index.CheckHealthAsync();
        Assert.False(health.IsReady);
        Assert.Equal("Qdrant 1.9.2 is too old; ChatBot needs ≥ 1.10 for the query API.", health.Message);
    }

    [Fact]
    public async Task Health_names_an_unreachable_server()
    {
        var url = _fake.BaseAddress.GetLeftPart(UriPartial.Authority);
        await _fake.DisposeAsync();
        await using var services = QdrantTestServices.Build(new Uri(url), overrides: new Dictionary<string, string?> { ["Qdrant:MaxRetries"] = "0" });
        var health = await services.GetRequiredService<IChunkVectorIndex>().CheckHealthAsync();
        Assert.False(health.IsReady);
        Assert.StartsWith($"Qdrant at {url} is unreachable: ", health.Message);
        _fake = await FakeQdrantServer.StartAsync(); // for DisposeAsync
    }

    [Fact]
    public async Task The_startup_check_stops_the_host_with_the_reason()
    {
        _fake.Version = "1.9.2";
        var check = _services.GetServices<IHostedService>().OfType<QdrantStartupCheck>().Single();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => check.StartAsync(CancellationToken.None));
        Assert.Equal("Qdrant 1.9.2 is too old; ChatBot needs ≥ 1.10 for the query API.", error.Message);

        _fake.Version = "1.10.0";
        await check.StartAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(null, "Qdrant:Url is required")]
    [InlineData("localhost:6333", "must be an absolute http or https URL")]
    [InlineData("ftp://qdrant.example", "must be an absolute http or https URL")]
    public void Invalid_urls_fail_validation_clearly(string? url, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VectorStore:Provider"] = "Qdrant",
            ["Qdrant:Url"] = url,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddQdrantVectorStore(configuration);
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QdrantOptions>>().Value);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(null, "http://localhost:6333", typeof(QdrantChunkVectorIndex))]
    [InlineData(null, null, typeof(EmbeddedChunkVectorIndex))]
    [InlineData("Embedded", "http://localhost:6333", typeof(EmbeddedChunkVectorIndex))]
    [InlineData("Qdrant", "http://localhost:6333", typeof(QdrantChunkVectorIndex))]
    public void AddChatBotVectorStore_follows_the_configuration(string? provider, string? url, Type expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VectorStore:Provider"] = provider,
            ["Qdrant:Url"] = url,
            ["ChatBot:DataDir"] = Path.GetTempPath(),
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddChatBotVectorStore(configuration);
        using var built = services.BuildServiceProvider();
        Assert.IsType(expected, built.GetRequiredService<IChunkVectorIndex>());
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
