using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.VectorData;
using Xunit;

namespace ChatBot.Testing.VectorStoreConformance;

/// <summary>
/// What every <see cref="VectorStoreCollection{TKey,TRecord}"/> of ChunkVectorRecord in ChatBot must
/// do, whatever the store. A subclass supplies fresh collections; every test uses its own names.
/// </summary>
public abstract class VectorStoreCollectionConformanceTests : IAsyncLifetime
{
    private const double Tolerance = 1e-4;
    private readonly List<VectorStoreCollection<Guid, ChunkVectorRecord>> _opened = [];

    /// <summary>A collection object for <paramref name="name"/> (not necessarily existing yet) of <paramref name="dimensions"/>.</summary>
    protected abstract Task<VectorStoreCollection<Guid, ChunkVectorRecord>> OpenCollectionAsync(string name, int dimensions);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var collection in _opened)
        {
            try
            {
                await collection.EnsureCollectionDeletedAsync();
            }
            catch (VectorStoreException)
            {
                // Already gone or the store is down: nothing to clean up.
            }
            collection.Dispose();
        }
    }

    [ConformanceFact]
    public async Task Create_exists_and_delete()
    {
        var collection = await OpenAsync();
        Assert.False(await collection.CollectionExistsAsync());
        await collection.EnsureCollectionExistsAsync();
        Assert.True(await collection.CollectionExistsAsync());
        await collection.EnsureCollectionExistsAsync(); // idempotent
        Assert.True(await collection.CollectionExistsAsync());
        await collection.EnsureCollectionDeletedAsync();
        Assert.False(await collection.CollectionExistsAsync());
        await collection.EnsureCollectionDeletedAsync(); // deleting a missing collection is fine
    }

    [ConformanceFact]
    public async Task Upsert_then_get_returns_the_record()
    {
        var collection = await CreatedAsync();
        var record = Record("doc1#0", "001_a.txt", "Mexico and the US signed an accord.", [3, 4, 0, 0]);
        await collection.UpsertAsync(record);

        var withVector = await collection.GetAsync(record.Key, new RecordRetrievalOptions { IncludeVectors = true });
        Assert.NotNull(withVector);
        Assert.Equal(record.Key, withVector.Key);
        Assert.Equal("doc1#0", withVector.ChunkId);
        Assert.Equal("001_a.txt", withVector.Source);
        Assert.Equal("Mexico and the US signed an accord.", withVector.Text);
        // Cosine stores keep the unit vector.
        AssertVector([0.6f, 0.8f, 0, 0], withVector.Embedding);

        var withoutVector = await collection.GetAsync(record.Key);
        Assert.NotNull(withoutVector);
        Assert.True(withoutVector.Embedding.IsEmpty);
        Assert.Null(await collection.GetAsync(Guid.NewGuid()));
    }

    [ConformanceFact]
    public async Task Upserting_the_same_key_twice_keeps_one_record_with_the_latest_values()
    {
        var collection = await CreatedAsync();
        await collection.UpsertAsync(Record("c#1", "a.txt", "first", [1, 0, 0, 0]));
        await collection.UpsertAsync(Record("c#1", "a.txt", "second", [0, 1, 0, 0]));

        var all = await ToListAsync(collection.GetAsync(r => r.ChunkId == "c#1", 10));
        var only = Assert.Single(all);
        Assert.Equal("second", only.Text);
        var hits = await ToListAsync(collection.SearchAsync(new ReadOnlyMemory<float>([0f, 1, 0, 0]), 10));
        var hit = Assert.Single(hits);
        Assert.Equal(1.0, hit.Score!.Value, Tolerance);
    }

    [ConformanceFact]
    public async Task Batch_upsert_and_batch_get()
    {
        var collection = await CreatedAsync();
        var records = Enumerable.Range(0, 5).Select(i => Record($"b#{i}", "b.txt", $"text {i}", [i, 1, 0, 0])).ToList();
        await collection.UpsertAsync(records);

        var wanted = new[] { records[1].Key, records[3].Key, Guid.NewGuid() };
        var found = await ToListAsync(collection.GetAsync(wanted));
        Assert.Equal(new[] { "b#1", "b#3" }, found.Select(r => r.ChunkId).Order());
        var all = await ToListAsync(collection.GetAsync(r => r.Source == "b.txt", 100));
        Assert.Equal(5, all.Count);
    }

    [ConformanceFact]
    public async Task Delete_removes_single_and_batched_records()
    {
        var collection = await CreatedAsync();
        var records = Enumerable.Range(0, 4).Select(i => Record($"d#{i}", "d.txt", "t", [1, i, 0, 0])).ToList();
        await collection.UpsertAsync(records);

        await collection.DeleteAsync(records[0].Key);
        await collection.DeleteAsync([records[1].Key, records[2].Key]);
        await collection.DeleteAsync(Guid.NewGuid()); // missing key: no error

        Assert.Null(await collection.GetAsync(records[0].Key));
        Assert.Null(await collection.GetAsync(records[2].Key));
        var left = await ToListAsync(collection.GetAsync(r => r.Source == "d.txt", 10));
        Assert.Equal("d#3", Assert.Single(left).ChunkId);
    }

    [ConformanceFact]
    public async Task Search_orders_by_cosine_similarity_with_correct_scores()
    {
        var collection = await CreatedAsync();
        await collection.UpsertAsync(
        [
            Record("far", "s.txt", "far", [-1, 0.5f, 0, 0]),
            Record("orthogonal", "s.txt", "orthogonal", [0, 1, 0, 0]),
            Record("same", "s.txt", "same", [2, 0, 0, 0]),
            Record("diagonal", "s.txt", "diagonal", [1, 1, 0, 0]),
        ]);

        var hits = await ToListAsync(collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 10));

        Assert.Equal(new[] { "same", "diagonal", "orthogonal", "far" }, hits.Select(h => h.Record.ChunkId));
        Assert.Equal(1.0, hits[0].Score!.Value, Tolerance);
        Assert.Equal(Math.Sqrt(0.5), hits[1].Score!.Value, Tolerance);
        Assert.Equal(0.0, hits[2].Score!.Value, Tolerance);
        Assert.Equal(-1 / Math.Sqrt(1.25), hits[3].Score!.Value, Tolerance);
        Assert.All(hits, h => Assert.True(h.Record.Embedding.IsEmpty));
    }

    [ConformanceFact]
    public async Task Search_honours_top_skip_and_score_threshold()
    {
        var collection = await CreatedAsync();
        await collection.UpsertAsync(Enumerable.Range(0, 6).Select(i => Record($"t#{i}", "t.txt", "t", [10 - i, i, 0, 0])));
        var query = new ReadOnlyMemory<float>([1f, 0, 0, 0]);

        var top2 = await ToListAsync(collection.SearchAsync(query, 2));
        Assert.Equal(new[] { "t#0", "t#1" }, top2.Select(h => h.Record.ChunkId));

        var skipped = await ToListAsync(collection.SearchAsync(query, 3, new VectorSearchOptions<ChunkVectorRecord> { Skip = 2 }));
        Assert.Equal(new[] { "t#2", "t#3", "t#4" }, skipped.Select(h => h.Record.ChunkId));

        var near = await ToListAsync(collection.SearchAsync(query, 10, new VectorSearchOptions<ChunkVectorRecord> { ScoreThreshold = 0.9 }));
        Assert.All(near, h => Assert.True(h.Score >= 0.9));
        Assert.Equal(new[] { "t#0", "t#1", "t#2", "t#3" }, near.Select(h => h.Record.ChunkId)); // cos(t#4) ≈ 0.83

        var withVectors = await ToListAsync(collection.SearchAsync(query, 1, new VectorSearchOptions<ChunkVectorRecord> { IncludeVectors = true }));
        AssertVector([1, 0, 0, 0], Assert.Single(withVectors).Record.Embedding);
    }

    [ConformanceFact]
    public async Task Search_and_get_filter_by_source()
    {
        var collection = await CreatedAsync();
        await collection.UpsertAsync(
        [
            Record("a#0", "001_a.txt", "a0", [1, 0, 0, 0]),
            Record("a#1", "001_a.txt", "a1", [1, 1, 0, 0]),
            Record("b#0", "002_b.txt", "b0", [1, 0.1f, 0, 0]),
            Record("b#1", "002_b.txt", "b1", [0, 1, 0, 0]),
        ]);
        var query = new ReadOnlyMemory<float>([1f, 0, 0, 0]);

        var onlyB = await ToListAsync(collection.SearchAsync(query, 10, new VectorSearchOptions<ChunkVectorRecord> { Filter = r => r.Source == "002_b.txt" }));
        Assert.Equal(new[] { "b#0", "b#1" }, onlyB.Select(h => h.Record.ChunkId));

        var source = "001_a.txt"; // a captured variable, as callers write it
        var onlyA = await ToListAsync(collection.SearchAsync(query, 10, new VectorSearchOptions<ChunkVectorRecord> { Filter = r => r.Source == source }));
        Assert.Equal(new[] { "a#0", "a#1" }, onlyA.Select(h => h.Record.ChunkId));

        var combined = await ToListAsync(collection.SearchAsync(query, 10,
            new VectorSearchOptions<ChunkVectorRecord> { Filter = r => r.Source != "001_a.txt" && r.ChunkId != "b#0" }));
        Assert.Equal("b#1", Assert.Single(combined).Record.ChunkId);

        var either = await ToListAsync(collection.GetAsync(r => r.ChunkId == "a#1" || r.ChunkId == "b#1", 10));
        Assert.Equal(new[] { "a#1", "b#1" }, either.Select(r => r.ChunkId).Order());

        var none = await ToListAsync(collection.SearchAsync(query, 10, new VectorSearchOptions<ChunkVectorRecord> { Filter = r => r.Source == "nope.txt" }));
        Assert.Empty(none);

        var page = await ToListAsync(collection.GetAsync(r => r.Source == "001_a.txt", 1, new FilteredRecordRetrievalOptions<ChunkVectorRecord> { Skip = 1 }));
        Assert.Single(page);
    }

    [ConformanceFact]
    public async Task Unsupported_filters_are_rejected_clearly()
    {
        var collection = await CreatedAsync();
        await collection.UpsertAsync(Record("x", "x.txt", "x", [1, 0, 0, 0]));
        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            ToListAsync(collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 1, new VectorSearchOptions<ChunkVectorRecord> { Filter = r => r.Text.Contains("x") })));
        Assert.Contains("Source", error.Message);
    }

    [ConformanceFact]
    public async Task Operations_on_a_missing_collection_fail_with_a_clear_error()
    {
        var collection = await OpenAsync();
        var get = await Assert.ThrowsAsync<VectorStoreException>(() => collection.GetAsync(Guid.NewGuid()));
        Assert.Contains(collection.Name, get.Message);
        Assert.Contains("does not exist", get.Message);
        await Assert.ThrowsAsync<VectorStoreException>(() => ToListAsync(collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 1)));
        await Assert.ThrowsAsync<VectorStoreException>(() => collection.UpsertAsync(Record("m", "m.txt", "m", [1, 0, 0, 0])));
        Assert.False(await collection.CollectionExistsAsync());
    }

    [ConformanceFact]
    public async Task Dimension_mismatch_is_rejected_with_a_clear_error()
    {
        var collection = await CreatedAsync();
        var upsert = await Assert.ThrowsAnyAsync<ArgumentException>(() => collection.UpsertAsync(Record("w", "w.txt", "w", [1, 0, 0])));
        Assert.Contains("3 dimensions", upsert.Message);
        Assert.Contains("expects 4", upsert.Message);
        var search = await Assert.ThrowsAnyAsync<ArgumentException>(() => ToListAsync(collection.SearchAsync(new float[] { 1, 0, 0, 0, 0 }, 1)));
        Assert.Contains("5 dimensions", search.Message);
        Assert.Empty(await ToListAsync(collection.GetAsync(r => r.ChunkId == "w", 10)));
    }

    [ConformanceFact]
    public async Task Dimensions_are_configurable_for_large_models()
    {
        var collection = await CreatedAsync(dimensions: 1536);
        var vector = new float[1536];
        vector[1535] = 1;
        await collection.UpsertAsync(Record("big", "big.txt", "big", vector));
        var hit = Assert.Single(await ToListAsync(collection.SearchAsync(vector, 5)));
        Assert.Equal(1.0, hit.Score!.Value, Tolerance);
    }

    [ConformanceFact]
    public async Task Data_persists_across_reopening()
    {
        var name = NewName();
        var first = await OpenAsync(name);
        await first.EnsureCollectionExistsAsync();
        await first.UpsertAsync([Record("p#0", "p.txt", "kept", [0, 0, 1, 0]), Record("p#1", "p.txt", "kept too", [0, 1, 0, 0])]);

        var reopened = await OpenAsync(name);
        Assert.True(await reopened.CollectionExistsAsync());
        var record = await reopened.GetAsync(ChunkVectorRecord.KeyFor("p#0"));
        Assert.Equal("kept", record?.Text);
        var hit = (await ToListAsync(reopened.SearchAsync(new float[] { 0, 0, 1, 0 }, 1)))[0];
        Assert.Equal("p#0", hit.Record.ChunkId);
    }

    [ConformanceFact]
    public async Task Reports_its_metadata()
    {
        var collection = await OpenAsync();
        var metadata = collection.GetService(typeof(VectorStoreCollectionMetadata)) as VectorStoreCollectionMetadata;
        Assert.NotNull(metadata);
        Assert.Equal(collection.Name, metadata.CollectionName);
        Assert.False(string.IsNullOrEmpty(metadata.VectorStoreSystemName));
        Assert.Null(collection.GetService(typeof(string)));
    }

    protected static ChunkVectorRecord Record(string chunkId, string source, string text, float[] embedding) => new()
    {
        Key = ChunkVectorRecord.KeyFor(chunkId),
        ChunkId = chunkId,
        Source = source,
        Text = text,
        Embedding = embedding,
    };

    protected static string NewName() => $"conformance_{Guid.NewGuid():N}"[..28];

    protected async Task<VectorStoreCollection<Guid, ChunkVectorRecord>> OpenAsync(string? name = null, int dimensions = 4)
    {
        var collection = await OpenCollectionAsync(name ?? NewName(), dimensions);
        _opened.Add(collection);
        return collection;
    }

    private async Task<VectorStoreCollection<Guid, ChunkVectorRecord>> CreatedAsync(int dimensions = 4)
    {
        var collection = await OpenAsync(dimensions: dimensions);
        await collection.EnsureCollectionExistsAsync();
        return collection;
    }

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }

    private static void AssertVector(float[] expected, ReadOnlyMemory<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual.Span[i], 1e-5f);
    }
}
