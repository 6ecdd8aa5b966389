using System.Text;

namespace ChatBot.Qdrant;

/// <summary>
/// Client-side BM25 term vectors for Qdrant's sparse `bm25` vector. Term ids are stable hashes
/// (FNV-1a of the lowercase UTF-8 token, mod 2^31) so no vocabulary has to be stored; documents
/// carry BM25's saturated term frequency, queries a 1 per term, and Qdrant multiplies in the IDF
/// (`modifier: idf`), which together give the BM25 score.
/// </summary>
public sealed class Bm25SparseVectorizer(double k1 = 1.2, double b = 0.75, double averageDocumentLength = 200)
{
    public static Bm25SparseVectorizer Default { get; } = new();

    /// <summary>Lowercase runs of letters and digits.</summary>
    public static IEnumerable<string> Tokenize(string text)
    {
        var token = new StringBuilder();
        foreach (var c in text ?? "")
        {
            if (char.IsLetterOrDigit(c))
            {
                token.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (token.Length > 0)
            {
                yield return token.ToString();
                token.Clear();
            }
        }
        if (token.Length > 0) yield return token.ToString();
    }

    /// <summary>FNV-1a (32-bit) of the token's UTF-8 bytes, reduced to 31 bits.</summary>
    public static uint TermId(string token)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(token))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash & 0x7FFF_FFFFu;
    }

    /// <summary>Document side: tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen)) per term.</summary>
    public SparseVector ForDocument(string text)
    {
        var counts = Count(text, out var length);
        var norm = k1 * (1 - b + b * length / averageDocumentLength);
        return Build(counts, tf => (float)(tf * (k1 + 1) / (tf + norm)));
    }

    /// <summary>Query side: 1 per distinct term.</summary>
    public SparseVector ForQuery(string text) => Build(Count(text, out _), _ => 1f);

    private static SortedDictionary<uint, int> Count(string text, out int length)
    {
        var counts = new SortedDictionary<uint, int>();
        length = 0;
        foreach (var token in Tokenize(text))
        {
            length++;
            var id = TermId(token);
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        return counts;
    }

    private static SparseVector Build(SortedDictionary<uint, int> counts, Func<int, float> weight) => new()
    {
        Indices = [.. counts.Keys],
        Values = [.. counts.Values.Select(weight)],
    };
}
