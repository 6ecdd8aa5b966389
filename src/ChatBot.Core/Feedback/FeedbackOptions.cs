using Microsoft.Extensions.Options;

namespace ChatBot.Core.Feedback;

/// <summary>The `Feedback` section.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Salt for user hashes (env `Feedback__Salt`); when unset a random salt is kept in the data dir.</summary>
    public string? Salt { get; set; }

    /// <summary>
    /// How long the server keeps an answer it gave so that 👍/👎 can refer to it. People rate an answer
    /// within minutes of reading it; a day covers a chat left open overnight.
    /// </summary>
    public TimeSpan AnswerRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Memory for kept answers, in MB (sizes are estimated from their text). A typical answer with its
    /// quotes is 2–4 KB, so 32 MB keeps about ten thousand: a day of a busy team. The oldest go first.
    /// </summary>
    public int AnswerCacheMegabytes { get; set; } = 32;

    /// <summary>
    /// Feedback one person may give per minute, on every surface. A person reads an answer before rating
    /// it, so ten a minute is never reached by use; it stops a script from filling the store.
    /// </summary>
    public int PermitsPerMinute { get; set; } = 10;
}

internal sealed class FeedbackOptionsValidator : IValidateOptions<FeedbackOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedbackOptions o)
    {
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(o.Salt) && o.Salt.Length < 16) errors.Add("Feedback:Salt must be at least 16 characters (or unset for a generated one).");
        if (o.AnswerRetention < TimeSpan.FromMinutes(1) || o.AnswerRetention > TimeSpan.FromDays(30)) errors.Add("Feedback:AnswerRetention must be between 00:01:00 and 30.00:00:00.");
        if (o.AnswerCacheMegabytes is < 1 or > 4096) errors.Add("Feedback:AnswerCacheMegabytes must be between 1 and 4096.");
        if (o.PermitsPerMinute is < 1 or > 10_000) errors.Add("Feedback:PermitsPerMinute must be between 1 and 10000.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
