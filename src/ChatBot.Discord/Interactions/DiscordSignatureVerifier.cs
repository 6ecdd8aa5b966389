using System.Globalization;
using NSec.Cryptography;

namespace ChatBot.Discord.Interactions;

/// <summary>Why a request's signature was refused (for logs; the caller only ever sees 401).</summary>
public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    Malformed,
    BadSignature,
    StaleTimestamp,
}

/// <summary>
/// Verifies Discord's request signature: Ed25519 over (X-Signature-Timestamp + raw body) with the
/// application's public key, and refuses timestamps outside the tolerance (replays).
/// </summary>
public sealed class DiscordSignatureVerifier
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly PublicKey _publicKey;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _time;

    public DiscordSignatureVerifier(string publicKeyHex, TimeSpan tolerance, TimeProvider? time = null)
    {
        _publicKey = PublicKey.Import(Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
        _tolerance = tolerance;
        _time = time ?? TimeProvider.System;
    }

    public SignatureCheck Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp)) return SignatureCheck.MissingHeaders;
        if (signatureHex.Length != Ed25519.SignatureSize * 2 || timestamp.Length > 20) return SignatureCheck.Malformed;
        byte[] signature;
        try
        {
            signature = Convert.FromHexString(signatureHex);
        }
        catch (FormatException)
        {
            return SignatureCheck.Malformed;
        }

        // The signed message is the timestamp's bytes followed by the body's bytes, exactly as received.
        var message = new byte[timestamp.Length + body.Length];
        var written = System.Text.Encoding.UTF8.GetBytes(timestamp, message);
        body.CopyTo(message.AsSpan(written));
        if (!Ed25519.Verify(_publicKey, message.AsSpan(0, written + body.Length), signature)) return SignatureCheck.BadSignature;

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return SignatureCheck.Malformed;
        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799));
        return age.Duration() > _tolerance ? SignatureCheck.StaleTimestamp : SignatureCheck.Valid;
    }
}
