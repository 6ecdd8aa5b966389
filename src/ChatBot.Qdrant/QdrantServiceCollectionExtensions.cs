using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ChatBot.Qdrant;

public static class QdrantServiceCollectionExtensions
{
    /// <summary>
    /// Registers Qdrant as the <see cref="IChunkVectorIndex"/> (replacing any other): options from
    /// section `Qdrant` (validated on start), the typed <see cref="QdrantClient"/> on a named
    /// HttpClient with the api-key header, retries with exponential backoff on 429/5xx/timeouts
    /// (Retry-After honoured) and a per-attempt timeout, and a startup check that fails fast with a
    /// clear message when Qdrant is unreachable or older than 1.10.
    /// </summary>
    public static IServiceCollection AddQdrantVectorStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<QdrantOptions>().BindConfiguration(QdrantOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddHttpClient(QdrantClient.HttpClientName, (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<QdrantOptions>>().Value;
                http.BaseAddress = options.GetBaseUri();
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
                if (!string.IsNullOrEmpty(options.ApiKey)) http.DefaultRequestHeaders.Add("api-key", options.ApiKey);
            })
            .AddResilienceHandler("qdrant", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<QdrantOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                    ShouldHandle = options.MaxRetries == 0 ? _ => PredicateResult.False() : new HttpRetryStrategyOptions().ShouldHandle,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    ShouldRetryAfterHeader = true,
                });
                pipeline.AddTimeout(options.Timeout);
            });

        services.TryAddSingleton<QdrantClient>();
        services.TryAddSingleton<QdrantChunkVectorIndex>();
        services.RemoveAll<IChunkVectorIndex>();
        services.AddSingleton<IChunkVectorIndex>(sp => sp.GetRequiredService<QdrantChunkVectorIndex>());
        services.AddHostedService<QdrantStartupCheck>();
        return services;
    }

    /// <summary>
    /// Registers the vector store the configuration asks for: `VectorStore:Provider` = `Embedded`
    /// (default) or `Qdrant`; when the provider is not given and `Qdrant:Url` is set, Qdrant.
    /// </summary>
    public static IServiceCollection AddChatBotVectorStore(this IServiceCollection services, IConfiguration configuration) =>
        VectorStoreOptions.ResolveProvider(configuration) == VectorStoreProvider.Qdrant
            ? services.AddQdrantVectorStore(configuration)
            : services.AddEmbeddedVectorStore(configuration);
}
