using ChatBot.Core.Search.VectorStores;
using ChatBot.Testing.Fakes;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.VectorData;
using Xunit;

namespace ChatBot.Qdrant.Tests;

/// <summary>The transport: retries with backoff (on the fake clock), per-attempt timeouts, the api key, and the options' validation.</summary>
public sealed class QdrantConnectionTests : IAsyncLifetime
{
    private const string Key = "connection-key";
    private readonly TimerWatchingTimeProvider _time = new();
    private FakeQdrantServer _fake = null!;
    private ServiceProvider _services = null!;
    private QdrantVectorStoreCollection _collection = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeQdrantServer.StartAsync(apiKey: Key, time: _time);
        _services = QdrantTestServices.Build(_fake.Url, Key, time: _time);
        _collection = new QdrantVectorStoreCollection(_services.GetRequiredService<QdrantConnection>(), "docs", 4);
        await _collection.EnsureCollectionExistsAsync();
        _time.ForgetArmedTimers();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Rate_limited_calls_are_retried_after_the_servers_retry_after()
    {
        _fake.Fail(StatusCode.ResourceExhausted, "Points/Upsert", times: 2, retryAfter: TimeSpan.FromSeconds(3));

        await _time.RunAsync(_collection.UpsertAsync(Record("a")));

        var attempts = _fake.Calls.Where(c => c.Method == "Points/Upsert").ToList();
        Assert.Equal(new StatusCode?[] { StatusCode.ResourceExhausted, StatusCode.ResourceExhausted, StatusCode.OK }, attempts.Select(a => a.Status));
        // 3 s apart, as the server asked: more than the 0.5 s / 1 s exponential backoff would have waited.
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(3), $"{attempts[1].At - attempts[0].At}");
        Assert.True(attempts[2].At - attempts[1].At >= TimeSpan.FromSeconds(3), $"{attempts[2].At - attempts[1].At}");
        Assert.Equal(1, _fake.PointCount("docs"));
    }

    [Fact]
    public async Task Unavailable_is_retried_with_exponential_backoff_then_reported_in_one_line()
    {
        _fake.Fail(StatusCode.Unavailable, "Points/Query", times: 10);

        var error = await Assert.ThrowsAsync<VectorStoreException>(() =>
            _time.RunAsync(_collection.SearchChunkIdsAsync(new float[] { 1, 0, 0, 0 }, 3)));

        var attempts = _fake.Calls.Where(c => c.Method == "Points/Query").ToList();
        Assert.Equal(4, attempts.Count); // the first try and Qdrant:MaxRetries = 3 retries
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.All(gaps, g => Assert.InRange(g, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30))); // waited, never longer than the cap
        Assert.Equal($"Qdrant at {_fake.Url} is unreachable: Shard temporarily unavailable: the fake was told to fail. "
                     + "Check Qdrant:Url (gRPC, usually port 6334) and that Qdrant is running.", error.Message);
    }

    [Fact]
    public async Task Errors_that_retrying_cannot_fix_are_not_retried()
    {
        _fake.Fail(StatusCode.Internal, "Points/Count");
        await Assert.ThrowsAsync<VectorStoreException>(() => _collection.CountAsync());
        Assert.Single(_fake.Calls, c => c.Method == "Points/Count");

        await using var anonymous = QdrantTestServices.Build(_fake.Url, apiKey: null, time: _time);
        var unauthenticated = new QdrantVectorStoreCollection(anonymous.GetRequiredService<QdrantConnection>(), "docs", 4);
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => unauthenticated.CountAsync());
        Assert.Equal($"Qdrant at {_fake.Url} refused the api key (Must provide an API key or an Authorization bearer token); set Qdrant:ApiKey to the server's key.",
            error.Message);
        Assert.Equal(1, _fake.Calls.Count(c => c.Method == "Points/Count" && !c.HadApiKey));
    }

    [Fact]
    public async Task A_stuck_call_times_out_per_attempt_and_is_retried()
    {
        _ = _fake.HoldUpsertsAfter(0);
        var upsert = _collection.UpsertAsync(Record("slow"));
        // Each attempt times out only once it is stuck at the server.
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => _time.RunAsync(upsert, attempt => _fake.WhenCalls("Points/Upsert", attempt)));
        Assert.Equal($"Qdrant at {_fake.Url} did not answer Upsert within 10 s (Qdrant:Timeout).", error.Message);
        Assert.Equal(4, _fake.Calls.Count(c => c.Method == "Points/Upsert"));
        Assert.Equal(0, _fake.PointCount("docs"));
    }

    [Fact]
    public async Task The_caller_cancelling_is_not_retried()
    {
        var held = _fake.HoldUpsertsAfter(0);
        using var cancel = new CancellationTokenSource();
        var upsert = _collection.UpsertAsync([Record("c")], cancel.Token);
        await held;
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upsert);
        _fake.Recover();
        Assert.Equal(0, _fake.PointCount("docs"));
    }

    [Theory]
    [InlineData(null, "Qdrant:Url is required")]
    [InlineData("localhost:6334", "must be an absolute http or https URL")]
    [InlineData("ftp://qdrant.example", "must be an absolute http or https URL")]
    [InlineData("http://qdrant:6333", "names Qdrant's REST port 6333; ChatBot speaks gRPC, which Qdrant serves on port 6334")]
    [InlineData("http://qdrant:6334/api", "must be only scheme, host and port")]
    [InlineData("http://admin:secret@qdrant:6334", "must be only scheme, host and port")]
    public void Invalid_urls_fail_validation_clearly(string? url, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Qdrant:Url"] = url }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddQdrant().BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QdrantOptions>>().Value);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData("http://qdrant", "http://qdrant:6334/")]
    [InlineData("https://abc.cloud.example", "https://abc.cloud.example:6334/")]
    [InlineData("https://abc.cloud.example:443", "https://abc.cloud.example/")]
    [InlineData("http://127.0.0.1:7000/", "http://127.0.0.1:7000/")]
    public void The_endpoint_defaults_to_the_grpc_port(string url, string endpoint) =>
        Assert.Equal(endpoint, new QdrantOptions { Url = url }.GetEndpoint().ToString());

    [Fact]
    public void AddQdrant_replaces_the_embedded_store()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Qdrant:Url"] = _fake.Url,
            ["ChatBot:DataDir"] = Path.GetTempPath(),
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddEmbeddedVectorStore(configuration).AddQdrant();
        using var provider = services.BuildServiceProvider();
        Assert.IsType<QdrantChunkVectorIndex>(provider.GetRequiredService<IChunkVectorIndex>());
    }

    private static ChunkVectorRecord Record(string id) => new()
    {
        Key = ChunkVectorRecord.KeyFor(id), ChunkId = id, Source = "s.txt", Text = id, Embedding = new float[] { 1, 0, 0, 0 },
    };
}
