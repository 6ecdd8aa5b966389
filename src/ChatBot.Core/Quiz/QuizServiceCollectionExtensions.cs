using ChatBot.Core.Feedback;
using ChatBot.Core.Moderation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.TryAddSingleton(_ => new QuizSessionStore(configuration.GetValue("Quiz:MaxSessions", QuizSessionStore.DefaultCapacity)));
        services.TryAddSingleton<QuizService>();
        services.TryAddSingleton<IQuizService>(sp => sp.GetRequiredService<QuizService>());
        return services;
    }

    /// <summary>Everything for students and moderators: the quiz, corpus administration with its audit log, answer feedback (stores come from the host).</summary>
    public static IServiceCollection AddChatBotStudentsAndModerators(this IServiceCollection services, IConfiguration configuration) =>
        services.AddChatBotQuiz(configuration).AddChatBotModeration(configuration).AddChatBotFeedback(configuration);
}
