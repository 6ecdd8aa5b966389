using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatBot.Testing.Fakes;

/// <summary>An RSA signing key made in the test, with the Bot Framework `endorsements` (channel ids) it is served with.</summary>
public sealed class FakeSigningKey : IDisposable
{
    public FakeSigningKey(string keyId, params string[] endorsements)
    {
        KeyId = keyId;
        Endorsements = endorsements;
        Rsa = RSA.Create(2048);
    }

    public string KeyId { get; }
    public IReadOnlyList<string> Endorsements { get; }
    public RSA Rsa { get; }

    /// <summary>The key as a JWKS entry (public part only), as login.botframework.com serves it.</summary>
    public JsonObject ToJwk()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64Url(parameters.Modulus!),
            ["e"] = Base64Url(parameters.Exponent!),
            ["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode?)e).ToArray()),
        };
    }

    public void Dispose() => Rsa.Dispose();

    internal static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Mints JWTs by hand (header.payload.signature, base64url) the way the Bot Connector does, and the
/// broken variants an attacker would try (alg none, HS256 keyed with the public key, wrong claims).
/// </summary>
public static class FakeBotFrameworkTokens
{
    public const string Issuer = "https://api.botframework.com";

    public sealed record Claims(
        string Audience,
        string ServiceUrl,
        string Issuer = FakeBotFrameworkTokens.Issuer,
        DateTimeOffset? NotBefore = null,
        DateTimeOffset? Expires = null,
        string? Algorithm = "RS256");

    public static string Mint(FakeSigningKey key, Claims claims)
    {
        var now = DateTimeOffset.UtcNow;
        var header = new JsonObject { ["alg"] = claims.Algorithm, ["typ"] = "JWT", ["kid"] = key.KeyId };
        var payload = new JsonObject
        {
            ["serviceurl"] = claims.ServiceUrl,
            ["nbf"] = (claims.NotBefore ?? now.AddMinutes(-1)).ToUnixTimeSeconds(),
            ["exp"] = (claims.Expires ?? now.AddHours(1)).ToUnixTimeSeconds(),
            ["iss"] = claims.Issuer,
            ["aud"] = claims.Audience,
        };
        var signingInput = FakeSigningKey.Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
                           + FakeSigningKey.Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var data = Encoding.ASCII.GetBytes(signingInput);
        byte[] signature = claims.Algorithm switch
        {
            "RS256" => key.Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            // Key-confusion attack: HMAC keyed with the (public) modulus.
            "HS256" => HMACSHA256.HashData(key.Rsa.ExportParameters(false).Modulus!, data),
            "none" => [],
            _ => throw new ArgumentException("unsupported alg " + claims.Algorithm),
        };
        return signingInput + "." + FakeSigningKey.Base64Url(signature);
    }
}
