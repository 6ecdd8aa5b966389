using ChatBot.Core.Quiz;
using ChatBot.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Feedback.Sqlite;

public static class SqliteQuizProgressServiceCollectionExtensions
{
    /// <summary>Durable quiz scores, streaks and Leitner boxes in SQLite in the data dir (IQuizProgressStore).</summary>
    public static IServiceCollection AddSqliteQuizProgressStore(this IServiceCollection services)
    {
        services.AddOptions<SqliteQuizProgressOptions>()
            .BindConfiguration(SqliteQuizProgressOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DatabaseFile) && o.DatabaseFile.IndexOfAny(Path.GetInvalidPathChars()) < 0,
                "Quiz:DatabaseFile must be a file name (relative to the data dir) or a path.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteQuizProgressStore>();
        services.Replace(ServiceDescriptor.Singleton<IQuizProgressStore>(sp => sp.GetRequiredService<SqliteQuizProgressStore>()));
        return services;
    }
}
