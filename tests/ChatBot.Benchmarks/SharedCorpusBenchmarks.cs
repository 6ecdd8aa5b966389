using BenchmarkDotNet.Attributes;
using ChatBot.Core;
using ChatBot.Core.Search;
using ChatBot.Core.Search.Hybrid;
using ChatBot.Embeddings.Onnx;
using ChatBot.Qdrant;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Benchmarks;

/// <summary>
/// The shared corpus on Qdrant (the fake, over gRPC on loopback) with the five articles and the local model:
/// publishing a version (read, chunk, BM25, every vector reused from the published version as a change does
/// for what it did not touch, write documents + chunks + manifest, count, the alias call), and what a replica
/// does when it switches (read the version whole and build its BM25 in memory). Run:
/// dotnet run -c Release --project tests/ChatBot.Benchmarks -- --filter '*SharedCorpus*' --job short
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SharedCorpusBenchmarks
{
    private FakeQdrantServer _fake = null!;
    private ServiceProvider _writer = null!;
    private ServiceProvider _reader = null!;
    private string _version = "";

    [GlobalSetup]
    public void Setup()
    {
        _fake = FakeQdrantServer.StartAsync(apiKey: "bench").GetAwaiter().GetResult();
        _writer = Build(ChatBot.Testing.RepoPaths.Corpus);
        _reader = Build(Path.Combine(Path.GetTempPath(), $"chatbot-bench-empty-{Guid.NewGuid():N}"));
        // The first publication embeds the passages once; every one after reuses them.
        _writer.GetRequiredService<CorpusIndex>().ReindexAsync().GetAwaiter().GetResult();
        _version = _fake.Aliases["chatbot"];
    }

    private ServiceProvider Build(string corpus)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatBot:CorpusDir"] = corpus,
            ["ChatBot:DataDir"] = Path.Combine(Path.GetTempPath(), $"chatbot-bench-shared-{Guid.NewGuid():N}"),
            ["Qdrant:Url"] = _fake.Url,
            ["Qdrant:ApiKey"] = "bench",
            // Each round publishes a version: drop superseded ones at the next round, or the fake grows.
            ["Qdrant:RetainVersionsFor"] = "00:00:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddChatBotCore(config);
        services.AddOnnxEmbeddings();
        services.AddQdrant();
        services.AddChatBotHybridRetrieval(config);
        return services.BuildServiceProvider();
    }

    /// <summary>A new version of the five articles (force: the same files), published through the alias.</summary>
    [Benchmark]
    public async Task<int> PublishFiveArticles() => (await _writer.GetRequiredService<CorpusIndex>().ReindexAsync(force: true)).Chunks;

    /// <summary>A replica's switch: the published version read whole, BM25 built in memory.</summary>
    [Benchmark]
    public async Task<int> LoadPublishedVersion()
    {
        var published = await _reader.GetRequiredService<ISharedCorpus>().LoadAsync(_version, CancellationToken.None);
        using var lexical = LexicalIndex.InMemory(published.Chunks);
        return lexical.Count;
    }

    [IterationSetup(Target = nameof(LoadPublishedVersion))]
    public void Latest() => _version = _fake.Aliases["chatbot"];

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        _reader.Dispose();
        _fake.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
