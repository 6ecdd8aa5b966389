using System.ComponentModel.DataAnnotations;

namespace ChatBot.Hosting.Options;

/// <summary>The `Api` section: limits of the HTTP API and the moderator key for re-indexing.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// Secret a moderator sends as `X-Api-Key` to call POST /api/reindex (env `Api__ModeratorApiKey`).
    /// Unset: re-indexing over HTTP is off and the route answers 404.
    /// </summary>
    [MinLength(16, ErrorMessage = "must be at least {1} characters long (or left unset to turn re-indexing over HTTP off).")]
    public string? ModeratorApiKey { get; set; }

    /// <summary>Largest body accepted by POST /api/ask, in bytes.</summary>
    [Range(256, 1_048_576, ErrorMessage = "must be between {1} and {2} bytes.")]
    public int MaxAskBodyBytes { get; set; } = 16 * 1024;
}
