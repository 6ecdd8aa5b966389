using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the answer engine: options, corpus loading, the indexes, retrieval and answering
    /// (IAnswerEngine, ICorpusIndex). Other parts (embeddings, vector store, LLM) register their own.
    /// </summary>
    public static IServiceCollection AddChatBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatBotOptions>().BindConfiguration(ChatBotOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The engine registrations land with the answer-engine issue (#3).
        return services;
    }
}
