using ChatBot.Core.Quiz;
using ChatBot.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Feedback.Sqlite;

public static class SqliteQuizProgressServiceCollectionExtensions
{
    /// <summary>Durable quiz scores, streaks and Leitner boxes in SQLite in the data dir (IQuizProgressStore).</summary>
    public static IServiceCollection AddSqliteQuizProgressStore(this IServiceCollection services)
    {
        services.AddOptions<SqliteQuizProgressOptions>().BindConfiguration(SqliteQuizProgressOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteQuizProgressOptions>, SqliteQuizProgressOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteQuizProgressStore>();
        services.Replace(ServiceDescriptor.Singleton<IQuizProgressStore>(sp => sp.GetRequiredService<SqliteQuizProgressStore>()));
        return services;
    }
}

internal sealed class SqliteQuizProgressOptionsValidator : IValidateOptions<SqliteQuizProgressOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteQuizProgressOptions o) =>
        !string.IsNullOrWhiteSpace(o.DatabaseFile) && o.DatabaseFile.IndexOfAny(Path.GetInvalidPathChars()) < 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Quiz:DatabaseFile must be a file name (relative to the data dir) or a path.");
}
