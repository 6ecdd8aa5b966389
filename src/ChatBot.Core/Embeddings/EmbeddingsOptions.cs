namespace ChatBot.Core.Embeddings;

/// <summary>Which embedding generator ChatBot uses.</summary>
public enum EmbeddingProvider
{
    /// <summary>Universal Sentence Encoder lite, run in-process with ONNX Runtime (models/use-lite).</summary>
    Local,

    /// <summary>Any OpenAI-compatible <c>/v1/embeddings</c> endpoint: OpenAI, Azure OpenAI (v1 API), Ollama, ...</summary>
    OpenAI,
}

/// <summary>The `Embeddings` configuration section (env `Embeddings__Provider`, `Embeddings__ApiKey`, ...).</summary>
public sealed class EmbeddingsOptions
{
    public const string Section = "Embeddings";

    /// <summary>`Local` (default) or `OpenAI`.</summary>
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.Local;

    // ---- Local ----

    /// <summary>
    /// Folder holding model.onnx and vocab.json. Default: the first `models/use-lite` found going up
    /// from the app's folder, then from the current directory (so a fresh clone works).
    /// </summary>
    public string? ModelDir { get; set; }

    /// <summary>
    /// Most texts given to ONNX Runtime in one run; a call with more is split and the runs share the
    /// cores. 16 measured fastest on 2 cores (160 chunks/s vs 141 at 32; EmbeddingBenchmarks).
    /// </summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>ONNX Runtime threads per run; 0 = one, with as many runs at once as there are processors.</summary>
    public int IntraOpThreads { get; set; }

    // ---- OpenAI-compatible ----

    /// <summary>Base address of the API, e.g. https://api.openai.com/v1, http://localhost:11434/v1 (Ollama),
    /// https://RESOURCE.openai.azure.com/openai/v1 (Azure OpenAI).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model (or Azure deployment) name, e.g. text-embedding-3-small, nomic-embed-text.</summary>
    public string? Model { get; set; }

    /// <summary>Sent as `Authorization: Bearer ...`. Optional (Ollama needs none). Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Vector size to ask for (models that support it) and to expect; unset = the model's own.</summary>
    public int? Dimensions { get; set; }
}
