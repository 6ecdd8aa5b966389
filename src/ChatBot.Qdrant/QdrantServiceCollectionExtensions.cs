using ChatBot.Core;
using ChatBot.Core.Moderation;
using ChatBot.Core.Search;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Qdrant;

public static class QdrantServiceCollectionExtensions
{
    /// <summary>
    /// Registers Qdrant as the vector store and the shared corpus: the `Qdrant` options (validated at
    /// start-up), one <see cref="QdrantConnection"/> (gRPC channel with retries and timeouts, the official
    /// client on it; a registered <see cref="TimeProvider"/> drives its backoff and the follower), the
    /// <see cref="IChunkVectorIndex"/>, the <see cref="ISharedCorpus"/> that <see cref="CorpusIndex"/> serves
    /// and publishes and that moderators change (<see cref="ICorpusStore"/>, replacing the corpus folder),
    /// reuse of the published version's vectors by the embedding generator registered so far, the follower
    /// that switches `serve` to a newly published version, and a start-up check that refuses an unreachable
    /// or too old server.
    /// </summary>
    public static IServiceCollection AddQdrant(this IServiceCollection services)
    {
        services.AddOptions<QdrantOptions>().BindConfiguration(QdrantOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QdrantOptions>, QdrantOptionsValidator>());
        services.AddOptions<ChatBotOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new QdrantConnection(sp.GetRequiredService<IOptions<QdrantOptions>>(), sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<QdrantConnection>>()));
        services.TryAddSingleton<QdrantChunkVectorIndex>();
        services.RemoveAll<IChunkVectorIndex>();
        services.AddSingleton<IChunkVectorIndex>(sp => sp.GetRequiredService<QdrantChunkVectorIndex>());

        services.AddEmbeddingReuse();
        services.TryAddSingleton<QdrantSharedCorpus>();
        services.TryAddSingleton<ISharedCorpus>(sp => sp.GetRequiredService<QdrantSharedCorpus>());
        services.RemoveAll<ICorpusStore>();
        services.AddSingleton<ICorpusStore>(sp => sp.GetRequiredService<QdrantSharedCorpus>());
        services.AddHostedService(sp => new SharedCorpusFollower(sp.GetService<CorpusIndex>(), sp.GetRequiredService<IOptions<QdrantOptions>>().Value.PollInterval,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SharedCorpusFollower>>()));
        services.AddHostedService<QdrantStartupCheck>();
        return services;
    }
}
