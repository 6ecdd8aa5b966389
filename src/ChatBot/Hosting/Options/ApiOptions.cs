using Microsoft.Extensions.Options;

namespace ChatBot.Hosting.Options;

/// <summary>
/// The `Api` section's limits of the HTTP API. The moderator key in the same section
/// (`Api:ModeratorApiKey`) belongs to ChatBot.Core.Moderation.ApiOptions and its IModeratorPolicy,
/// which every moderator route (re-index, corpus upload) checks.
/// </summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest body accepted by POST /api/ask, in bytes.</summary>
    public int MaxAskBodyBytes { get; set; } = 16 * 1024;
}

internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options) =>
        options.MaxAskBodyBytes is < 256 or > 1_048_576
            ? ValidateOptionsResult.Fail("Api:MaxAskBodyBytes must be between 256 and 1048576 bytes.")
            : ValidateOptionsResult.Success;
}
