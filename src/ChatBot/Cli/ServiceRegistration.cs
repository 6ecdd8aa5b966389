using ChatBot.Core;
using ChatBot.Core.Embeddings;
using ChatBot.Core.Search.Hybrid;
using ChatBot.Embeddings.Onnx;
using ChatBot.Embeddings.OpenAI;
using ChatBot.Feedback.Sqlite;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Qdrant;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Cli;

public static class ServiceRegistration
{
    /// <summary>Everything the engine needs, per configuration: one place for the CLI and the hosted bot.</summary>
    public static IServiceCollection AddChatBotServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddChatBotCore(configuration);
        services.AddChatBotEmbeddings(configuration);
        // The host picks the vector store: VectorStore:Provider, else Qdrant when Qdrant:Url is set.
        if (VectorStoreOptions.ResolveProvider(configuration) == VectorStoreProvider.Qdrant) services.AddQdrant();
        else services.AddEmbeddedVectorStore(configuration);
        services.AddChatBotHybridRetrieval(configuration);
        ChatBot.Core.Quiz.QuizServiceCollectionExtensions.AddChatBotStudentsAndModerators(services, configuration);
        services.AddSqliteFeedback(configuration);
        services.AddSqliteQuizProgressStore();
        return services;
    }

    /// <summary>The embedding provider `Embeddings:Provider` names: the local model (default) or an OpenAI-compatible endpoint.</summary>
    public static IServiceCollection AddChatBotEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        return EmbeddingsOptions.ResolveProvider(configuration) switch
        {
            EmbeddingProvider.OpenAI => services.AddOpenAIEmbeddings(),
            _ => services.AddOnnxEmbeddings(),
        };
    }
}
