using Xunit;
using ChatBot.Core.Search;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.VectorStores;

public sealed class EmbeddedChunkVectorIndexTests : IDisposable
{
    private readonly string _directory = RepoPaths.NewTempDir("chatbot-vectors");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Builds_publishes_and_searches()
    {
        using var index = new EmbeddedChunkVectorIndex(_directory);
        Assert.Empty(await index.SearchAsync(new float[] { 1, 0, 0 }, 5));
        Assert.False(await index.IsBuiltAsync("corpus-1"));

        var progress = new List<IndexProgress>();
        await index.BuildAsync("corpus-1", Records(("a#0", "a.txt", [1, 0, 0]), ("a#1", "a.txt", [1, 1, 0]), ("b#0", "b.txt", [0, 0, 1])),
            new SynchronousProgress(progress.Add));

        Assert.True(await index.IsBuiltAsync("corpus-1"));
        Assert.Equal(new IndexProgress("Storing vectors", 3, 3), progress[^1]);
        var hits = await index.SearchAsync(new float[] { 1, 0, 0 }, 2);
        Assert.Equal(["a#0", "a#1"], hits.Select(h => h.ChunkId));
        Assert.Equal(1.0, hits[0].Score, 1e-5);
        Assert.Equal(Math.Sqrt(0.5), hits[1].Score, 1e-5);

        var onlyB = await index.SearchAsync(new float[] { 1, 0, 0 }, 5, source: "b.txt");
        Assert.Equal("b#0", Assert.Single(onlyB).ChunkId);
    }

    [Fact]
    public async Task Building_the_published_index_again_writes_nothing()
    {
        using var index = new EmbeddedChunkVectorIndex(_directory);
        var records = Records(("a", "a.txt", [1, 0]));
        await index.BuildAsync("same", records);
        var files = Directory.GetFiles(_directory).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        await index.BuildAsync("same", records);

        Assert.Equal(files, Directory.GetFiles(_directory).ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    [Fact]
    public async Task A_new_index_replaces_the_old_one_and_its_file()
    {
        using var index = new EmbeddedChunkVectorIndex(_directory);
        await index.BuildAsync("v1", Records(("old", "a.txt", [1, 0])));
        await index.BuildAsync("v2", Records(("new", "a.txt", [1, 0])));

        Assert.False(await index.IsBuiltAsync("v1"));
        Assert.True(await index.IsBuiltAsync("v2"));
        Assert.Equal("new", (await index.SearchAsync(new float[] { 1, 0 }, 1))[0].ChunkId);
        Assert.Equal(2, Directory.GetFiles(_directory).Length); // current.json + one index file
    }

    [Fact]
    public async Task A_build_that_dies_midway_leaves_the_previous_index_serving()
    {
        using var index = new EmbeddedChunkVectorIndex(_directory);
        await index.BuildAsync("v1", Records(("old", "a.txt", [1, 0, 0, 0])));

        using var cancel = new CancellationTokenSource();
        var many = Enumerable.Range(0, 5000).Select(i => Record($"n{i}", "b.txt", [1, i, 0, 0])).ToList();
        // Cancel as soon as the build reports its first progress: mid-way through the records.
        var progress = new SynchronousProgress(p =>
        {
            if (p.Done < p.Total) cancel.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.BuildAsync("v2", many, progress, cancel.Token));

        Assert.True(await index.IsBuiltAsync("v1"));
        Assert.False(await index.IsBuiltAsync("v2"));
        Assert.Equal("old", (await index.SearchAsync(new float[] { 1, 0, 0, 0 }, 1))[0].ChunkId);
        using var fresh = new EmbeddedChunkVectorIndex(_directory); // a restarted process too
        Assert.True(await fresh.IsBuiltAsync("v1"));
        Assert.Equal("old", (await fresh.SearchAsync(new float[] { 1, 0, 0, 0 }, 1))[0].ChunkId);
    }

    [Fact]
    public async Task A_publish_by_another_process_is_picked_up()
    {
        using var server = new EmbeddedChunkVectorIndex(_directory);
        using var cli = new EmbeddedChunkVectorIndex(_directory);
        await cli.BuildAsync("v1", Records(("one", "a.txt", [1, 0])));
        // Published a minute ago: the next publish has a later timestamp on any file system, without waiting.
        File.SetLastWriteTimeUtc(Path.Combine(_directory, EmbeddedChunkVectorIndex.PointerFileName), DateTime.UtcNow.AddMinutes(-1));
        Assert.Equal("one", (await server.SearchAsync(new float[] { 1, 0 }, 1))[0].ChunkId);

        await cli.BuildAsync("v2", Records(("two", "a.txt", [1, 0])));
        Assert.Equal("two", (await server.SearchAsync(new float[] { 1, 0 }, 1))[0].ChunkId);
        Assert.True(await server.IsBuiltAsync("v2"));
    }

    [Fact]
    public async Task Index_names_with_any_characters_are_stored_safely()
    {
        using var index = new EmbeddedChunkVectorIndex(_directory);
        await index.BuildAsync("3f9a..c1/text-embedding-3-small:1536", Records(("a", "a.txt", [1, 0])));
        Assert.True(await index.IsBuiltAsync("3f9a..c1/text-embedding-3-small:1536"));
        Assert.All(Directory.GetFiles(_directory), f => Assert.Equal(_directory, Path.GetDirectoryName(f)));
    }

    [Fact]
    public async Task Rejects_bad_input_clearly()
    {
        using var index = new EmbeddedChunkVectorIndex(_directory);
        await Assert.ThrowsAsync<ArgumentException>(() => index.BuildAsync("v", []));
        var mixed = await Assert.ThrowsAsync<ArgumentException>(() => index.BuildAsync("v", Records(("a", "a.txt", [1, 0]), ("b", "a.txt", [1, 0, 0]))));
        Assert.Contains("3 dimensions", mixed.Message);

        await index.BuildAsync("v", Records(("a", "a.txt", [1, 0])));
        var query = await Assert.ThrowsAsync<ArgumentException>(() => index.SearchAsync(new float[] { 1, 0, 0 }, 1));
        Assert.Contains("expects 2", query.Message);
    }

    [Fact]
    public async Task Keys_default_to_the_chunk_id_uuid_and_duplicates_are_rejected()
    {
        using var index = new EmbeddedChunkVectorIndex(_directory);
        var unkeyed = new ChunkVectorRecord { ChunkId = "a#0", Source = "a.txt", Embedding = new float[] { 1, 0 } };
        await index.BuildAsync("v1", [unkeyed]);
        Assert.Equal(Guid.Empty, unkeyed.Key); // the caller's record is left as it was
        Assert.Equal("a#0", (await index.SearchAsync(new float[] { 1, 0 }, 1))[0].ChunkId);

        var twice = await Assert.ThrowsAsync<ArgumentException>(() => index.BuildAsync("v2", Records(("b", "a.txt", [1, 0]), ("b", "a.txt", [0, 1]))));
        Assert.Contains("'b'", twice.Message);
        Assert.Contains("twice", twice.Message);
        Assert.True(await index.IsBuiltAsync("v1"));
    }

    [Fact]
    public async Task Health_reports_what_is_served()
    {
        using var index = new EmbeddedChunkVectorIndex(_directory);
        var empty = await index.CheckHealthAsync();
        Assert.True(empty.IsReady);
        Assert.Contains("no index published", empty.Message);

        await index.BuildAsync("v1", Records(("a", "a.txt", [1, 0]), ("b", "a.txt", [0, 1])));
        var health = await index.CheckHealthAsync();
        Assert.True(health.IsReady);
        Assert.Equal("v1", health.PublishedIndex);
        Assert.Equal(2, health.Records);
        Assert.Equal("embedded", health.Provider);

        // The published file vanishing is reported, not thrown.
        foreach (var file in Directory.GetFiles(_directory, "*.cbvec")) File.WriteAllText(file, "garbage");
        using var restarted = new EmbeddedChunkVectorIndex(_directory);
        var broken = await restarted.CheckHealthAsync();
        Assert.False(broken.IsReady);
        Assert.Contains("not usable", broken.Message);
    }

    [Fact]
    public async Task AddEmbeddedVectorStore_puts_files_under_the_data_dir()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ChatBot:DataDir"] = _directory }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddEmbeddedVectorStore(configuration);
        await using var provider = services.BuildServiceProvider();

        var index = provider.GetRequiredService<IChunkVectorIndex>();
        await index.BuildAsync("v1", Records(("a", "a.txt", [1, 0])));

        Assert.Equal("embedded", index.Provider);
        Assert.True(File.Exists(Path.Combine(_directory, "vectors", EmbeddedChunkVectorIndex.PointerFileName)));
    }

    private static List<ChunkVectorRecord> Records(params (string ChunkId, string Source, float[] Vector)[] items) =>
        [.. items.Select(i => Record(i.ChunkId, i.Source, i.Vector))];

    private static ChunkVectorRecord Record(string chunkId, string source, float[] vector) => new()
    {
        Key = ChunkVectorRecord.KeyFor(chunkId),
        ChunkId = chunkId,
        Source = source,
        Text = chunkId,
        Embedding = vector,
    };

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the callback inline.</summary>
    private sealed class SynchronousProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }
}
