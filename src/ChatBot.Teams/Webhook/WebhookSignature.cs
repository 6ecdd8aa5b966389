using System.Security.Cryptography;

namespace ChatBot.Teams.Webhook;

/// <summary>
/// Teams signs each outgoing-webhook request with `Authorization: HMAC &lt;base64&gt;`, the
/// HMAC-SHA256 of the raw body keyed with the base64-decoded security token shown at creation.
/// </summary>
internal static class WebhookSignature
{
    public static bool IsValid(string? authorizationHeader, ReadOnlySpan<byte> body, byte[] key)
    {
        const string scheme = "HMAC ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var presented = authorizationHeader.AsSpan(scheme.Length).Trim();
        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64Chars(presented, given, out var written) || written != HMACSHA256.HashSizeInBytes) return false;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..written]);
    }

    public static byte[] Sign(ReadOnlySpan<byte> body, byte[] key) => HMACSHA256.HashData(key, body);

    public static byte[] DecodeKey(string secret) => Convert.FromBase64String(secret.Trim());
}
