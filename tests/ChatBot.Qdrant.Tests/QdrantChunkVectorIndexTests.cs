using ChatBot.Core.Search;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;
using Xunit;

namespace ChatBot.Qdrant.Tests;

/// <summary>The dense leg on Qdrant (searches through the alias or the version served), health and the start-up check, against the fake Qdrant over gRPC.</summary>
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
    public async Task Searches_go_through_the_alias_until_a_version_is_served_then_to_that_version()
    {
        Assert.Empty(await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 3)); // nothing published: no error
        await VersionAsync("chatbot_v1", "v1", 25);
        await VersionAsync("chatbot_v2", "v2", 7);
        await _services.GetRequiredService<QdrantConnection>().Client.CreateAliasAsync("chatbot", "chatbot_v1");

        var hits = await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 3);
        Assert.Equal("v1#0", hits[0].ChunkId);
        Assert.Equal(1.0, hits[0].Score, 1e-5);
        Assert.Equal(Math.Sqrt(0.5), hits[1].Score, 1e-5);
        Assert.Equal("chatbot", _fake.Calls.Last(c => c.Method == "Points/Query").Collection);

        // Once this instance serves a version, its dense searches go there: BM25 and vectors from one version,
        // even while the alias already names a newer one.
        _index.Serve("chatbot_v2");
        Assert.Equal("chatbot_v2", _index.Serving);
        Assert.StartsWith("v2#", (await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 1))[0].ChunkId);
        var query = _fake.Calls.Last(c => c.Method == "Points/Query");
        Assert.Equal(("chatbot_v2", true), (query.Collection, query.HadApiKey));

        var onlyOdd = await _index.SearchAsync(new float[] { 1, 0, 0, 0 }, 50, source: "odd.txt");
        Assert.Equal(3, onlyOdd.Count);
        Assert.All(onlyOdd, h => Assert.Equal(1, int.Parse(h.ChunkId.Split('#')[1]) % 2));
    }

    [Fact]
    public async Task Chunk_vectors_are_built_only_within_a_corpus_publication()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _index.BuildAsync("corpus-v1", Records("v1", 3)));
        Assert.Contains("only as part of a corpus version", error.Message);
        Assert.False(await _index.IsBuiltAsync("corpus-v1"));
        Assert.DoesNotContain(_fake.Calls, c => c.Method is "Points/Upsert" or "Collections/Create");

        _index.MarkComplete("corpus-v1", "chatbot_v1");
        Assert.True(await _index.IsBuiltAsync("corpus-v1"));
    }

    [Fact]
    public async Task Bad_input_is_rejected_clearly()
    {
        await VersionAsync("chatbot_v1", "v1", 3);
        _index.Serve("chatbot_v1");
        var query = await Assert.ThrowsAsync<ArgumentException>(() => _index.SearchAsync(new float[] { 1, 0, 0 }, 1));
        Assert.Contains("expected dim: 4, got 3", query.Message);

        var mixed = Records("v2", 3);
        mixed[2].Embedding = new float[] { 1, 0 };
        await Assert.ThrowsAsync<ArgumentException>(() => _index.BuildAsync("corpus-v2", mixed));
        await Assert.ThrowsAsync<ArgumentException>(() => _index.BuildAsync("corpus-v2", []));
    }

    [Fact]
    public async Task Health_names_the_version_and_the_published_collection()
    {
        var empty = await _index.CheckHealthAsync();
        Assert.True(empty.IsReady);
        Assert.Equal($"Qdrant 1.15.4 at {_fake.Url}: no corpus version published yet (alias 'chatbot' is not set).", empty.Message);

        await VersionAsync("chatbot_v1", "v1", 4);
        await _services.GetRequiredService<QdrantConnection>().Client.CreateAliasAsync("chatbot", "chatbot_v1");
        var health = await _index.CheckHealthAsync();
        Assert.True(health.IsReady);
        Assert.Equal("chatbot_v1", health.PublishedIndex);
        Assert.Equal(4, health.Records);
        Assert.StartsWith($"Qdrant 1.15.4 at {_fake.Url}: alias 'chatbot' names corpus version 'chatbot_v1' (4 points", health.Message);

        _index.Serve("chatbot_v0");
        Assert.EndsWith("; this instance still answers from 'chatbot_v0'.", (await _index.CheckHealthAsync()).Message);
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

    /// <summary>A collection holding chunk points, as a published version's chunks lie.</summary>
    private async Task VersionAsync(string name, string prefix, int count)
    {
        var collection = new QdrantVectorStoreCollection(_services.GetRequiredService<QdrantConnection>(), name, 4);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Records(prefix, count));
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
}
