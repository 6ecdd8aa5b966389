using System.Diagnostics;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using ChatBot.Core.Embeddings;

namespace ChatBot.Benchmarks;

/// <summary>
/// Throughput of the local USE-lite embedder on realistic chunks: 100-word passages cut from the
/// corpus articles (about 130 tokens each, so the model's 128-token window is full), embedded in
/// one call per invocation; results are per chunk (OperationsPerInvoke).
/// Op/s is chunks per second. On a shared machine, the "CPU ms per chunk" line printed at the end of
/// each benchmark (process CPU time / chunks embedded) says what the model costs when it gets the cores.
/// Run: dotnet run -c Release --project tests/ChatBot.Benchmarks -- --filter '*Embedding*' --job short
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public partial class EmbeddingBenchmarks
{
    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(StatisticColumn.Median, StatisticColumn.OperationsPerSecond);
    }

    private const int ChunkCount = 64;
    private const int WordsPerChunk = 100;

    private UseLiteEmbeddingGenerator _generator = null!;
    private string[] _chunks = [];
    private TimeSpan _cpuAtStart;
    private long _chunksEmbedded;

    /// <summary>Texts per ONNX Runtime run.</summary>
    [Params(16, 32)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _chunks = CorpusChunks().Take(ChunkCount).ToArray();
        if (_chunks.Length < ChunkCount) throw new InvalidOperationException($"only {_chunks.Length} chunks in the corpus");
        _generator = new UseLiteEmbeddingGenerator(modelDir: null, batchSize: BatchSize);
        _generator.GenerateAsync(_chunks.Take(2)).GetAwaiter().GetResult(); // load the model outside the measurement
        _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;
        if (_chunksEmbedded > 0)
        {
            var perChunk = cpu.TotalMilliseconds / _chunksEmbedded;
            Console.WriteLine($"// CPU ms per chunk (batch {BatchSize}): {perChunk:F2} over {_chunksEmbedded} chunks " +
                $"=> {1000 / perChunk * Environment.ProcessorCount:F0} chunks/s if all {Environment.ProcessorCount} cores were free");
        }
        _generator.Dispose();
    }

    [Benchmark(OperationsPerInvoke = ChunkCount, Description = "embed one 100-word chunk (in a call of 64)")]
    public int EmbedChunks()
    {
        var result = _generator.GenerateAsync(_chunks).GetAwaiter().GetResult();
        _chunksEmbedded += result.Count;
        return result.Count;
    }

    /// <summary>100-word windows, half overlapping, over every corpus article.</summary>
    private static IEnumerable<string> CorpusChunks()
    {
        foreach (var file in Directory.GetFiles(FindCorpus(), "*.txt").Order(StringComparer.Ordinal))
        {
            var words = Whitespace().Split(File.ReadAllText(file)).Where(w => w.Length > 0).ToArray();
            for (var start = 0; start + WordsPerChunk <= words.Length; start += WordsPerChunk / 2)
            {
                yield return string.Join(' ', words, start, WordsPerChunk);
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
