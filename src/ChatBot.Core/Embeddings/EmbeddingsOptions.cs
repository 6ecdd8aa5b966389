using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Embeddings;

/// <summary>Which embedding generator ChatBot uses; each lives in its own project with its AddXxx extension.</summary>
public enum EmbeddingProvider
{
    /// <summary>snowflake-arctic-embed-xs in-process on ONNX Runtime (ChatBot.Embeddings.Onnx, AddOnnxEmbeddings).</summary>
    Local,

    /// <summary>Any OpenAI-compatible <c>/v1/embeddings</c> endpoint (ChatBot.Embeddings.OpenAI, AddOpenAIEmbeddings).</summary>
    OpenAI,
}

/// <summary>
/// The `Embeddings` configuration section as the host sees it: only the provider. Each provider binds
/// the same section to its own options class (model folder and batch size; endpoint, model and key)
/// and validates it at start-up.
/// </summary>
public sealed class EmbeddingsOptions
{
    public const string Section = "Embeddings";

    /// <summary>`Local` (default) or `OpenAI`.</summary>
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.Local;

    /// <summary>
    /// The provider `Embeddings:Provider` names (any case), for the host to register. An unknown value
    /// is a configuration error naming the key, thrown before anything is registered.
    /// </summary>
    public static EmbeddingProvider ResolveProvider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[$"{Section}:{nameof(Provider)}"];
        if (string.IsNullOrWhiteSpace(value)) return EmbeddingProvider.Local;
        return Enum.TryParse<EmbeddingProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new OptionsValidationException(Section, typeof(EmbeddingsOptions),
                [$"{Section}:{nameof(Provider)} '{value}' is unknown; use 'Local' or 'OpenAI'."]);
    }
}
