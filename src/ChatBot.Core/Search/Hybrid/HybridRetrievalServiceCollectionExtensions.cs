using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Core.Search.Hybrid;

public static class HybridRetrievalServiceCollectionExtensions
{
    /// <summary>
    /// Retrieval with both legs: registers the dense index leg (built beside BM25) and the fusing
    /// retriever in place of BM25 alone. Needs an embedding generator and an IChunkVectorIndex.
    /// </summary>
    public static IServiceCollection AddChatBotHybridRetrieval(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetrievalOptions>().BindConfiguration(RetrievalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ISentenceVectorStore, LocalSentenceVectorStore>();
        services.AddSingleton<IIndexLeg, DenseIndexLeg>();
        services.RemoveAll<IRetriever>();
        services.AddSingleton<IRetriever, HybridRetriever>();
        return services;
    }
}
