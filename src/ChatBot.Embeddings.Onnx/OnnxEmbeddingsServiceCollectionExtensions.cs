using ChatBot.Core.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.Onnx;

public static class OnnxEmbeddingsServiceCollectionExtensions
{
    /// <summary>
    /// The local embedding model, snowflake-arctic-embed-xs on ONNX Runtime, as the singleton
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (string → Embedding&lt;float&gt;), with its
    /// <see cref="IEmbeddingModelInfo"/> (`local:snowflake-arctic-embed-xs:384`) and the `Embeddings`
    /// options (batch size, threads, model folder) validated at start-up. The model loads on first use.
    /// </summary>
    public static IServiceCollection AddOnnxEmbeddings(this IServiceCollection services, Action<OnnxEmbeddingsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<OnnxEmbeddingsOptions>().BindConfiguration(OnnxEmbeddingsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OnnxEmbeddingsOptions>, OnnxEmbeddingsOptionsValidator>());
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<IEmbeddingModelInfo>(new EmbeddingModelInfo("local", ArcticEmbeddingGenerator.ModelName, ArcticEmbeddingGenerator.EmbeddingDimensions));
        services.TryAddSingleton(sp => new ArcticEmbeddingGenerator(sp.GetRequiredService<IOptions<OnnxEmbeddingsOptions>>()));
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<ArcticEmbeddingGenerator>());
        return services;
    }
}
