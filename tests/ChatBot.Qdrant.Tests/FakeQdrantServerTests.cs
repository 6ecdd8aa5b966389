using ChatBot.Testing.Fakes;
using Grpc.Core;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using Xunit;
using static Qdrant.Client.Grpc.Conditions;

namespace ChatBot.Qdrant.Tests;

/// <summary>
/// The fake answers as Qdrant documents, seen through the official client with no ChatBot code in
/// between: if the fake were lenient where Qdrant is strict, the other tests would prove nothing.
/// </summary>
public sealed class FakeQdrantServerTests : IAsyncLifetime
{
    private const string Key = "fake-test-key";
    private FakeQdrantServer _fake = null!;
    private QdrantClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeQdrantServer.StartAsync(apiKey: Key);
        _client = new QdrantClient(new Uri(_fake.Url), Key);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Missing_and_existing_collections_answer_NotFound_and_AlreadyExists()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => _client.GetCollectionInfoAsync("nope"));
        Assert.Equal((StatusCode.NotFound, "Not found: Collection `nope` doesn't exist!"), (missing.StatusCode, missing.Status.Detail));
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => _client.UpsertAsync("nope", [Point(1, [1, 0])]))).StatusCode);

        await CreateAsync("docs");
        var again = await Assert.ThrowsAsync<RpcException>(() => CreateAsync("docs"));
        Assert.Equal((StatusCode.AlreadyExists, "Wrong input: Collection `docs` already exists!"), (again.StatusCode, again.Status.Detail));
        // Deleting what is not there is "false", which the client reports as a failure of its own.
        await Assert.ThrowsAsync<global::Qdrant.Client.QdrantException>(() => _client.DeleteCollectionAsync("nope"));
    }

    [Fact]
    public async Task Every_call_but_the_health_check_needs_the_key()
    {
        using var anonymous = new QdrantClient(new Uri(_fake.Url));
        Assert.Equal("1.15.4", (await anonymous.HealthAsync()).Version);
        var error = await Assert.ThrowsAsync<RpcException>(() => anonymous.ListCollectionsAsync());
        Assert.Equal((StatusCode.Unauthenticated, "Must provide an API key or an Authorization bearer token"), (error.StatusCode, error.Status.Detail));
        using var wrong = new QdrantClient(new Uri(_fake.Url), "wrong");
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => wrong.ListAliasesAsync())).StatusCode);
    }

    [Fact]
    public async Task Aliases_change_in_order_and_resolve_for_reads()
    {
        await CreateAsync("v1");
        await CreateAsync("v2");
        await _client.UpsertAsync("v1", [Point(1, [1, 0])]);
        await _client.UpsertAsync("v2", [Point(2, [0, 1]), Point(3, [1, 1])]);
        await _client.CreateAliasAsync("live", "v1");
        Assert.Equal(1ul, await _client.CountAsync("live"));
        Assert.True(await _client.CollectionExistsAsync("live")); // an alias counts, as in Qdrant

        // As in Qdrant, the actions run in order and stop at the first failure: a rename of a missing alias
        // first changes nothing (what publishing relies on)...
        var failed = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateAliasesAsync(
        [
            new AliasOperations { RenameAlias = new RenameAlias { OldAliasName = "gone", NewAliasName = "token" } },
            new AliasOperations { CreateAlias = new CreateAlias { AliasName = "live", CollectionName = "v2" } },
        ]));
        Assert.Equal((StatusCode.NotFound, "Not found: Alias gone does not exists!"), (failed.StatusCode, failed.Status.Detail));
        Assert.Equal("v1", _fake.Aliases["live"]);
        Assert.False(_fake.Aliases.ContainsKey("token"));
        // ...while the actions before a failing one stay done.
        failed = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateAliasesAsync(
        [
            new AliasOperations { CreateAlias = new CreateAlias { AliasName = "spare", CollectionName = "v1" } },
            new AliasOperations { CreateAlias = new CreateAlias { AliasName = "live", CollectionName = "missing" } },
        ]));
        Assert.Equal(StatusCode.NotFound, failed.StatusCode);
        Assert.Equal(("v1", "v1"), (_fake.Aliases["live"], _fake.Aliases["spare"]));
        await _client.DeleteAliasAsync("spare");

        await _client.UpdateAliasesAsync(
        [
            new AliasOperations { DeleteAlias = new DeleteAlias { AliasName = "live" } },
            new AliasOperations { CreateAlias = new CreateAlias { AliasName = "live", CollectionName = "v2" } },
        ]);
        Assert.Equal(2ul, await _client.CountAsync("live"));
        Assert.Equal(2, (await _client.ScrollAsync("live")).Result.Count);
        var hit = Assert.Single(await _client.QueryAsync("live", new float[] { 0, 1 }, usingVector: "dense", limit: 1));
        Assert.Equal(2ul, hit.Id.Num);

        await _client.RenameAliasAsync("live", "current");
        Assert.Equal(["current"], await _client.ListCollectionAliasesAsync("v2"));
        await _client.DeleteCollectionAsync("v2"); // takes its aliases with it
        Assert.Empty(await _client.ListAliasesAsync());
        var alias = await Assert.ThrowsAsync<RpcException>(() => _client.CreateAliasAsync("v1", "v1"));
        Assert.Equal(StatusCode.InvalidArgument, alias.StatusCode); // an alias may not shadow a collection
    }

    [Fact]
    public async Task Cosine_scores_filters_and_vector_checks()
    {
        await CreateAsync("docs");
        await _client.UpsertAsync("docs",
        [
            Point(1, [3, 4], ("source", "a.txt")),
            Point(2, [1, 0], ("source", "b.txt")),
            Point(3, [-1, 0], ("source", "a.txt")),
        ]);
        var hits = await _client.QueryAsync("docs", new float[] { 1, 0 }, usingVector: "dense", limit: 10);
        Assert.Equal([2ul, 1ul, 3ul], hits.Select(h => h.Id.Num));
        Assert.Equal([1f, 0.6f, -1f], hits.Select(h => MathF.Round(h.Score, 5)));

        var onlyA = await _client.QueryAsync("docs", new float[] { 1, 0 }, usingVector: "dense", filter: MatchKeyword("source", "a.txt"), limit: 10);
        Assert.Equal([1ul, 3ul], onlyA.Select(h => h.Id.Num));
        Assert.Equal(1ul, await _client.CountAsync("docs", !MatchKeyword("source", "a.txt")));
        var near = await _client.QueryAsync("docs", new float[] { 1, 0 }, usingVector: "dense", scoreThreshold: 0.5f, limit: 10);
        Assert.Equal(2, near.Count);

        var dims = await Assert.ThrowsAsync<RpcException>(() => _client.UpsertAsync("docs", [Point(4, [1, 0, 0])]));
        Assert.Equal((StatusCode.InvalidArgument, "Wrong input: Vector dimension error: expected dim: 2, got 3"), (dims.StatusCode, dims.Status.Detail));
        var name = await Assert.ThrowsAsync<RpcException>(() => _client.QueryAsync("docs", new float[] { 1, 0 }, usingVector: "sparse"));
        Assert.Equal("Wrong input: Not existing vector name error: sparse", name.Status.Detail);
        Assert.Equal(3ul, await _client.CountAsync("docs")); // the rejected upsert wrote nothing
    }

    [Fact]
    public async Task Unwaited_writes_are_acknowledged_before_they_are_applied()
    {
        await CreateAsync("docs");
        var result = await _client.UpsertAsync("docs", [Point(1, [1, 0])], wait: false);
        Assert.Equal(UpdateStatus.Acknowledged, result.Status);
        Assert.Equal(0ul, await _client.CountAsync("docs"));
        Assert.Equal(1, _fake.ApplyPendingWrites());
        Assert.Equal(1ul, await _client.CountAsync("docs"));
        Assert.Equal(UpdateStatus.Completed, (await _client.UpsertAsync("docs", [Point(2, [1, 0])])).Status);
    }

    [Fact]
    public async Task Methods_it_does_not_serve_answer_Unimplemented()
    {
        await CreateAsync("docs");
        // The deprecated Search endpoint: ChatBot uses the Query API only.
#pragma warning disable CS0618 // deliberately the obsolete call
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SearchAsync("docs", new float[] { 1, 0 }, vectorName: "dense"));
#pragma warning restore CS0618
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Injected_rate_limits_carry_retry_after()
    {
        _fake.Fail(StatusCode.ResourceExhausted, "Collections/List", retryAfter: TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.ListCollectionsAsync());
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("2", error.Trailers.GetValue("retry-after"));
        Assert.Empty(await _client.ListCollectionsAsync()); // one failure only
    }

    private Task CreateAsync(string name) =>
        _client.CreateCollectionAsync(name, new VectorParamsMap { Map = { ["dense"] = new VectorParams { Size = 2, Distance = Distance.Cosine } } });

    private static PointStruct Point(ulong id, float[] vector, params (string Key, string Value)[] payload)
    {
        var point = new PointStruct { Id = id, Vectors = new Dictionary<string, float[]> { ["dense"] = vector } };
        foreach (var (key, value) in payload) point.Payload[key] = value;
        return point;
    }
}
