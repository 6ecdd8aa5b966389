using System.Text;
using System.Text.Json;

namespace ChatBot.Core.Embeddings;

/// <summary>
/// The unigram SentencePiece tokenizer of Universal Sentence Encoder lite, written to give exactly
/// the ids of the model's own (TF.js) tokenizer: NFKC, "▁" before the text and for every space,
/// case-sensitive, best path over the piece scores (Viterbi), consecutive unknowns merged.
/// Immutable once built, so one instance serves every thread.
/// </summary>
public sealed class SentencePieceTokenizer
{
    /// <summary>Ids 0–5 are reserved (0 = unknown, &lt;s&gt;, &lt;/s&gt;, three extra) and are never matched.</summary>
    public const int ReservedCount = 6;

    public const int UnknownId = 0;

    private const char Separator = '\u2581';

    private readonly TrieNode _root = new();
    private readonly int[] _pieceLengths;

    public SentencePieceTokenizer(IReadOnlyList<(string Piece, double Score)> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (vocabulary.Count <= ReservedCount) throw new ArgumentException("The vocabulary has no pieces beyond the reserved ids.", nameof(vocabulary));
        VocabularySize = vocabulary.Count;
        _pieceLengths = new int[vocabulary.Count];
        for (var id = 0; id < vocabulary.Count; id++)
        {
            var piece = vocabulary[id].Piece;
            _pieceLengths[id] = CodePointCount(piece);
            if (id >= ReservedCount) Insert(piece, vocabulary[id].Score, id);
        }
    }

    public int VocabularySize { get; }

    /// <summary>Reads a vocabulary file: a JSON array of [piece, score] pairs, index = id; a null score counts as 0.</summary>
    public static SentencePieceTokenizer Load(string vocabularyPath)
    {
        using var stream = File.OpenRead(vocabularyPath);
        using var doc = JsonDocument.Parse(stream);
        var pieces = new List<(string, double)>();
        foreach (var pair in doc.RootElement.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[0].ValueKind != JsonValueKind.String)
                throw new InvalidDataException($"{vocabularyPath}: entry {pieces.Count} is not a [piece, score] pair.");
            var score = pair[1].ValueKind == JsonValueKind.Null ? 0d : pair[1].GetDouble();
            pieces.Add((pair[0].GetString()!, score));
        }
        return new SentencePieceTokenizer(pieces);
    }

    /// <summary>The token ids of <paramref name="text"/>; empty for an empty text.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var symbols = ToSymbols(Prepare(text));
        var n = symbols.Length;
        if (n == 0) return [];

        // best[end] / word[end]: best score of a segmentation of symbols[0..end) and its last piece.
        // Candidates are visited by end, then start, then piece length, and a later candidate wins a
        // tie; a best of exactly 0 is treated as "none yet". Both quirks are the reference's.
        var best = new double[n + 1];
        var word = new int[n + 1];
        var candidates = new List<(int Start, int Id, double Score)>[n + 1];
        for (var start = 0; start < n; start++)
        {
            var found = false;
            var node = _root;
            for (var i = start; i < n; i++)
            {
                if (node.Children is null || !node.Children.TryGetValue(symbols[i], out node)) break;
                if (node.Id >= 0)
                {
                    (candidates[i + 1] ??= []).Add((start, node.Id, node.Score));
                    found = true;
                }
            }
            if (!found) (candidates[start + 1] ??= []).Add((start, UnknownId, 0d));
        }

        for (var end = 1; end <= n; end++)
        {
            var list = candidates[end];
            if (list is null) continue;
            // The list is in ascending start order (filled by ascending start), like the reference's
            // walk over its object keys; one (start, end) pair has a single piece.
            foreach (var (start, id, score) in list)
            {
                var total = score + best[start];
                if (best[end] == 0 || total >= best[end])
                {
                    best[end] = total;
                    word[end] = id;
                }
            }
        }

        // Walk back from the end by the length of each chosen piece's text (id 0's text for an
        // unknown, as the reference does), then merge runs of unknowns.
        var reversed = new List<int>();
        for (var pos = n; pos > 0; pos -= _pieceLengths[word[pos]])
        {
            reversed.Add(word[pos]);
        }
        var ids = new List<int>(reversed.Count);
        var previousUnknown = false;
        foreach (var id in reversed)
        {
            if (!(previousUnknown && id == UnknownId)) ids.Add(id);
            previousUnknown = id == UnknownId;
        }
        ids.Reverse();
        return [.. ids];
    }

    private static string Prepare(string text)
    {
        var normalized = UnicodeNfkc.Normalize(text);
        return normalized.Length == 0 ? normalized : Separator + normalized.Replace(' ', Separator);
    }

    private static int[] ToSymbols(string text)
    {
        var symbols = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes()) symbols.Add(rune.Value);
        return [.. symbols];
    }

    private static int CodePointCount(string s)
    {
        var count = 0;
        foreach (var _ in s.EnumerateRunes()) count++;
        return count;
    }

    private void Insert(string piece, double score, int id)
    {
        var node = _root;
        foreach (var rune in piece.EnumerateRunes())
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(rune.Value, out var child))
            {
                child = new TrieNode();
                node.Children[rune.Value] = child;
            }
            node = child;
        }
        if (node == _root) return; // an empty piece can never match
        // A piece listed twice keeps its last id and score, as in the reference trie.
        node.Id = id;
        node.Score = score;
    }

    private sealed class TrieNode
    {
        public Dictionary<int, TrieNode>? Children;
        public int Id = -1;
        public double Score;
    }
}
