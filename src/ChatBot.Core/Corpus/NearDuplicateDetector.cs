using System.Text;

namespace ChatBot.Core.Corpus;

/// <summary>
/// Finds text that another document already holds, with word 5-gram shingles. A document mostly
/// contained in a longer one is its near-duplicate (a republished excerpt), and any passage mostly
/// contained in a document ranked before it is not indexed twice, so one passage is never cited twice.
/// </summary>
public static class NearDuplicateDetector
{
    private const int ShingleSize = 5;

    /// <summary>Share of a document's shingles found in another for it to count as a near-duplicate.</summary>
    public const double DocumentThreshold = 0.6;

    /// <summary>Share of a passage's shingles found in an earlier document for it to be dropped.</summary>
    public const double PassageThreshold = 0.7;

    public static HashSet<ulong> Shingles(string text)
    {
        var words = Words(text);
        var set = new HashSet<ulong>();
        for (var i = 0; i + ShingleSize <= words.Count; i++)
        {
            ulong h = 14695981039346656037;
            for (var k = 0; k < ShingleSize; k++)
            {
                foreach (var ch in words[i + k]) { h ^= ch; h *= 1099511628211; }
                h ^= ' '; h *= 1099511628211;
            }
            set.Add(h);
        }
        if (set.Count == 0 && words.Count > 0) set.Add((ulong)string.Join(' ', words).GetHashCode());
        return set;
    }

    /// <summary>|a ∩ b| / |a|: how much of <paramref name="a"/> is in <paramref name="b"/>.</summary>
    public static double Containment(HashSet<ulong> a, HashSet<ulong> b)
    {
        if (a.Count == 0) return 0;
        var shared = 0;
        foreach (var s in a) if (b.Contains(s)) shared++;
        return (double)shared / a.Count;
    }

    /// <summary>Lowercased, accent-folded words with punctuation and apostrophes removed.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var ch in Text.TextFolding.Fold(text))
        {
            if (ch is '\'' or '’') continue;
            if (char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
            else if (sb.Length > 0) { words.Add(sb.ToString()); sb.Clear(); }
        }
        if (sb.Length > 0) words.Add(sb.ToString());
        return words;
    }
}
