namespace ChatBot.Core.Embeddings;

/// <summary>
/// Which model the registered embedding generator runs. A vector index stores <see cref="ModelId"/>
/// with its vectors and refuses to mix vectors of two models.
/// </summary>
public interface IEmbeddingModelInfo
{
    /// <summary>`local` or `openai`.</summary>
    string Provider { get; }

    /// <summary>The model's name, e.g. `use-lite-0.2.0` or `text-embedding-3-small`.</summary>
    string Model { get; }

    /// <summary>Vector size when known before the first call (always for Local: 512; for OpenAI when configured).</summary>
    int? Dimensions { get; }

    /// <summary>Stable identity `provider:model:dimensions`, e.g. `local:use-lite-0.2.0:512`
    /// (`openai:nomic-embed-text:default` when the size is the model's own).</summary>
    string ModelId { get; }
}

/// <summary>The model identity, as configured.</summary>
public sealed record EmbeddingModelInfo(string Provider, string Model, int? Dimensions) : IEmbeddingModelInfo
{
    public string ModelId => $"{Provider}:{Model}:{(Dimensions is { } d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "default")}";

    public static EmbeddingModelInfo From(EmbeddingsOptions options) => options.Provider switch
    {
        EmbeddingProvider.Local => new("local", UseLiteEmbeddingGenerator.ModelName, UseLiteEmbeddingGenerator.EmbeddingDimensions),
        EmbeddingProvider.OpenAI => new("openai", options.Model ?? throw new InvalidOperationException("Embeddings:Model is not set."), options.Dimensions),
        _ => throw new InvalidOperationException($"Unknown embeddings provider '{options.Provider}'."),
    };
}
