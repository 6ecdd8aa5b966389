using ChatBot.Core.Answering.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Core.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the conversation memory (<see cref="IConversationStore"/>, section `Conversations`) and the
    /// follow-up rewriter: <see cref="LlmFollowUpRewriter"/> when Llm:Endpoint is set (falling back to the
    /// heuristic on failure), else <see cref="HeuristicFollowUpRewriter"/>.
    /// </summary>
    public static IServiceCollection AddChatBotConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        services.TryAddSingleton<HeuristicFollowUpRewriter>();

        if (LlmServiceCollectionExtensions.IsLlmEnabled(configuration))
        {
            LlmServiceCollectionExtensions.AddLlmOptions(services);
            LlmServiceCollectionExtensions.AddLlmChat(services);
            services.TryAddSingleton<IFollowUpRewriter, LlmFollowUpRewriter>();
        }
        else
        {
            services.TryAddSingleton<IFollowUpRewriter>(sp => sp.GetRequiredService<HeuristicFollowUpRewriter>());
        }
        return services;
    }
}
