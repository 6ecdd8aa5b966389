using Microsoft.Extensions.Options;

namespace ChatBot.Teams;

/// <summary>Start-up checks of the `Teams` section; every message names the key to fix. Nothing is checked when Teams is not configured.</summary>
internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var errors = new List<string>();
        var configured = options.BotEnabled || options.WebhookEnabled || !string.IsNullOrWhiteSpace(options.AppPassword) || !string.IsNullOrWhiteSpace(options.TenantId);
        if (!configured) return ValidateOptionsResult.Success;

        // Settings of the Bot Framework bot given without its app id would be ignored: say so instead.
        if (!options.BotEnabled)
        {
            if (!string.IsNullOrWhiteSpace(options.AppPassword)) errors.Add("Teams:AppId is required when Teams:AppPassword is set.");
            if (!string.IsNullOrWhiteSpace(options.TenantId)) errors.Add("Teams:AppId is required when Teams:TenantId is set.");
        }

        if (options.BotEnabled)
        {
            if (string.IsNullOrWhiteSpace(options.AppPassword))
                errors.Add("Teams:AppPassword is required when Teams:AppId is set (the client secret of the bot's app registration).");
            if (!IsUrl(options.OpenIdMetadataUrl))
                errors.Add($"Teams:OpenIdMetadataUrl must be an absolute https URL (default {TeamsOptions.DefaultOpenIdMetadataUrl}).");
            if (!IsUrl(options.ResolveTokenEndpoint()))
                errors.Add("Teams:TokenEndpoint must be an absolute https URL.");
            if (!string.IsNullOrWhiteSpace(options.TenantId) && !Guid.TryParse(options.TenantId, out _) && !options.TenantId.Contains('.'))
                errors.Add("Teams:TenantId must be the tenant's id (a GUID) or its domain name.");
        }

        if (options.WebhookEnabled && !IsWebhookKey(options.WebhookSecret!))
            errors.Add("Teams:WebhookSecret must be the base64 security token Teams showed when the outgoing webhook was created.");

        for (var i = 0; i < options.ModeratorAadObjectIds.Count; i++)
        {
            if (!Guid.TryParse(options.ModeratorAadObjectIds[i], out _))
                errors.Add($"Teams:ModeratorAadObjectIds:{i} must be an AAD object id (a GUID).");
        }

        if (options.MaxRequestBodyBytes is < 4 * 1024 or > 16 * 1024 * 1024)
            errors.Add("Teams:MaxRequestBodyBytes must be between 4096 and 16777216.");
        if (options.WebhookAnswerTimeout < TimeSpan.FromMilliseconds(100) || options.WebhookAnswerTimeout > TimeSpan.FromSeconds(4.5))
            errors.Add("Teams:WebhookAnswerTimeout must be between 00:00:00.1 and 00:00:04.5 (Teams drops webhook replies after 5 seconds).");
        if (options.SigningKeysRefreshInterval < TimeSpan.FromSeconds(1))
            errors.Add("Teams:SigningKeysRefreshInterval must be at least 00:00:01.");
        if (options.AttachmentHosts.Any(h => string.IsNullOrWhiteSpace(h) || h.Contains('/') || h.Contains(':')))
            errors.Add("Teams:AttachmentHosts must hold host names only (e.g. contoso-my.sharepoint.com or *.sharepoint.com).");
        if (options.MaxConcurrentAnswers is < 1 or > 64)
            errors.Add("Teams:MaxConcurrentAnswers must be between 1 and 64.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>https, or http to a loopback host (local fakes and tunnels only).</summary>
    internal static bool IsUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static bool IsWebhookKey(string secret)
    {
        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret.Trim(), buffer, out var written) && written >= 16;
    }
}
