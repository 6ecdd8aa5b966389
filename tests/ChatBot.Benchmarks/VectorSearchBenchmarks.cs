using BenchmarkDotNet.Attributes;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.VectorData;

namespace ChatBot.Benchmarks;

/// <summary>
/// Exact top-10 cosine search over 100,000 stored 512-d vectors in the embedded store (target:
/// under 30 ms median). The store is written to disk and re-opened, so the search runs on what
/// a restarted process loads. Run:
/// dotnet run -c Release --project tests/ChatBot.Benchmarks -- --filter '*VectorSearch*' --job short
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class VectorSearchBenchmarks
{
    private const int Count = 100_000;
    private const int Dimensions = 512;

    private string _directory = "";
    private EmbeddedVectorStoreCollection _collection = null!;
    private float[] _query = [];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"chatbot-bench-{Guid.NewGuid():N}");
        var random = new Random(20261124);
        var records = new ChunkVectorRecord[Count];
        for (var i = 0; i < Count; i++)
        {
            var vector = new float[Dimensions];
            for (var d = 0; d < Dimensions; d++) vector[d] = (float)(random.NextDouble() * 2 - 1);
            records[i] = new ChunkVectorRecord
            {
                Key = ChunkVectorRecord.KeyFor($"chunk-{i}"),
                ChunkId = $"chunk-{i}",
                Source = $"{i % 50:000}_source.txt",
                Text = "",
                Embedding = vector,
            };
        }
        using (var writer = new EmbeddedVectorStoreCollection(_directory, "bench", Dimensions))
        {
            writer.EnsureCollectionExistsAsync().GetAwaiter().GetResult();
            writer.UpsertAsync(records).GetAwaiter().GetResult();
        }
        _query = new float[Dimensions];
        for (var d = 0; d < Dimensions; d++) _query[d] = (float)(random.NextDouble() * 2 - 1);

        _collection = new EmbeddedVectorStoreCollection(_directory, "bench", Dimensions);
        if (_collection.Count != Count) throw new InvalidOperationException($"Loaded {_collection.Count} vectors, expected {Count}.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _collection.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The path IChunkVectorIndex.SearchAsync takes: chunk ids and scores only.</summary>
    [Benchmark(Baseline = true)]
    public int Top10ChunkIds() => _collection.SearchChunkIds(_query, 10).Count;

    /// <summary>Through the Microsoft.Extensions.VectorData API (materialises records).</summary>
    [Benchmark]
    public async Task<int> Top10VectorStoreCollection()
    {
        var found = 0;
        await foreach (var _ in _collection.SearchAsync(_query, 10)) found++;
        return found;
    }

    /// <summary>With a source filter, as retrieval scoped to one article does.</summary>
    [Benchmark]
    public async Task<int> Top10FilteredBySource()
    {
        var found = 0;
        var options = new VectorSearchOptions<ChunkVectorRecord> { Filter = r => r.Source == "007_source.txt" };
        await foreach (var _ in _collection.SearchAsync(_query, 10, options)) found++;
        return found;
    }
}
