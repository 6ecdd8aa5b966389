using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Discord.Interactions;

/// <summary>Salted SHA-256 of a user id, so feedback can be grouped per user without storing who they are.</summary>
public static class FeedbackUserHash
{
    public static string Compute(string salt, string userId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + ":" + userId)));
}
