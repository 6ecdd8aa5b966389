using BenchmarkDotNet.Attributes;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Qdrant;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.Options;

namespace ChatBot.Benchmarks;

/// <summary>
/// Query latency through Qdrant.Client (gRPC over HTTP/2 on loopback, the Polly pipeline, the alias)
/// against the fake Qdrant holding 1,000 chunks of 384 dimensions: the client's and the wire's cost,
/// not a real Qdrant's search. Run:
/// dotnet run -c Release --project tests/ChatBot.Benchmarks -- --filter '*QdrantQuery*' --job short
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class QdrantQueryBenchmarks
{
    private const int Points = 1_000;
    private const int Dimensions = 384;

    private FakeQdrantServer _fake = null!;
    private QdrantConnection _connection = null!;
    private QdrantChunkVectorIndex _index = null!;
    private float[] _query = [];

    [GlobalSetup]
    public void Setup()
    {
        _fake = FakeQdrantServer.StartAsync(apiKey: "bench").GetAwaiter().GetResult();
        var options = Options.Create(new QdrantOptions { Url = _fake.Url, ApiKey = "bench", UpsertBatchSize = 256 });
        _connection = new QdrantConnection(options);
        _index = new QdrantChunkVectorIndex(_connection, options);
        var random = new Random(20260105);
        // One version's chunks, named by the alias as a publication leaves them (the documents and manifest do not change a query).
        var version = new QdrantVectorStoreCollection(_connection, "chatbot_bench", Dimensions);
        version.EnsureCollectionExistsAsync().GetAwaiter().GetResult();
        foreach (var batch in QdrantBenchData.Records(random, Points, Dimensions).Chunk(256)) version.UpsertAsync(batch).GetAwaiter().GetResult();
        _connection.Client.CreateAliasAsync("chatbot", "chatbot_bench").GetAwaiter().GetResult();
        _query = QdrantBenchData.Vector(random, Dimensions);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Dispose();
        _fake.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>What retrieval does per question: the top 50 candidates' chunk ids and cosine scores through the alias.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> Top50ChunkIds() => (await _index.SearchAsync(_query, 50)).Count;

    /// <summary>Retrieval scoped to one source file (a keyword filter on the indexed `source` payload).</summary>
    [Benchmark]
    public async Task<int> Top10FilteredBySource() => (await _index.SearchAsync(_query, 10, source: "007_source.txt")).Count;
}

/// <summary>
/// Ingest throughput: 2,048 points of 384 dimensions (with ~300 characters of text each) upserted
/// with wait=true in batches of 64 or 256 through Qdrant.Client into the fake. Per-point time is
/// reported (OperationsPerInvoke), so points/s = 1 / time. Run:
/// dotnet run -c Release --project tests/ChatBot.Benchmarks -- --filter '*QdrantIngest*' --job short
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class QdrantIngestBenchmarks
{
    private const int Points = 2_048;
    private const int Dimensions = 384;

    private FakeQdrantServer _fake = null!;
    private QdrantConnection _connection = null!;
    private QdrantVectorStoreCollection _collection = null!;
    private List<ChunkVectorRecord> _records = [];

    [Params(64, 256)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fake = FakeQdrantServer.StartAsync(apiKey: "bench").GetAwaiter().GetResult();
        _connection = new QdrantConnection(Options.Create(new QdrantOptions { Url = _fake.Url, ApiKey = "bench" }));
        _collection = new QdrantVectorStoreCollection(_connection, "ingest", Dimensions);
        _collection.EnsureCollectionExistsAsync().GetAwaiter().GetResult();
        _records = QdrantBenchData.Records(new Random(20260105), Points, Dimensions);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Dispose();
        _fake.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Same ids every round: upserts overwrite, so the collection stays at 2,048 points.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public async Task UpsertInBatches()
    {
        foreach (var batch in _records.Chunk(BatchSize)) await _collection.UpsertAsync(batch);
    }
}

internal static class QdrantBenchData
{
    private static readonly string Text = string.Concat(Enumerable.Repeat("A passage of a news article about an accord and its consequences. ", 5));

    public static List<ChunkVectorRecord> Records(Random random, int count, int dimensions) =>
    [
        .. Enumerable.Range(0, count).Select(i => new ChunkVectorRecord
        {
            Key = ChunkVectorRecord.KeyFor($"chunk-{i}"),
            ChunkId = $"chunk-{i}",
            Source = $"{i % 50:000}_source.txt",
            Text = Text,
            Embedding = Vector(random, dimensions),
        }),
    ];

    public static float[] Vector(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var d = 0; d < dimensions; d++) vector[d] = (float)(random.NextDouble() * 2 - 1);
        return vector;
    }
}
