using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Core.Corpus;

/// <summary>
/// Cuts a document into passages along its structure: whole blocks packed until a passage holds
/// <see cref="TargetWords"/> (never past <see cref="MaxWords"/>), a new passage at every heading so a
/// passage belongs to one section and opens with its title, list items and table rows never cut, and a
/// paragraph longer than <see cref="MaxWords"/> cut between sentences with one sentence of overlap, so
/// an answer that straddles the cut is still found whole. Ids come from the source and the text alone.
/// </summary>
/// <remarks>
/// Sizes: arctic-embed-xs reads at most 512 word pieces; 120 English words are about 160 of them, so a
/// passage with its section title stays far below the limit, while 80 words or more give BM25 and the
/// dense model enough context to match a question's paraphrase. A ceiling of 150 made passages of two
/// long paragraphs and cost one probe question (p08: its answer's passage no longer scored as covered);
/// 120 kept the dev and probe figures. Refit by re-running both evals after a change.
/// </remarks>
public static class Chunker
{
    /// <summary>A passage is closed once it holds this many words.</summary>
    public const int TargetWords = 80;

    /// <summary>No passage grows past this by packing; only a single list item or table row this long stays whole.</summary>
    public const int MaxWords = 120;

    public static IReadOnlyList<Chunk> Chunk(CorpusDocument document)
    {
        var text = document.Text;
        var structure = document.Layout;
        var chunks = new List<Chunk>();
        var pending = new List<TextBlock>();
        var pendingWords = 0;

        void Flush()
        {
            // A passage of headings alone has nothing to quote.
            if (pendingWords > 0) Add(chunks, document.Source, text, pending[0].Start, pending[^1].End, Section(structure, pending[0]));
            pending.Clear();
            pendingWords = 0;
        }

        foreach (var block in structure.Blocks)
        {
            if (block.Kind == BlockKind.Heading)
            {
                if (pendingWords > 0) Flush();
                pending.Add(block);
                continue;
            }
            var words = WordCount(text, block.Start, block.End);
            if (words > MaxWords && block.Kind == BlockKind.Paragraph)
            {
                if (pendingWords > 0) Flush();
                var lead = pending.Count > 0 ? pending[0] : null;
                SplitLongParagraph(chunks, document.Source, text, block, lead?.Start, Section(structure, lead ?? block));
                pending.Clear();
                continue;
            }
            if (pendingWords > 0 && (pendingWords >= TargetWords || pendingWords + words > MaxWords)) Flush();
            pending.Add(block);
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

    /// <summary>Paragraph spans of a cleaned text (blocks are separated by blank lines).</summary>
    public static List<(int Start, int End)> ParagraphSpans(string text)
    {
        var spans = new List<(int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            var next = text.IndexOf(DocumentStructure.BlockSeparator, i, StringComparison.Ordinal);
            var end = next < 0 ? text.Length : next;
            if (end > i) spans.Add((i, end));
            if (next < 0) break;
            i = next + DocumentStructure.BlockSeparator.Length;
        }
        return spans;
    }

    private static string? Section(DocumentStructure structure, TextBlock block) => structure.PathText(block.Section);

    /// <summary>Windows of whole sentences up to <see cref="MaxWords"/>; the first also takes the headings before the paragraph.</summary>
    private static void SplitLongParagraph(List<Chunk> chunks, string source, string text, TextBlock block, int? leadStart, string? section)
    {
        var sentences = SentenceSplitter.Split(text, block.Start, block.Length);
        var first = 0;
        while (first < sentences.Count)
        {
            var last = first;
            var words = WordCount(text, sentences[first].Start, sentences[first].End);
            while (last + 1 < sentences.Count && words + WordCount(text, sentences[last + 1].Start, sentences[last + 1].End) <= MaxWords)
            {
                last++;
                words += WordCount(text, sentences[last].Start, sentences[last].End);
            }
            var start = first == 0 && leadStart is { } s ? s : sentences[first].Start;
            Add(chunks, source, text, start, sentences[last].End, section);
            if (last + 1 >= sentences.Count) break;
            // One sentence of overlap, unless the window was a single sentence.
            first = last > first ? last : last + 1;
        }
    }

    private static void Add(List<Chunk> chunks, string source, string text, int start, int end, string? section)
    {
        var chunkText = text[start..end];
        var id = IdFor(source, chunkText);
        if (chunks.Any(c => c.Id == id)) id = IdFor(source, chunkText + "\0" + chunks.Count);
        chunks.Add(new Chunk(id, source, chunks.Count, chunkText, start, end - start, section));
    }

    internal static int WordCount(string text, int start, int end)
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
