using ChatBot.Core;
using ChatBot.Core.Feedback;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Feedback.Sqlite;

public static class SqliteFeedbackServiceCollectionExtensions
{
    /// <summary>
    /// Stores answer feedback in SQLite (`feedback.db` in the data dir): IFeedbackStore and IFeedbackReport,
    /// plus Core's feedback services (AddChatBotFeedback). Other stores in the same database (quiz scores)
    /// add their steps with <c>services.AddSingleton(new SqliteMigration(...))</c>.
    /// </summary>
    public static IServiceCollection AddSqliteFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddChatBotFeedback(configuration);
        if (services.Any(d => d.ServiceType == typeof(SqliteFeedbackStore))) return services;
        foreach (var migration in SqliteFeedbackStore.Migrations) services.AddSingleton(migration);
        services.TryAddSingleton(sp => new SqliteDatabase(
            Path.Combine(Path.GetFullPath(sp.GetRequiredService<IOptions<ChatBotOptions>>().Value.DataDir), SqliteFeedbackStore.FileName),
            sp.GetServices<SqliteMigration>()));
        services.TryAddSingleton<SqliteFeedbackStore>();
        services.TryAddSingleton<IFeedbackStore>(sp => sp.GetRequiredService<SqliteFeedbackStore>());
        services.TryAddSingleton<IFeedbackReport>(sp => sp.GetRequiredService<SqliteFeedbackStore>());
        return services;
    }
}
