using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Core.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>Durable answer feedback (IFeedbackStore, IFeedbackReport over SQLite in the data dir) and the UserHasher for adapters.</summary>
    public static IServiceCollection AddChatBotFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedbackOptions>()
            .BindConfiguration(FeedbackOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.Salt) || o.Salt.Length >= 16, "Feedback:Salt must be at least 16 characters (or unset for a generated one).")
            .ValidateOnStart();
        services.TryAddSingleton<SqliteFeedbackStore>();
        services.TryAddSingleton<IFeedbackStore>(sp => sp.GetRequiredService<SqliteFeedbackStore>());
        services.TryAddSingleton<IFeedbackReport>(sp => sp.GetRequiredService<SqliteFeedbackStore>());
        services.TryAddSingleton<UserHasher>();
        return services;
    }
}
