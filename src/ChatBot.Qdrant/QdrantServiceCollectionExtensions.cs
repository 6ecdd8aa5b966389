using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Qdrant;

public static class QdrantServiceCollectionExtensions
{
    /// <summary>
    /// Registers Qdrant as the <see cref="IChunkVectorIndex"/> (replacing any other): the `Qdrant`
    /// options (validated at start-up), one <see cref="QdrantConnection"/> (gRPC channel with retries
    /// and timeouts, the official client on it; a registered <see cref="TimeProvider"/> drives its
    /// backoff), and a start-up check that refuses an unreachable or too old server.
    /// </summary>
    public static IServiceCollection AddQdrant(this IServiceCollection services)
    {
        services.AddOptions<QdrantOptions>().BindConfiguration(QdrantOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QdrantOptions>, QdrantOptionsValidator>());
        services.TryAddSingleton(sp => new QdrantConnection(sp.GetRequiredService<IOptions<QdrantOptions>>(), sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<QdrantConnection>>()));
        services.TryAddSingleton<QdrantChunkVectorIndex>();
        services.RemoveAll<IChunkVectorIndex>();
        services.AddSingleton<IChunkVectorIndex>(sp => sp.GetRequiredService<QdrantChunkVectorIndex>());
        services.AddHostedService<QdrantStartupCheck>();
        return services;
    }
}
