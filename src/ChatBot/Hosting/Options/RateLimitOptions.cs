using Microsoft.Extensions.Options;

namespace ChatBot.Hosting.Options;

/// <summary>The `RateLimits` section: fixed one-minute windows per user and for the whole server, and for moderators apart.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests one user (X-User-Id when trusted, else the client IP) may make per minute.</summary>
    public int PermitsPerMinute { get; set; } = 30;

    /// <summary>Requests the whole server accepts per minute, all users together.</summary>
    public int GlobalPermitsPerMinute { get; set; } = 1_200;

    /// <summary>
    /// Requests per minute to the moderator routes (corpus, re-index) from one moderator presenting the
    /// key: a bucket of its own, so a flood of questions (or of wrong keys) never locks moderators out.
    /// Each change re-indexes for seconds, so 60 is more than a moderator's script can use.
    /// </summary>
    public int ModeratorPermitsPerMinute { get; set; } = 60;

    /// <summary>
    /// Partition by the `X-User-Id` header. Only turn this on when every request comes through a
    /// trusted adapter or proxy that sets the header: a client could otherwise pick a new id per request.
    /// </summary>
    public bool TrustUserIdHeader { get; set; }
}

internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        if (options.PermitsPerMinute is < 1 or > 100_000) errors.Add("RateLimits:PermitsPerMinute must be between 1 and 100000.");
        if (options.GlobalPermitsPerMinute is < 1 or > 10_000_000) errors.Add("RateLimits:GlobalPermitsPerMinute must be between 1 and 10000000.");
        if (options.ModeratorPermitsPerMinute is < 1 or > 100_000) errors.Add("RateLimits:ModeratorPermitsPerMinute must be between 1 and 100000.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
