using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Hosting.Api;

/// <summary>Checks a moderator's X-Api-Key without leaking, through timing, how much of it was right.</summary>
internal static class ModeratorKey
{
    public const string Header = "X-Api-Key";

    public static bool Matches(string? presented, string expected)
    {
        if (string.IsNullOrEmpty(presented)) return false;
        // Hash both first so the comparison takes the same time whatever the lengths.
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(presentedHash, expectedHash);
    }
}
