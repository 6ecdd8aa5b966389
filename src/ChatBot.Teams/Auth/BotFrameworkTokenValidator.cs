using ChatBot.Teams.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Teams.Auth;

/// <summary>A bearer token that passed signature, issuer, audience and lifetime checks.</summary>
internal sealed record BotToken(string KeyId, IReadOnlySet<string> Endorsements, string? ServiceUrl);

/// <summary>Outcome of a check: <see cref="StatusCode"/> 200 when fine, else the status to answer with.</summary>
internal sealed record AuthCheck(int StatusCode, string Reason, BotToken? Token = null)
{
    public bool Succeeded => StatusCode == 200;
}

/// <summary>
/// Validates the JWT the Bot Connector sends with every activity, as the Bot Framework's
/// "Connector to bot" authentication documents: RS256 signature by a key from the OpenID metadata's
/// JWKS, issuer https://api.botframework.com, audience = the bot's app id, lifetime with 5 minutes
/// of clock skew, the key endorsed for the activity's channel, and the `serviceurl` claim equal to
/// the activity's serviceUrl (so a token cannot make the bot post its replies somewhere else).
/// </summary>
internal sealed class BotFrameworkTokenValidator
{
    public const string Issuer = "https://api.botframework.com";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly TeamsOptions _options;
    private readonly ILogger<BotFrameworkTokenValidator> _logger;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningKeyCache _keys;

    public BotFrameworkTokenValidator(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory,
        ILogger<BotFrameworkTokenValidator> logger, TimeProvider time)
    {
        _options = options.Value;
        _logger = logger;
        _time = time;
        _keys = new SigningKeyCache(_options.OpenIdMetadataUrl, new BotFrameworkConfigurationRetriever(), new FactoryDocumentRetriever(httpClientFactory),
            _options.SigningKeysRefreshInterval, time, logger);
    }

    /// <summary>Checks the Authorization header; 401 when missing or invalid, 503 when the signing keys cannot be had.</summary>
    public async Task<AuthCheck> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        const string scheme = "Bearer ";
        if (string.IsNullOrEmpty(authorizationHeader) || !authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return new AuthCheck(401, "missing bearer token");
        var token = authorizationHeader[scheme.Length..].Trim();

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return new AuthCheck(401, "malformed token");
        }
        // Only RS256 is ever used by the Bot Connector; refuse "none", HS256 and the rest before any key work.
        if (!string.Equals(jwt.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
            return new AuthCheck(401, $"algorithm '{jwt.Alg}' not allowed");
        if (string.IsNullOrEmpty(jwt.Kid))
            return new AuthCheck(401, "token has no key id");

        BotFrameworkOpenIdConfiguration configuration;
        try
        {
            configuration = await _keys.GetAsync(cancellationToken).ConfigureAwait(false);
            if (!configuration.HasKey(jwt.Kid))
                configuration = await _keys.RefreshForUnknownKeyAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Bot Framework signing keys could not be loaded from {MetadataUrl}", _options.OpenIdMetadataUrl);
            return new AuthCheck(503, "signing keys unavailable");
        }
        if (!configuration.HasKey(jwt.Kid))
            return new AuthCheck(401, "unknown signing key");

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = _options.AppId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            TryAllIssuerSigningKeys = false,
            LifetimeValidator = ValidateLifetime,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
            return new AuthCheck(401, result.Exception?.GetType().Name ?? "invalid token");

        var serviceUrl = jwt.TryGetPayloadValue<string>("serviceurl", out var claim) ? claim : null;
        var endorsements = configuration.Endorsements.TryGetValue(jwt.Kid, out var list) ? list : new HashSet<string>();
        return new AuthCheck(200, "ok", new BotToken(jwt.Kid, endorsements, serviceUrl));
    }

    /// <summary>The checks that need the activity: 403 when the key is not endorsed for its channel or the serviceUrl differs.</summary>
    public static AuthCheck Authorize(BotToken token, Activity activity)
    {
        if (string.IsNullOrEmpty(activity.ChannelId) || !token.Endorsements.Contains(activity.ChannelId))
            return new AuthCheck(403, $"signing key not endorsed for channel '{activity.ChannelId}'");
        if (token.ServiceUrl is null || activity.ServiceUrl is null
            || !string.Equals(token.ServiceUrl.TrimEnd('/'), activity.ServiceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            return new AuthCheck(403, "serviceurl claim does not match the activity's serviceUrl");
        return new AuthCheck(200, "ok", token);
    }

    // Lifetime against the injected clock (so tests and the handler agree on "now"), skew both ways.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null || expires.Value.ToUniversalTime() < now - ClockSkew) return false;
        return notBefore is null || notBefore.Value.ToUniversalTime() <= now + ClockSkew;
    }
}
