using ChatBot.Core.Feedback;
using ChatBot.Core.Moderation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Quiz;

public static class QuizServiceCollectionExtensions
{
    /// <summary>
    /// The quiz: question generation from the indexed corpus, grading, per-user sessions (IQuizService).
    /// Needs an IQuizProgressStore (the host adds one, e.g. ChatBot.Feedback.Sqlite's AddSqliteQuizProgressStore) and the UserHasher's salt settings.
    /// </summary>
    public static IServiceCollection AddChatBotQuiz(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions();
        services.TryAddSingleton<UserHasher>();
        services.TryAddSingleton<QuizGenerator>();
        services.AddOptions<QuizOptions>().BindConfiguration(QuizOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuizOptions>, QuizOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new QuizSessionStore(sp.GetRequiredService<IOptions<QuizOptions>>().Value.MaxSessions, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<QuizService>();
        services.TryAddSingleton<IQuizService>(sp => sp.GetRequiredService<QuizService>());
        return services;
    }

    /// <summary>Everything for students and moderators: the quiz, corpus administration with its audit log, answer feedback (stores come from the host).</summary>
    public static IServiceCollection AddChatBotStudentsAndModerators(this IServiceCollection services, IConfiguration configuration) =>
        services.AddChatBotQuiz(configuration).AddChatBotModeration(configuration).AddChatBotFeedback(configuration);
}
