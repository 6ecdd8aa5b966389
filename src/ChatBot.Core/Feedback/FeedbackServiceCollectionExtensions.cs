using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>
    /// Feedback by answer id for every surface: the `Feedback` section, the answers given (AnswerLedger),
    /// the one UserHasher, the per-user limit and FeedbackService. Storage is a provider's: AddSqliteFeedback.
    /// Safe to call more than once (surfaces call it to be sure they share these).
    /// </summary>
    public static IServiceCollection AddChatBotFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(FeedbackService))) return services;
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeedbackOptions>, FeedbackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UserHasher>();
        services.TryAddSingleton<AnswerLedger>();
        services.TryAddSingleton<FeedbackLimiter>();
        services.TryAddSingleton<FeedbackService>();
        return services;
    }
}
