using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Feedback;

/// <summary>
/// The one user hasher of every surface: turns a platform user id into a salted SHA-256 hash, so feedback
/// can be grouped (and limited) per user without storing who they are. The salt comes from configuration, or is generated once and kept in the data dir.
/// </summary>
public sealed class UserHasher
{
    public const string SaltFileName = "feedback-salt";
    private readonly Lazy<byte[]> _salt;

    public UserHasher(IOptions<FeedbackOptions> feedback, IOptions<ChatBotOptions> chatBot)
    {
        var configured = feedback.Value.Salt;
        var dataDir = Path.GetFullPath(chatBot.Value.DataDir);
        _salt = new(() => string.IsNullOrEmpty(configured) ? LoadOrCreateSalt(dataDir) : Encoding.UTF8.GetBytes(configured));
    }

    /// <summary>"surface:userId" hashed: the same person on Discord and Teams gets different hashes.</summary>
    public string Hash(string surface, string userId)
    {
        var data = Encoding.UTF8.GetBytes($"{surface}:{userId}");
        var salt = _salt.Value;
        var buffer = new byte[salt.Length + data.Length];
        salt.CopyTo(buffer, 0);
        data.CopyTo(buffer, salt.Length);
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }

    private static byte[] LoadOrCreateSalt(string dataDir)
    {
        var path = Path.Combine(dataDir, SaltFileName);
        Directory.CreateDirectory(dataDir);
        if (!File.Exists(path))
        {
            try
            {
                // CreateNew: if two processes race, one wins and the other reads the winner's salt.
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));
                stream.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(path)) { }
        }
        var hex = File.ReadAllText(path).Trim();
        if (hex.Length < 32) throw new InvalidDataException($"{path} does not hold a salt; delete it to make a new one.");
        return Convert.FromHexString(hex);
    }
}
