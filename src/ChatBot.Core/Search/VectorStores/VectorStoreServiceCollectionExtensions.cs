using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Search.VectorStores;

public static class VectorStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded vector store as <see cref="IChunkVectorIndex"/> (replacing any other):
    /// files under `VectorStore:Directory`, default `{ChatBot:DataDir}/vectors`.
    /// </summary>
    public static IServiceCollection AddEmbeddedVectorStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ChatBotOptions>().BindConfiguration(ChatBotOptions.Section);
        services.AddOptions<VectorStoreOptions>().BindConfiguration(VectorStoreOptions.Section);
        services.TryAddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<VectorStoreOptions>>().Value.Directory;
            if (string.IsNullOrWhiteSpace(directory))
            {
                directory = Path.Combine(sp.GetRequiredService<IOptions<ChatBotOptions>>().Value.DataDir, "vectors");
            }
            return new EmbeddedChunkVectorIndex(directory, sp.GetService<ILogger<EmbeddedChunkVectorIndex>>());
        });
        services.RemoveAll<IChunkVectorIndex>();
        services.AddSingleton<IChunkVectorIndex>(sp => sp.GetRequiredService<EmbeddedChunkVectorIndex>());
        return services;
    }
}
