using Xunit;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Testing;
using Microsoft.Extensions.VectorData;

namespace ChatBot.Core.Tests.VectorStores;

/// <summary>What the embedded store adds beyond the conformance suite: its file, its safety, its laziness.</summary>
public sealed class EmbeddedVectorStoreCollectionTests : IDisposable
{
    private readonly string _directory = RepoPaths.NewTempDir("chatbot-vectors");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Writes_one_file_and_leaves_no_temp_files()
    {
        using var collection = new EmbeddedVectorStoreCollection(_directory, "chunks", 4);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([Record("a", [1, 0, 0, 0]), Record("b", [0, 1, 0, 0])]);
        await collection.DeleteAsync(ChunkVectorRecord.KeyFor("a"));

        Assert.Equal(["chunks.cbvec"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Loads_lazily_and_sees_a_file_written_before_first_use()
    {
        using var reader = new EmbeddedVectorStoreCollection(_directory, "chunks", 4); // nothing read yet
        using (var writer = new EmbeddedVectorStoreCollection(_directory, "chunks", 4))
        {
            await writer.EnsureCollectionExistsAsync();
            await writer.UpsertAsync(Record("a", [1, 0, 0, 0]));
        }
        Assert.Equal(1, reader.Count);
        Assert.Equal("a", reader.SearchChunkIds([1, 0, 0, 0], 1)[0].ChunkId);
    }

    [Fact]
    public async Task A_truncated_file_is_reported_not_half_read()
    {
        using (var writer = new EmbeddedVectorStoreCollection(_directory, "chunks", 4))
        {
            await writer.EnsureCollectionExistsAsync();
            await writer.UpsertAsync([Record("a", [1, 0, 0, 0]), Record("b", [0, 1, 0, 0])]);
        }
        var path = Path.Combine(_directory, "chunks.cbvec");
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..^12]);

        using var reader = new EmbeddedVectorStoreCollection(_directory, "chunks", 4);
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => reader.GetAsync(ChunkVectorRecord.KeyFor("a")));
        Assert.Contains("unreadable", error.Message);
        Assert.Contains("re-index", error.Message);
    }

    [Fact]
    public async Task Opening_with_other_dimensions_than_on_disk_is_a_clear_error()
    {
        using (var writer = new EmbeddedVectorStoreCollection(_directory, "chunks", 4))
        {
            await writer.EnsureCollectionExistsAsync();
        }
        using var wrong = new EmbeddedVectorStoreCollection(_directory, "chunks", 1536);
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => wrong.CollectionExistsAsync());
        Assert.Contains("has 4 dimensions but 1536 were configured", error.Message);
    }

    [Fact]
    public void Dimensions_can_come_from_a_collection_definition()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(ChunkVectorRecord.Key), typeof(Guid)),
                new VectorStoreDataProperty(nameof(ChunkVectorRecord.ChunkId), typeof(string)),
                new VectorStoreVectorProperty(nameof(ChunkVectorRecord.Embedding), typeof(ReadOnlyMemory<float>), 1536),
            ],
        };
        using var collection = new EmbeddedVectorStoreCollection(_directory, "openai", definition);
        Assert.Equal(1536, collection.Dimensions);

        definition.Properties[2] = new VectorStoreVectorProperty(nameof(ChunkVectorRecord.Embedding), typeof(ReadOnlyMemory<float>), 8)
        {
            DistanceFunction = DistanceFunction.EuclideanDistance,
        };
        Assert.Throws<NotSupportedException>(() => new EmbeddedVectorStoreCollection(_directory, "euclid", definition));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Rejects_collection_names_that_are_not_plain_file_names(string name) =>
        Assert.Throws<ArgumentException>(() => new EmbeddedVectorStoreCollection(_directory, name, 4));

    [Theory]
    [InlineData(3000, 16)]   // one scan
    [InlineData(4200, 512)]  // over 2M floats: scanned in parallel slices, then merged
    public async Task Search_over_many_rows_matches_a_brute_force_reference(int rows, int dimensions)
    {
        var random = new Random(42);
        var records = Enumerable.Range(0, rows)
            .Select(i => Record($"r{i}", [.. Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1))], i % 3 == 0 ? "s0" : "s1"))
            .ToList();
        using var collection = new EmbeddedVectorStoreCollection(_directory, "many", dimensions);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(records);
        // Delete some rows so the swap-remove path is exercised too.
        await collection.DeleteAsync(records.Take(100).Select(r => r.Key));
        var remaining = records.Skip(100).ToList();

        var query = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var expected = remaining.Where(r => r.Source == "s0")
            .Select(r => (r.ChunkId, Score: Cosine(query, r.Embedding.Span)))
            .OrderByDescending(x => x.Score).Take(25).ToList();

        var actual = collection.SearchChunkIds(query, 25, new FieldEqualsFilter(RecordField.Source, "s0"));

        Assert.Equal(expected.Select(e => e.ChunkId), actual.Select(a => a.ChunkId));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 1e-5));

        var unfiltered = collection.SearchChunkIds(query, 10);
        Assert.Equal(remaining.Select(r => (r.ChunkId, Score: Cosine(query, r.Embedding.Span))).OrderByDescending(x => x.Score).Take(10).Select(x => x.ChunkId),
            unfiltered.Select(a => a.ChunkId));
    }

    [Fact]
    public async Task Reads_back_after_deletes_and_reopen_without_mixing_rows()
    {
        using (var writer = new EmbeddedVectorStoreCollection(_directory, "rows", 4))
        {
            await writer.EnsureCollectionExistsAsync();
            await writer.UpsertAsync([Record("a", [1, 0, 0, 0]), Record("b", [0, 1, 0, 0]), Record("c", [0, 0, 1, 0])]);
            await writer.DeleteAsync(ChunkVectorRecord.KeyFor("a")); // "c" moves into row 0
        }
        using var reader = new EmbeddedVectorStoreCollection(_directory, "rows", 4);
        var c = await reader.GetAsync(ChunkVectorRecord.KeyFor("c"), new RecordRetrievalOptions { IncludeVectors = true });
        Assert.Equal([0f, 0, 1, 0], c!.Embedding.ToArray());
        Assert.Equal("c", reader.SearchChunkIds([0, 0, 1, 0], 1)[0].ChunkId);
    }

    [Fact]
    public async Task Searches_run_safely_while_records_are_written()
    {
        using var collection = new EmbeddedVectorStoreCollection(_directory, "busy", 4);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Record("anchor", [1, 0, 0, 0]));

        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++) await collection.UpsertAsync(Record($"w{i}", [0, 1, i, 0]));
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                Assert.Equal("anchor", collection.SearchChunkIds([1, 0, 0, 0], 1)[0].ChunkId);
            }
        }));
        await Task.WhenAll(readers.Append(writer));

        Assert.Equal(101, collection.Count);
        using var reopened = new EmbeddedVectorStoreCollection(_directory, "busy", 4);
        Assert.Equal(101, reopened.Count);
    }

    private static double Cosine(float[] a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    private static ChunkVectorRecord Record(string chunkId, float[] vector, string source = "s.txt") => new()
    {
        Key = ChunkVectorRecord.KeyFor(chunkId),
        ChunkId = chunkId,
        Source = source,
        Text = "text of " + chunkId,
        Embedding = vector,
    };
}
