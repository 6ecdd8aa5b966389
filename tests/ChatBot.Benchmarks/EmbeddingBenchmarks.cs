using System.Diagnostics;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using ChatBot.Core.Embeddings;
using ChatBot.Embeddings.Onnx;

namespace ChatBot.Benchmarks;

/// <summary>
/// Throughput of the local model (snowflake-arctic-embed-xs on ONNX Runtime) on realistic passages:
/// 100-word windows of the corpus articles (≈ 130 tokens each), 64 embedded as documents in one call
/// per invocation, as the indexer does; results are per passage (OperationsPerInvoke), so Op/s is
/// passages per second. <see cref="BatchSize"/> is texts per ONNX Runtime run (length-sorted, one
/// run per core at once); <see cref="IntraOpThreads"/> 2 instead runs one batch at a time on both cores.
/// On a shared machine, the "CPU ms per passage" line printed at the end of each case says what the
/// model costs when it gets the cores.
/// Run: dotnet run -c Release --project tests/ChatBot.Benchmarks -- --filter '*EmbeddingBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public partial class EmbeddingBenchmarks
{
    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(StatisticColumn.Median, StatisticColumn.OperationsPerSecond);
    }

    private const int PassageCount = 64;
    private const int WordsPerPassage = 100;

    private ArcticEmbeddingGenerator _generator = null!;
    private string[] _passages = [];
    private TimeSpan _cpuAtStart;
    private long _passagesEmbedded;

    [Params(4, 8, 16)]
    public int BatchSize { get; set; }

    [Params(0, 2)]
    public int IntraOpThreads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _passages = CorpusPassages(WordsPerPassage).Take(PassageCount).ToArray();
        if (_passages.Length < PassageCount) throw new InvalidOperationException($"only {_passages.Length} passages in the corpus");
        _generator = new ArcticEmbeddingGenerator(modelDir: null, batchSize: BatchSize, intraOpThreads: IntraOpThreads);
        _generator.EmbedDocumentsAsync(_passages.Take(2)).GetAwaiter().GetResult(); // load the model outside the measurement
        _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;
        if (_passagesEmbedded > 0)
        {
            var perPassage = cpu.TotalMilliseconds / _passagesEmbedded;
            Console.WriteLine($"// CPU ms per passage (batch {BatchSize}, intra-op {IntraOpThreads}): {perPassage:F2} over {_passagesEmbedded} passages " +
                $"=> {1000 / perPassage * Environment.ProcessorCount:F0} passages/s if all {Environment.ProcessorCount} cores were free");
        }
        _generator.Dispose();
    }

    [Benchmark(OperationsPerInvoke = PassageCount, Description = "embed one 100-word passage (in a call of 64)")]
    public int EmbedPassages()
    {
        var result = _generator.EmbedDocumentsAsync(_passages).GetAwaiter().GetResult();
        _passagesEmbedded += result.Count;
        return result.Count;
    }

    /// <summary>Half-overlapping windows of <paramref name="words"/> words over every corpus article.</summary>
    internal static IEnumerable<string> CorpusPassages(int words)
    {
        foreach (var file in Directory.GetFiles(FindCorpus(), "*.txt").Order(StringComparer.Ordinal))
        {
            var all = Whitespace().Split(File.ReadAllText(file)).Where(w => w.Length > 0).ToArray();
            for (var start = 0; start + words <= all.Length; start += words / 2)
            {
                yield return string.Join(' ', all, start, words);
            }
        }
    }

    private static string FindCorpus()
    {
        foreach (var origin in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln"))) return Path.Combine(dir.FullName, "corpus");
            }
        }
        throw new DirectoryNotFoundException("corpus/ (next to ChatBot.sln) not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>
/// Latency of embedding one question as a query (what every `ask` pays before retrieval), warm model.
/// Run: dotnet run -c Release --project tests/ChatBot.Benchmarks -- --filter '*QueryEmbeddingBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class QueryEmbeddingBenchmarks
{
    private ArcticEmbeddingGenerator _generator = null!;

    [Params(0, 2)]
    public int IntraOpThreads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _generator = new ArcticEmbeddingGenerator(intraOpThreads: IntraOpThreads);
        _generator.EmbedQueryAsync("warm up").GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _generator.Dispose();

    [Benchmark(Description = "embed one question as a query")]
    public ReadOnlyMemory<float> EmbedQuery() =>
        _generator.EmbedQueryAsync("Which agencies besides the DEA were affected by Mexico's new security law?").GetAwaiter().GetResult();
}
