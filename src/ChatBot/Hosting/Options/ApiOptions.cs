using System.ComponentModel.DataAnnotations;

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
    [Range(256, 1_048_576, ErrorMessage = "must be between {1} and {2} bytes.")]
    public int MaxAskBodyBytes { get; set; } = 16 * 1024;
}
