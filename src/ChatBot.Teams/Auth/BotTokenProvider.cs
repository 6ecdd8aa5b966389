using System.Net.Http.Json;
using ChatBot.Teams.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Auth;

/// <summary>
/// Gets the bearer token the bot sends to the Bot Connector: OAuth client credentials
/// (scope https://api.botframework.com/.default) from the token endpoint, cached until shortly before it expires.
/// </summary>
internal sealed class BotTokenProvider(
    IHttpClientFactory httpClientFactory, IOptions<TeamsOptions> options, TimeProvider time, ILogger<BotTokenProvider> logger)
{
    public const string HttpClientName = "Teams.Token";
    public const string Scope = "https://api.botframework.com/.default";
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _cached;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && time.GetUtcNow() < hit.RenewAt) return hit.Token;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } again && time.GetUtcNow() < again.RenewAt) return again.Token;
            var (token, lifetime) = await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
            // Renew 5 minutes early; a very short-lived token is renewed at half its life.
            var margin = lifetime > ExpiryMargin * 2 ? ExpiryMargin : lifetime / 2;
            _cached = (token, time.GetUtcNow() + lifetime - margin);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token (after the connector refused it).</summary>
    public void Invalidate() => _cached = null;

    private async Task<(string Token, TimeSpan Lifetime)> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var endpoint = settings.ResolveTokenEndpoint();
        using var client = httpClientFactory.CreateClient(HttpClientName);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.AppId ?? "",
            ["client_secret"] = settings.AppPassword ?? "",
            ["scope"] = Scope,
        });
        using var response = await client.PostAsync(endpoint, form, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // The error body (AADSTS code and text) holds no secret and says what to fix.
            var error = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            logger.LogError("Token endpoint {Endpoint} refused the bot's credentials: {Status} {Error}",
                endpoint, (int)response.StatusCode, error.Length > 300 ? error[..300] : error);
            throw new HttpRequestException($"Token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
        var body = await response.Content.ReadFromJsonAsync(TeamsJsonContext.Default.TokenResponse, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body?.AccessToken) || body.ExpiresIn <= 0)
            throw new HttpRequestException("Token endpoint answered without access_token/expires_in.");
        logger.LogDebug("Got a Bot Framework token valid for {Seconds} s", body.ExpiresIn);
        return (body.AccessToken, TimeSpan.FromSeconds(body.ExpiresIn));
    }
}
