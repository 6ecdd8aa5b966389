using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Core.Search.VectorStores;

/// <summary>Turns an index name (corpus hash + model id, any characters) into a safe file/collection name part.</summary>
public static class IndexNames
{
    private const int MaxReadable = 40;

    /// <summary>
    /// Lowercase letters, digits, '-' and '_' kept; anything else becomes '-'. When that changed
    /// the name or it was long, a short hash of the original is appended so names never collide.
    /// </summary>
    public static string ToSafe(string indexName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexName);
        var builder = new StringBuilder(indexName.Length);
        foreach (var c in indexName.ToLowerInvariant())
        {
            builder.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' ? c : '-');
        }
        var readable = builder.ToString();
        if (readable == indexName && readable.Length <= MaxReadable) return readable;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(indexName)))[..10];
        return $"{readable[..Math.Min(readable.Length, MaxReadable)]}-{hash}";
    }
}
