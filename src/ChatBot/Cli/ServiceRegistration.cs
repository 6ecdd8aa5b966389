using ChatBot.Core;
using ChatBot.Core.Embeddings;
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
        ChatBot.Core.Quiz.QuizServiceCollectionExtensions.AddChatBotStudentsAndModerators(services, configuration);
        return services;
    }
}
