namespace ChatBot.Teams;

/// <summary>
/// The `Teams` configuration section (env `Teams__AppId`, ...). The Bot Framework endpoint is on when
/// <see cref="AppId"/> is set; the outgoing-webhook endpoint is on when <see cref="WebhookSecret"/> is set.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultTokenEndpoint = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    /// <summary>Microsoft App ID of the Azure Bot resource; the audience of incoming tokens.</summary>
    public string? AppId { get; set; }

    /// <summary>Client secret of the app registration; used only to get outgoing tokens. Never logged.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Tenant of a single-tenant bot: outgoing tokens then come from that tenant's token endpoint.</summary>
    public string? TenantId { get; set; }

    /// <summary>The base64 security token Teams shows when an outgoing webhook is created (the HMAC key). Never logged.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where the Bot Framework publishes its OpenID metadata (and through it the signing keys).</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>OAuth token endpoint for outgoing calls; when unset, botframework.com's, or the tenant's with <see cref="TenantId"/>.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>AAD object ids of users allowed to run moderator commands (reindex, corpus file upload, remove, corpus list).</summary>
    public List<string> ModeratorAadObjectIds { get; set; } = [];

    /// <summary>
    /// Hosts files sent to the bot may be downloaded from (file.download.info `downloadUrl`, every redirect
    /// too; "*.example.com" allows any sub-domain). Default: SharePoint Online, where Teams keeps them.
    /// The size limit is Moderation:MaxUploadBytes, the same on every surface.
    /// </summary>
    public List<string> AttachmentHosts { get; set; } = ["*.sharepoint.com"];

    /// <summary>Largest request body accepted on either endpoint.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How long the outgoing webhook waits for the engine before sending a "still working" reply (Teams gives up after 5 s).</summary>
    public TimeSpan WebhookAnswerTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Least time between two refreshes of the signing keys forced by an unknown key id.</summary>
    public TimeSpan SigningKeysRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many incoming activities are answered at the same time.</summary>
    public int MaxConcurrentAnswers { get; set; } = 4;

    public bool BotEnabled => !string.IsNullOrWhiteSpace(AppId);
    public bool WebhookEnabled => !string.IsNullOrWhiteSpace(WebhookSecret);

    /// <summary>The token endpoint actually used: explicit, else the tenant's, else botframework.com's.</summary>
    public string ResolveTokenEndpoint() =>
        !string.IsNullOrWhiteSpace(TokenEndpoint) ? TokenEndpoint
        : !string.IsNullOrWhiteSpace(TenantId) ? $"https://login.microsoftonline.com/{Uri.EscapeDataString(TenantId.Trim())}/oauth2/v2.0/token"
        : DefaultTokenEndpoint;
}
