using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the conversation memory (<see cref="IConversationStore"/>, section `Conversations`) and the
    /// heuristic follow-up rewriter; an LLM provider (AddLlm) replaces the rewriter with its own, which
    /// falls back to this one.
    /// </summary>
    public static IServiceCollection AddChatBotConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConversationOptions>, ConversationOptionsValidator>());
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        services.TryAddSingleton<HeuristicFollowUpRewriter>();
        services.TryAddSingleton<IFollowUpRewriter>(sp => sp.GetRequiredService<HeuristicFollowUpRewriter>());
        return services;
    }
}
