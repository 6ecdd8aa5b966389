using System.Globalization;

namespace ChatBot.Core.Embeddings;

/// <summary>
/// Which model the registered embedding generator runs. A vector index stores <see cref="ModelId"/>
/// with its vectors and refuses to mix vectors of two models. Each provider registers its own.
/// </summary>
public interface IEmbeddingModelInfo
{
    /// <summary>`local` or `openai`.</summary>
    string Provider { get; }

    /// <summary>The model's name, e.g. `snowflake-arctic-embed-xs` or `text-embedding-3-small`.</summary>
    string Model { get; }

    /// <summary>Vector size when known before the first call (always for Local: 384; for OpenAI when configured).</summary>
    int? Dimensions { get; }

    /// <summary>Stable identity `provider:model:dimensions[:variant]`, e.g. `local:snowflake-arctic-embed-xs:384`
    /// (`openai:nomic-embed-text:default` when the size is the model's own).</summary>
    string ModelId { get; }
}

/// <summary>The model identity, as configured.</summary>
/// <param name="Variant">Whatever else changes the stored vectors (e.g. a hash of configured text prefixes); null when nothing does.</param>
public sealed record EmbeddingModelInfo(string Provider, string Model, int? Dimensions, string? Variant = null) : IEmbeddingModelInfo
{
    public string ModelId =>
        $"{Provider}:{Model}:{(Dimensions is { } d ? d.ToString(CultureInfo.InvariantCulture) : "default")}{(Variant is null ? "" : ":" + Variant)}";
}
