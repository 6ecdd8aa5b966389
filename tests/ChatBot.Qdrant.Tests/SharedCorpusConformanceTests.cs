using ChatBot.Core.Search;
using ChatBot.Testing.VectorStoreConformance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatBot.Qdrant.Tests;

/// <summary>
/// The shared corpus's use of Qdrant, run against the fake and (with QDRANT_URL) a real server, so the
/// calls the fake answers are answered the same way by Qdrant: versions of vectorless and vector points
/// read back whole, the head token's rename as compare-and-swap, collections dropped after the grace period.
/// </summary>
public abstract class SharedCorpusConformanceTests : IAsyncLifetime
{
    protected SharedCorpusCluster Cluster { get; private set; } = null!;

    protected abstract Task<SharedCorpusCluster> StartAsync();

    public async Task InitializeAsync() => Cluster = await StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private static async Task<(string? Target, IReadOnlyList<string> Collections)> StateAsync(Replica replica, string alias)
    {
        var client = replica.Services.GetRequiredService<QdrantConnection>().Client;
        var target = (await client.ListAliasesAsync()).FirstOrDefault(a => a.AliasName == alias)?.CollectionName;
        var collections = (await client.ListCollectionsAsync()).Where(n => n.StartsWith(alias + "_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        return (target, collections);
    }

    [ConformanceFact]
    public async Task A_published_version_is_loaded_whole_by_another_instance()
    {
        var a = Cluster.Start("a");
        await a.Index.ReindexAsync();
        var b = Cluster.Start("b", seeded: false);

        var loaded = await b.Index.EnsureReadyAsync();

        var published = a.Index.Snapshot;
        Assert.Equal(published.Version, loaded.Version);
        Assert.Equal(published.Chunks, loaded.Chunks);
        Assert.Equal(published.Documents.Select(d => (d.Source, d.Metadata, d.Text, d.ContentHash, d.DuplicateOf)),
            loaded.Documents.Select(d => (d.Source, d.Metadata, d.Text, d.ContentHash, d.DuplicateOf)));
        Assert.Equal(published.Documents.Select(d => d.Layout.Blocks.Count), loaded.Documents.Select(d => d.Layout.Blocks.Count));
        var hits = await b.Vectors.SearchAsync(Testing.Fakes.FakeOpenAIEmbeddingsServer.VectorFor(published.Chunks[0].Text, 8), 1);
        Assert.Equal(published.Chunks[0].Id, hits[0].ChunkId);
    }

    [ConformanceFact]
    public async Task A_writer_that_loses_the_race_to_publish_builds_again_on_the_winners_version()
    {
        var a = Cluster.Start("a");
        await a.Index.ReindexAsync();
        var v1 = a.Index.Snapshot.Version;
        // B's build is interrupted (between reading the published version and publishing its own) by A publishing.
        var interrupted = 0;
        var b = Cluster.Start("b", seeded: false, configure: s => s.AddSingleton<IIndexLeg>(new InterruptingLeg(async () =>
        {
            if (Interlocked.Exchange(ref interrupted, 1) == 0) await a.AddAsync("x_first.txt", SharedCorpusCluster.Article("First", "the first writer"));
        })));
        await b.Index.EnsureReadyAsync();

        await b.AddAsync("y_second.txt", SharedCorpusCluster.Article("Second", "the second writer"));

        Assert.True(await a.Index.FollowPublishedAsync());
        Assert.Equal(b.Index.Snapshot.Version, a.Index.Snapshot.Version);
        Assert.Contains("x_first.txt", a.Sources);
        Assert.Contains("y_second.txt", a.Sources);
        var (target, collections) = await StateAsync(a, Cluster.Alias);
        Assert.Equal(b.Index.Snapshot.Version, target);
        // The empty one, the seed, A's and B's second attempt: B's first attempt was dropped.
        Assert.Equal(4, collections.Count);
        Assert.Contains(v1, collections);
    }

    [ConformanceFact]
    public async Task Superseded_versions_are_dropped_after_the_grace_period()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var a = Cluster.Start("a", settings: new Dictionary<string, string?> { ["Qdrant:RetainVersionsFor"] = "00:10:00" }, time: time);
        await a.Index.ReindexAsync();
        var v1 = a.Index.Snapshot.Version!;
        await a.AddAsync("m_one.txt", SharedCorpusCluster.Article("One", "the first addition"));
        var v2 = a.Index.Snapshot.Version!;
        time.Advance(TimeSpan.FromMinutes(11));
        await a.AddAsync("n_two.txt", SharedCorpusCluster.Article("Two", "the second addition"));

        var (target, collections) = await StateAsync(a, Cluster.Alias);
        Assert.Equal(a.Index.Snapshot.Version, target);
        Assert.DoesNotContain(v1, collections);
        Assert.Contains(v2, collections);
    }

    /// <summary>Runs <paramref name="interrupt"/> while a version is being built (not while one is loaded).</summary>
    private sealed class InterruptingLeg(Func<Task> interrupt) : IIndexLeg
    {
        public Task<bool> IsBuiltAsync(IndexSnapshot snapshot, CancellationToken cancellationToken) => Task.FromResult(snapshot.Version is not null);

        public async Task EnsureBuiltAsync(IndexSnapshot snapshot, bool force, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
        {
            if (snapshot.Version is null) await interrupt();
        }
    }
}

public sealed class FakeQdrantSharedCorpusConformanceTests : SharedCorpusConformanceTests
{
    protected override Task<SharedCorpusCluster> StartAsync() => SharedCorpusCluster.StartAsync();
}

/// <summary>The same against a real Qdrant (QDRANT_URL, e.g. http://localhost:6334; QDRANT_API_KEY optional); skipped otherwise.</summary>
[RequiresEnvironmentVariable("QDRANT_URL")]
public sealed class RealQdrantSharedCorpusConformanceTests : SharedCorpusConformanceTests
{
    protected override Task<SharedCorpusCluster> StartAsync() =>
        SharedCorpusCluster.StartAsync(Environment.GetEnvironmentVariable("QDRANT_URL")!, Environment.GetEnvironmentVariable("QDRANT_API_KEY"));
}
