using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Embeddings;

public static class EmbeddingsServiceCollectionExtensions
{
    /// <summary>The IHttpClientFactory name of the client the OpenAI-compatible provider uses.</summary>
    public const string OpenAIHttpClientName = "ChatBot.Embeddings.OpenAI";

    /// <summary>
    /// Registers the `Embeddings` options (validated at start-up), the configured
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (string → Embedding&lt;float&gt;, singleton:
    /// the local USE-lite model or an OpenAI-compatible endpoint) and <see cref="IEmbeddingModelInfo"/>.
    /// </summary>
    public static IServiceCollection AddChatBotEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmbeddingsOptions>().BindConfiguration(EmbeddingsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingsOptions>, EmbeddingsOptionsValidator>());
        services.AddHttpClient(OpenAIHttpClientName);

        services.TryAddSingleton<IEmbeddingModelInfo>(sp =>
            EmbeddingModelInfo.From(sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value));
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value;
            return options.Provider switch
            {
                // The model itself loads lazily, on the first embedding asked for.
                EmbeddingProvider.Local => new UseLiteEmbeddingGenerator(options.ModelDir, options.BatchSize, options.IntraOpThreads),
                EmbeddingProvider.OpenAI => OpenAICompatibleEmbeddings.Create(
                    options, sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAIHttpClientName)),
                _ => throw new InvalidOperationException($"Unknown Embeddings:Provider '{options.Provider}'."),
            };
        });
        return services;
    }
}
