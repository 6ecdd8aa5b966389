using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Search.VectorStores;

/// <summary>Which vector store serves the dense leg of retrieval.</summary>
public enum VectorStoreProvider
{
    /// <summary>A file per index in the data dir, searched exactly in memory (default).</summary>
    Embedded,

    /// <summary>A Qdrant server over gRPC (section `Qdrant`; ChatBot.Qdrant's AddQdrant).</summary>
    Qdrant,
}

/// <summary>The `VectorStore` configuration section.</summary>
public sealed class VectorStoreOptions
{
    public const string Section = "VectorStore";

    /// <summary>`Embedded` or `Qdrant`; when unset, Qdrant is chosen if `Qdrant:Url` is set.</summary>
    public VectorStoreProvider? Provider { get; set; }

    /// <summary>Where the embedded store keeps its files; default `{ChatBot:DataDir}/vectors`.</summary>
    public string? Directory { get; set; }

    /// <summary>The provider the configuration asks for (explicit `VectorStore:Provider`, else Qdrant when `Qdrant:Url` is set).</summary>
    /// <exception cref="OptionsValidationException">`VectorStore:Provider` has an unknown value (a configuration error: exit 2).</exception>
    public static VectorStoreProvider ResolveProvider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var explicitProvider = configuration[$"{Section}:{nameof(Provider)}"];
        if (!string.IsNullOrWhiteSpace(explicitProvider))
        {
            return Enum.TryParse<VectorStoreProvider>(explicitProvider.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
                ? provider
                : throw new OptionsValidationException(Section, typeof(VectorStoreOptions),
                    [$"VectorStore:Provider '{explicitProvider}' is unknown; use 'Embedded' or 'Qdrant'."]);
        }
        return string.IsNullOrWhiteSpace(configuration["Qdrant:Url"]) ? VectorStoreProvider.Embedded : VectorStoreProvider.Qdrant;
    }
}
