using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Core.Corpus;

/// <summary>
/// Cuts a cleaned document into passages: whole paragraphs packed up to <see cref="TargetWords"/>, long
/// paragraphs cut between sentences, and one sentence of overlap when a paragraph is cut, so an
/// answer that straddles the cut is still found whole. Ids come from the source and the text alone.
/// </summary>
public static class Chunker
{
    public const int TargetWords = 90;
    public const int MaxWords = 160;

    public static IReadOnlyList<Chunk> Chunk(CorpusDocument document)
    {
        var text = document.Text;
        var chunks = new List<Chunk>();
        var paragraphs = ParagraphSpans(text);
        var pending = new List<(int Start, int End)>();
        var pendingWords = 0;

        void Flush()
        {
            if (pending.Count == 0) return;
            Add(chunks, document.Source, text, pending[0].Start, pending[^1].End);
            pending.Clear();
            pendingWords = 0;
        }

        foreach (var (start, end) in paragraphs)
        {
            var words = WordCount(text, start, end);
            if (words > MaxWords)
            {
                Flush();
                SplitLongParagraph(chunks, document.Source, text, start, end);
                continue;
            }
            if (pendingWords > 0 && pendingWords + words > TargetWords) Flush();
            pending.Add((start, end));
            pendingWords += words;
        }
        Flush();
        return chunks;
    }

    /// <summary>Stable id: the first 16 hex digits of SHA-256(source, text).</summary>
    public static string IdFor(string source, string chunkText)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(source + "\0" + chunkText));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>Paragraph spans of a cleaned text (paragraphs are separated by blank lines).</summary>
    public static List<(int Start, int End)> ParagraphSpans(string text)
    {
        var spans = new List<(int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            var next = text.IndexOf("\n\n", i, StringComparison.Ordinal);
            var end = next < 0 ? text.Length : next;
            if (end > i) spans.Add((i, end));
            if (next < 0) break;
            i = next + 2;
        }
        return spans;
    }

    private static void SplitLongParagraph(List<Chunk> chunks, string source, string text, int start, int end)
    {
        var sentences = SentenceSplitter.Split(text, start, end - start);
        var first = 0;
        while (first < sentences.Count)
        {
            var last = first;
            var words = WordCount(text, sentences[first].Start, sentences[first].End);
            while (last + 1 < sentences.Count && words + WordCount(text, sentences[last + 1].Start, sentences[last + 1].End) <= TargetWords + 30)
            {
                last++;
                words += WordCount(text, sentences[last].Start, sentences[last].End);
            }
            Add(chunks, source, text, sentences[first].Start, sentences[last].End);
            if (last + 1 >= sentences.Count) break;
            // One sentence of overlap, unless the window was a single sentence.
            first = last > first ? last : last + 1;
        }
    }

    private static void Add(List<Chunk> chunks, string source, string text, int start, int end)
    {
        var chunkText = text[start..end];
        var id = IdFor(source, chunkText);
        if (chunks.Any(c => c.Id == id)) id = IdFor(source, chunkText + "\0" + chunks.Count);
        chunks.Add(new Chunk(id, source, chunks.Count, chunkText, start, end - start));
    }

    private static int WordCount(string text, int start, int end)
    {
        var count = 0;
        var inWord = false;
        for (var i = start; i < end; i++)
        {
            var isSpace = char.IsWhiteSpace(text[i]);
            if (!isSpace && !inWord) count++;
            inWord = !isSpace;
        }
        return count;
    }
}
