using Microsoft.Extensions.Options;

namespace ChatBot.Core.Quiz;

/// <summary>The `Quiz` section's engine settings (the progress store's file is the store's own option).</summary>
public sealed class QuizOptions
{
    public const string Section = "Quiz";

    /// <summary>
    /// Quiz sessions kept in memory (where each person's stream of questions stands); the least recently
    /// used go first. A dropped session only starts a fresh stream: scores and boxes are in the progress store.
    /// </summary>
    public int MaxSessions { get; set; } = QuizSessionStore.DefaultCapacity;
}

/// <summary>Start-up checks of the `Quiz` section; messages name the key.</summary>
internal sealed class QuizOptionsValidator : IValidateOptions<QuizOptions>
{
    public ValidateOptionsResult Validate(string? name, QuizOptions options) =>
        options.MaxSessions is >= 1 and <= 1_000_000
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Quiz:MaxSessions must be between 1 and 1000000 (got {options.MaxSessions}).");
}
