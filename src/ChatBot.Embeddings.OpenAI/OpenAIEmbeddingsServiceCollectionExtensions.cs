using ChatBot.Core.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.OpenAI;

public static class OpenAIEmbeddingsServiceCollectionExtensions
{
    /// <summary>The IHttpClientFactory name of the client the provider uses.</summary>
    public const string HttpClientName = "ChatBot.Embeddings.OpenAI";

    /// <summary>
    /// An OpenAI-compatible embeddings endpoint (OpenAI, Azure OpenAI, Ollama, ...) as the singleton
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (string → Embedding&lt;float&gt;), with its
    /// <see cref="IEmbeddingModelInfo"/> and the `Embeddings` options (endpoint, model, key, dimensions,
    /// prefixes) validated at start-up.
    /// </summary>
    public static IServiceCollection AddOpenAIEmbeddings(this IServiceCollection services, Action<OpenAIEmbeddingsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<OpenAIEmbeddingsOptions>().BindConfiguration(OpenAIEmbeddingsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenAIEmbeddingsOptions>, OpenAIEmbeddingsOptionsValidator>());
        if (configure is not null) options.Configure(configure);
        services.AddHttpClient(HttpClientName);
        services.TryAddSingleton<IEmbeddingModelInfo>(sp =>
            OpenAICompatibleEmbeddings.ModelInfo(sp.GetRequiredService<IOptions<OpenAIEmbeddingsOptions>>().Value));
        services.TryAddSingleton(sp => OpenAICompatibleEmbeddings.Create(
            sp.GetRequiredService<IOptions<OpenAIEmbeddingsOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        return services;
    }
}
