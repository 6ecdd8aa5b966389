using System.Text.RegularExpressions;
using ChatBot.Core.Moderation.Downloads;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord;

/// <summary>The `Discord` configuration section (env `Discord__ApplicationId`, `Discord__PublicKey`, ...).</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    /// <summary>The application's id (a snowflake). Discord is on when this is set; PublicKey or BotToken without it is a configuration error.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key, 64 hex characters (Developer Portal → General Information).</summary>
    public string? PublicKey { get; set; }

    /// <summary>Bot token: needed for the gateway, for registering commands and for channel messages. Never logged.</summary>
    public string? BotToken { get; set; }

    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Gateway URL; when empty it is asked from GET /gateway/bot.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>Role ids whose members may use moderator commands (besides members with MANAGE_GUILD).</summary>
    public List<string> ModeratorRoleIds { get; set; } = [];

    /// <summary>Channels where a mention is answered in a new thread started from the message instead of a reply.</summary>
    public List<string> ThreadChannelIds { get; set; } = [];

    /// <summary>Hosts `/corpus add` downloads attachments from (every redirect too); empty = Discord's CDN (<see cref="DiscordCdnHosts"/>).</summary>
    public List<string> AttachmentHosts { get; set; } = [];

    public static readonly IReadOnlyList<string> DiscordCdnHosts = ["cdn.discordapp.com", "media.discordapp.net"];

    /// <summary>Where `/corpus add` may fetch from, for the shared attachment downloader (https only, checked on every hop).</summary>
    public DownloadSource AttachmentSource => new("Discord's CDN", AttachmentHosts.Count == 0 ? DiscordCdnHosts : AttachmentHosts);

    /// <summary>Connect to the gateway (answers @mentions and DMs) when a bot token is configured.</summary>
    public bool EnableGateway { get; set; } = true;

    /// <summary>Largest interaction request body accepted, in bytes.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How old (or how far in the future) a signed request's timestamp may be.</summary>
    public TimeSpan SignatureTimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait before re-identifying after an Invalid Session (op 9); null = random 1–5 s as Discord asks.</summary>
    public TimeSpan? InvalidSessionDelay { get; set; }

    /// <summary>With an LLM, `/ask` shows the answer as it is written, editing the reply at most this often.</summary>
    public TimeSpan StreamingEditInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per REST request when Discord answers 429 or 5xx.</summary>
    public int MaxRestAttempts { get; set; } = 3;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApplicationId);

    public bool GatewayWanted => EnableGateway && !string.IsNullOrWhiteSpace(BotToken);
}

/// <summary>
/// Checks the section when any of ApplicationId, PublicKey or BotToken is set, naming the offending
/// key: a half-configured Discord (a key without the application id) stops start-up instead of
/// leaving the bot silently off.
/// </summary>
internal sealed partial class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions o)
    {
        var given = new[] { (nameof(o.ApplicationId), o.ApplicationId), (nameof(o.PublicKey), o.PublicKey), (nameof(o.BotToken), o.BotToken) }
            .Where(k => !string.IsNullOrWhiteSpace(k.Item2)).Select(k => k.Item1).ToList();
        if (given.Count == 0) return ValidateOptionsResult.Success;
        var errors = new List<string>();
        const string p = DiscordOptions.Section + ":";
        if (!o.IsConfigured)
            errors.Add($"{p}ApplicationId is required when {string.Join(" and ", given.Select(k => p + k))} {(given.Count == 1 ? "is" : "are")} set (Developer Portal → General Information → Application ID).");
        else if (!Snowflake().IsMatch(o.ApplicationId!)) errors.Add($"{p}ApplicationId must be a numeric snowflake id.");
        if (string.IsNullOrWhiteSpace(o.PublicKey)) errors.Add($"{p}PublicKey is required to verify interactions (Developer Portal → General Information → Public Key, 64 hex characters).");
        else if (!Hex64().IsMatch(o.PublicKey)) errors.Add($"{p}PublicKey must be 64 hex characters (the application's Ed25519 public key).");
        if (!Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
            errors.Add($"{p}ApiBaseUrl must be an absolute http(s) URL.");
        if (!string.IsNullOrWhiteSpace(o.GatewayUrl) && (!Uri.TryCreate(o.GatewayUrl, UriKind.Absolute, out var gw) || (gw.Scheme != "wss" && gw.Scheme != "ws")))
            errors.Add($"{p}GatewayUrl must be an absolute ws(s) URL.");
        if (o.BotToken is { } token && (token.Length < 20 || token.Any(char.IsWhiteSpace)))
            errors.Add($"{p}BotToken does not look like a bot token (too short or contains whitespace).");
        foreach (var id in o.ModeratorRoleIds.Where(id => !Snowflake().IsMatch(id))) errors.Add($"{p}ModeratorRoleIds contains '{id}', which is not a snowflake id.");
        foreach (var id in o.ThreadChannelIds.Where(id => !Snowflake().IsMatch(id))) errors.Add($"{p}ThreadChannelIds contains '{id}', which is not a snowflake id.");
        if (o.MaxRequestBodyBytes is < 1024 or > 8 * 1024 * 1024) errors.Add($"{p}MaxRequestBodyBytes must be between 1024 and 8388608.");
        if (o.SignatureTimestampTolerance <= TimeSpan.Zero) errors.Add($"{p}SignatureTimestampTolerance must be positive.");
        if (o.StreamingEditInterval < TimeSpan.FromMilliseconds(500)) errors.Add($"{p}StreamingEditInterval must be at least 00:00:00.5 (Discord rate-limits message edits).");
        if (o.MaxRestAttempts is < 1 or > 10) errors.Add($"{p}MaxRestAttempts must be between 1 and 10.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[0-9]{1,20}$")] internal static partial Regex Snowflake();
    [GeneratedRegex("^[0-9a-fA-F]{64}$")] private static partial Regex Hex64();
}
