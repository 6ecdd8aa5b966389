using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Core.Embeddings;

/// <summary>
/// Universal Sentence Encoder lite (models/use-lite/model.onnx, converted from TF.js) run with ONNX
/// Runtime: 512-d, L2-normalised sentence vectors. The model loads once, on first use; texts go to
/// the model in batches (one Run each, sparse indices/values, no padding). Thread-safe.
/// </summary>
public sealed class UseLiteEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelName = "use-lite-0.2.0";
    public const int EmbeddingDimensions = 512;

    /// <summary>The model only reads the first 128 tokens of a text; the rest are not sent.</summary>
    public const int MaxTokens = 128;

    private static readonly string[] InputNames = ["indices", "values"];
    private static readonly string[] OutputNames = ["embeddings"];

    private readonly string? _configuredDir;
    private readonly int _batchSize;
    private readonly int _intraOpThreads;
    private readonly int _parallelRuns;
    private readonly Lazy<LoadedModel> _model;
    private bool _disposed;

    public UseLiteEmbeddingGenerator(IOptions<EmbeddingsOptions> options)
        : this(options.Value.ModelDir, options.Value.BatchSize, options.Value.IntraOpThreads)
    {
    }

    /// <param name="modelDir">Folder with model.onnx and vocab.json; null = search for models/use-lite.</param>
    /// <param name="batchSize">Most texts per ONNX Runtime run.</param>
    /// <param name="intraOpThreads">ONNX Runtime threads per run. 0 (default) = one thread per run and
    /// as many runs at once as there are processors, which wastes less time syncing threads than
    /// splitting each run; n = n threads per run and processors/n runs at once.</param>
    public UseLiteEmbeddingGenerator(string? modelDir = null, int batchSize = 16, int intraOpThreads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        _configuredDir = modelDir;
        _batchSize = batchSize;
        _intraOpThreads = Math.Max(1, intraOpThreads);
        _parallelRuns = Math.Max(1, Environment.ProcessorCount / _intraOpThreads);
        _model = new Lazy<LoadedModel>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
        Metadata = new EmbeddingGeneratorMetadata("onnxruntime", providerUri: null, ModelName, EmbeddingDimensions);
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>The tokenizer, loading the model files if needed.</summary>
    public SentencePieceTokenizer Tokenizer => _model.Value.Tokenizer;

    /// <summary>The folder the model was loaded from (loads it if needed).</summary>
    public string ModelDirectory => _model.Value.Files.Directory;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (options?.Dimensions is { } dims && dims != EmbeddingDimensions)
            throw new NotSupportedException($"{ModelName} gives {EmbeddingDimensions}-d vectors; {dims} were asked for.");
        if (options?.ModelId is { } id && id != ModelName)
            throw new NotSupportedException($"This generator runs {ModelName}, not '{id}'.");
        cancellationToken.ThrowIfCancellationRequested();

        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var model = _model.Value;
        var tokens = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? throw new ArgumentException($"Text {i} to embed is null.", nameof(values));
            var ids = model.Tokenizer.Encode(text);
            if (ids.Length == 0) throw new ArgumentException($"Text {i} to embed is empty.", nameof(values));
            tokens[i] = ids.Length > MaxTokens ? ids[..MaxTokens] : ids;
        }

        // Texts of like length share a batch, so short ones do not pay for long ones' attention;
        // batches are even in size and there are enough of them to keep every core busy.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        var batchCount = Math.Max((order.Length + _batchSize - 1) / _batchSize, Math.Min(_parallelRuns, order.Length));
        var batches = new (int Start, int Length)[batchCount];
        for (int b = 0, start = 0; b < batchCount; b++)
        {
            var length = order.Length / batchCount + (b < order.Length % batchCount ? 1 : 0);
            batches[b] = (start, length);
            start += length;
        }

        var vectors = new float[texts.Count][];
        if (batchCount <= 1 || _parallelRuns <= 1)
        {
            foreach (var (start, length) in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Run(model.Session, order.AsSpan(start, length), tokens, vectors, cancellationToken);
            }
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _parallelRuns, CancellationToken = cancellationToken };
            try
            {
                Parallel.For(0, batchCount, parallel, b =>
                    Run(model.Session, order.AsSpan(batches[b].Start, batches[b].Length), tokens, vectors, cancellationToken));
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                // Callers get the exception a sequential run would have thrown.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
            }
        }
        long tokenCount = tokens.Sum(t => (long)t.Length);

        var createdAt = DateTimeOffset.UtcNow;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(texts.Count)
        {
            Usage = new UsageDetails { InputTokenCount = tokenCount, TotalTokenCount = tokenCount },
            AdditionalProperties = new() { ["model"] = ModelName, ["dimensions"] = EmbeddingDimensions },
        };
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = ModelName, CreatedAt = createdAt });
        }
        return Task.FromResult(embeddings);
    }

    /// <summary>One ONNX Runtime run over the texts <paramref name="batch"/> (indices into <paramref name="tokens"/>).</summary>
    private static void Run(InferenceSession session, ReadOnlySpan<int> batch, int[][] tokens, float[][] vectors, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var t in batch) total += tokens[t].Length;
        var indices = new int[total * 2];
        var values = new int[total];
        var k = 0;
        for (var sentence = 0; sentence < batch.Length; sentence++)
        {
            var ids = tokens[batch[sentence]];
            for (var position = 0; position < ids.Length; position++, k++)
            {
                indices[2 * k] = sentence;
                indices[2 * k + 1] = position;
                values[k] = ids[position];
            }
        }

        using var runOptions = new RunOptions();
        using var cancel = cancellationToken.Register(() => runOptions.Terminate = true);
        using var indicesValue = OrtValue.CreateTensorValueFromMemory(indices, [total, 2]);
        using var valuesValue = OrtValue.CreateTensorValueFromMemory(values, [total]);
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = session.Run(runOptions, InputNames, [indicesValue, valuesValue], OutputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        using (outputs)
        {
            var output = outputs[0];
            var shape = output.GetTensorTypeAndShape().Shape;
            // A text whose tokens are all unknown (id 0) counts as padding in the model and would lose its row.
            if (shape is not [var rows, EmbeddingDimensions] || rows != batch.Length)
                throw new InvalidOperationException($"{ModelName} returned shape [{string.Join(", ", shape)}] for {batch.Length} texts.");
            var data = output.GetTensorDataAsSpan<float>();
            for (var sentence = 0; sentence < batch.Length; sentence++)
            {
                vectors[batch[sentence]] = data.Slice(sentence * EmbeddingDimensions, EmbeddingDimensions).ToArray();
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return Metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_model.IsValueCreated) _model.Value.Session.Dispose();
    }

    private LoadedModel Load()
    {
        var files = UseLiteModelFiles.Resolve(_configuredDir);
        var tokenizer = SentencePieceTokenizer.Load(files.VocabularyPath);
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = _intraOpThreads,
        };
        // Threads that wait for work sleep instead of spinning: the runs are long (many texts), and
        // spinning burns cores that the other runs and the rest of the app could use.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        var session = new InferenceSession(files.ModelPath, sessionOptions);
        return new LoadedModel(files, tokenizer, session);
    }

    private sealed record LoadedModel(UseLiteModelFiles Files, SentencePieceTokenizer Tokenizer, InferenceSession Session);
}
