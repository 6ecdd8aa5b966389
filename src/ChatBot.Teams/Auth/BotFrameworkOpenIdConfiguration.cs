using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Teams.Auth;

/// <summary>
/// The Bot Framework's OpenID configuration plus each signing key's `endorsements` (the channels the
/// key may sign for). Endorsements are a Bot Framework extension to JWKS that <see cref="JsonWebKey"/>
/// does not model, so they are read from the raw key-set document.
/// </summary>
internal sealed class BotFrameworkOpenIdConfiguration(string json) : OpenIdConnectConfiguration(json)
{
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Endorsements { get; init; } =
        new Dictionary<string, IReadOnlySet<string>>();

    public bool HasKey(string kid) => SigningKeys.Any(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal));
}

/// <summary>Fetches the metadata document, then its jwks_uri, for <see cref="SigningKeyCache"/>.</summary>
internal sealed class BotFrameworkConfigurationRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var metadataJson = await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false);
        var metadata = new OpenIdConnectConfiguration(metadataJson);
        if (string.IsNullOrEmpty(metadata.JwksUri))
            throw new InvalidOperationException($"The OpenID metadata at {address} has no jwks_uri.");

        var jwksJson = await retriever.GetDocumentAsync(metadata.JwksUri, cancel).ConfigureAwait(false);
        var configuration = new BotFrameworkOpenIdConfiguration(metadataJson) { Endorsements = ReadEndorsements(jwksJson) };
        configuration.JsonWebKeySet = new JsonWebKeySet(jwksJson);
        foreach (var key in configuration.JsonWebKeySet.GetSigningKeys())
            configuration.SigningKeys.Add(key);
        return configuration;
    }

    /// <summary>kid → endorsements, from `{"keys":[{"kid":..., "endorsements":[...]}]}`.</summary>
    internal static Dictionary<string, IReadOnlySet<string>> ReadEndorsements(string jwksJson)
    {
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(jwksJson);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array) return result;
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object || !key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String) continue;
            var endorsements = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.String) endorsements.Add(item.GetString()!);
            }
            result[kid.GetString()!] = endorsements;
        }
        return result;
    }
}

/// <summary>
/// Gets metadata documents through IHttpClientFactory; https only, except loopback hosts (local fakes),
/// and with a size cap so a hostile document cannot exhaust memory.
/// </summary>
internal sealed class FactoryDocumentRetriever(IHttpClientFactory httpClientFactory) : IDocumentRetriever
{
    public const string HttpClientName = "Teams.OpenId";
    private const int MaxDocumentBytes = 1024 * 1024;

    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!TeamsOptionsValidator.IsUrl(address))
            throw new InvalidOperationException($"Refusing to fetch signing metadata from '{address}': https is required.");
        using var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new IOException($"GET {address} answered {(int)response.StatusCode}.");
        if (response.Content.Headers.ContentLength > MaxDocumentBytes)
            throw new IOException($"GET {address}: document larger than {MaxDocumentBytes} bytes.");
        var bytes = await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
        if (bytes.Length > MaxDocumentBytes)
            throw new IOException($"GET {address}: document larger than {MaxDocumentBytes} bytes.");
        return System.Text.Encoding.UTF8.GetString(bytes);
    }
}
