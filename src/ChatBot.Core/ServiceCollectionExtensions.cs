using ChatBot.Core.Answering;
using ChatBot.Core.Conversations;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the answer engine: options, corpus loading, the indexes, retrieval and answering
    /// (IAnswerEngine, ICorpusIndex). Other parts (embeddings, vector store, an LLM synthesizer) register their own.
    /// </summary>
    public static IServiceCollection AddChatBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatBotOptions>().BindConfiguration(ChatBotOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatBotOptions>, ChatBotOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataDirLock>();
        services.TryAddSingleton<CorpusLoader>();
        services.TryAddSingleton<CorpusIndex>();
        services.TryAddSingleton<ICorpusIndex>(sp => sp.GetRequiredService<CorpusIndex>());
        services.TryAddSingleton<IRetriever, LexicalRetriever>();
        services.TryAddSingleton<ExtractiveAnswerer>();
        services.AddOptions<AnsweringOptions>().BindConfiguration(AnsweringOptions.Section);
        services.TryAddSingleton<AnswerModels>();
        services.TryAddSingleton(sp => new ResponseTexts(PathResolver.FindUp("prompts", sp.GetRequiredService<IOptions<ChatBotOptions>>().Value.CorpusDir)));
        services.AddChatBotConversations(configuration);
        services.TryAddSingleton<AnswerEngine>();
        services.TryAddSingleton<IAnswerEngine>(sp => sp.GetRequiredService<AnswerEngine>());
        services.TryAddSingleton<Evaluation.EvalRunner>();
        services.TryAddSingleton<Evaluation.ConversationEvalRunner>();
        return services;
    }
}
