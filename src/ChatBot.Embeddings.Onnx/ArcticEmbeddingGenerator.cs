using System.Numerics.Tensors;
using ChatBot.Core.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Embeddings.Onnx;

/// <summary>
/// Snowflake's snowflake-arctic-embed-xs (Apache-2.0; 22M parameters; 384 dimensions) on ONNX Runtime:
/// BERT uncased tokens, at most 512 per text, the [CLS] token's last hidden state, L2-normalised.
/// Queries (<see cref="EmbeddingRole.Query"/>) get the model's instruction prefix, documents none.
/// The model loads once, on first use; texts are sorted by length and run in batches, in parallel
/// across the processors. Thread-safe.
/// </summary>
public sealed class ArcticEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelName = "snowflake-arctic-embed-xs";
    public const int EmbeddingDimensions = 384;

    /// <summary>The model's position limit: longer texts are cut to 511 tokens and [SEP].</summary>
    public const int MaxTokens = 512;

    /// <summary>What the model was trained to see before a search query (and never before a document).</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>
    /// Texts per ONNX Runtime run. EmbeddingBenchmarks (64 passages of 100 words, length-sorted, one run
    /// per core) on the shared 2-core machine, in CPU time per passage, which the other jobs' load
    /// distorts far less than wall time: 17.9 ms at 1, 16.4 at 2, 16.1–16.4 at 4, 17.2–17.8 at 8, 19.6 at 16,
    /// 22.5 at 32 (two runs). 4 is the cheapest: ≈ 122 passages/s with both cores free. Bigger batches
    /// pay for padding and larger attention matrices; smaller ones for per-run overhead.
    /// </summary>
    public const int DefaultBatchSize = 4;

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly string? _configuredDir;
    private readonly int _batchSize;
    private readonly int _intraOpThreads;
    private readonly int _parallelRuns;
    private readonly Lazy<LoadedModel> _model;
    private bool _disposed;

    public ArcticEmbeddingGenerator(IOptions<OnnxEmbeddingsOptions> options)
        : this(options.Value.ModelDir, options.Value.BatchSize, options.Value.IntraOpThreads)
    {
    }

    /// <param name="modelDir">Folder with model.onnx and vocab.txt; null = the copies beside the app.</param>
    /// <param name="batchSize">Most texts per ONNX Runtime run.</param>
    /// <param name="intraOpThreads">ONNX Runtime threads per run. 0 (default) = one thread per run and as
    /// many runs at once as there are processors; n = n threads per run and processors/n runs at once.</param>
    public ArcticEmbeddingGenerator(string? modelDir = null, int batchSize = DefaultBatchSize, int intraOpThreads = 0)
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

    /// <summary>The tokenizer (loads the model files if needed).</summary>
    public BertUncasedTokenizer Tokenizer => _model.Value.Tokenizer;

    /// <summary>The files the model was loaded from (loads them if needed).</summary>
    public ArcticModelFiles Files => _model.Value.Files;

    /// <summary>The ids the model sees for a text in a role: prefix, [CLS] … [SEP], cut to <see cref="MaxTokens"/>.</summary>
    public int[] Tokenize(string text, EmbeddingRole role = EmbeddingRole.Document)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Tokenizer.Encode(role == EmbeddingRole.Query ? QueryPrefix + text : text, MaxTokens);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (options?.Dimensions is { } dims && dims != EmbeddingDimensions)
            throw new NotSupportedException($"{ModelName} gives {EmbeddingDimensions}-d vectors; {dims} were asked for.");
        if (options?.ModelId is { } id && id != ModelName)
            throw new NotSupportedException($"This generator runs {ModelName}, not '{id}'.");
        var role = EmbeddingRoles.Of(options);
        cancellationToken.ThrowIfCancellationRequested();

        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var model = _model.Value;
        var tokens = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? throw new ArgumentException($"Text {i} to embed is null.", nameof(values));
            tokens[i] = model.Tokenizer.Encode(role == EmbeddingRole.Query ? QueryPrefix + text : text, MaxTokens);
        }

        // Texts of like length share a batch, so a batch pads little and short texts do not pay for
        // long ones' attention; batches are even in size and enough to keep every core busy.
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
            AdditionalProperties = new() { ["model"] = ModelName, ["dimensions"] = EmbeddingDimensions, [EmbeddingRoles.PropertyName] = role },
        };
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = ModelName, CreatedAt = createdAt });
        }
        return Task.FromResult(embeddings);
    }

    /// <summary>One ONNX Runtime run over the texts <paramref name="batch"/> (indices into <paramref name="tokens"/>), padded to the longest.</summary>
    private static void Run(InferenceSession session, ReadOnlySpan<int> batch, int[][] tokens, float[][] vectors, CancellationToken cancellationToken)
    {
        var width = 0;
        foreach (var t in batch) width = Math.Max(width, tokens[t].Length);
        var ids = new long[batch.Length * width];
        var mask = new long[batch.Length * width];
        var types = new long[batch.Length * width]; // one segment: all zeros
        for (var row = 0; row < batch.Length; row++)
        {
            var text = tokens[batch[row]];
            for (var position = 0; position < text.Length; position++)
            {
                ids[row * width + position] = text[position];
                mask[row * width + position] = 1;
            }
        }

        long[] shape = [batch.Length, width];
        using var runOptions = new RunOptions();
        using var cancel = cancellationToken.Register(() => runOptions.Terminate = true);
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        using (outputs)
        {
            var output = outputs[0];
            var outputShape = output.GetTensorTypeAndShape().Shape;
            if (outputShape is not [var rows, var positions, EmbeddingDimensions] || rows != batch.Length || positions != width)
                throw new InvalidOperationException($"{ModelName} returned shape [{string.Join(", ", outputShape)}] for input [{batch.Length}, {width}].");
            var hidden = output.GetTensorDataAsSpan<float>();
            for (var row = 0; row < batch.Length; row++)
            {
                // Pooling: the [CLS] token (position 0) of each row, L2-normalised.
                var cls = hidden.Slice(row * width * EmbeddingDimensions, EmbeddingDimensions);
                var vector = new float[EmbeddingDimensions];
                TensorPrimitives.Divide(cls, TensorPrimitives.Norm(cls), vector);
                vectors[batch[row]] = vector;
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
        var files = ArcticModelFiles.Resolve(_configuredDir);
        var tokenizer = BertUncasedTokenizer.Load(files.VocabularyPath);
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = _intraOpThreads,
        };
        // Threads waiting for work sleep instead of spinning: other runs and the rest of the app share the cores.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        var session = new InferenceSession(files.ModelPath, sessionOptions);
        return new LoadedModel(files, tokenizer, session);
    }

    private sealed record LoadedModel(ArcticModelFiles Files, BertUncasedTokenizer Tokenizer, InferenceSession Session);
}
