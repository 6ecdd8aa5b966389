using BenchmarkDotNet.Attributes;
using ChatBot.Core;
using ChatBot.Core.Answering;
using ChatBot.Core.Search.Hybrid;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Core.Search;
using ChatBot.Embeddings.Onnx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Benchmarks;

/// <summary>
/// Engine time of `ask` on a warm index (loaded once, as in `serve` or `chat`), configured as the CLI
/// runs by default: the question embedded by the local model, BM25 and dense retrieval fused, answer
/// selection from the sentence vectors, the calibrated refusal decision and citations. Target: median
/// under 30 ms (issue 14). Questions of three kinds: a fact, a two-part question (three query embeddings),
/// an off-topic question that is refused.
/// Run: dotnet run -c Release --project tests/ChatBot.Benchmarks -- --filter '*AskBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AskBenchmarks
{
    private ServiceProvider _services = null!;
    private IAnswerEngine _engine = null!;

    [Params(
        "Who headed Mexico's intelligence agency from 2007 to 2011?",
        "When was Cienfuegos Mexico's defense minister, and when was he indicted?",
        "What is the capital of Australia?")]
    public string Question { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatBot:CorpusDir"] = Path.Combine(root, "corpus"),
            ["ChatBot:DataDir"] = Path.Combine(Path.GetTempPath(), "chatbot-bench-data"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddChatBotCore(config);
        services.AddOnnxEmbeddings();
        services.AddEmbeddedVectorStore(config);
        services.AddChatBotHybridRetrieval(config);
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<CorpusIndex>().EnsureReadyAsync().GetAwaiter().GetResult();
        _engine = _services.GetRequiredService<IAnswerEngine>();
    }

    [Benchmark]
    public Task<Answer> Ask() => _engine.AskAsync(Question);

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln"))) return dir.FullName;
        throw new InvalidOperationException("ChatBot.sln not found");
    }
}
