using System.Text;

namespace ChatBot.Core.Corpus;

/// <summary>What a block of a document's text is, as its source marked it (or its shape showed, for plain text).</summary>
public enum BlockKind
{
    Heading,
    Paragraph,
    ListItem,
    TableRow,
    Code,
}

/// <summary>
/// One block of a document's cleaned text: <see cref="Start"/> and <see cref="Length"/> index
/// <see cref="CorpusDocument.Text"/>; <see cref="Section"/> indexes <see cref="DocumentStructure.Sections"/>
/// (-1 before the first heading).
/// </summary>
public sealed record TextBlock(BlockKind Kind, int Start, int Length, int Section)
{
    public int End => Start + Length;
}

/// <summary>
/// A heading and everything under it up to the next heading of the same or a higher level.
/// <see cref="Start"/> is the heading's offset; <see cref="Parent"/> is the enclosing section (-1 at the top).
/// </summary>
public sealed record DocumentSection(string Title, int Level, int Parent, int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>A unit to quote: a sentence of a paragraph, or a whole list item, table row, heading or code block.</summary>
public readonly record struct TextUnit(BlockKind Kind, int Start, int Length, int Section)
{
    public int End => Start + Length;
    public string Of(string text) => text.Substring(Start, Length);
}

/// <summary>
/// The structure of a cleaned document: its blocks in order (separated by a blank line in the text) and
/// its sections (the heading path). The document's own title is metadata, not a section.
/// </summary>
public sealed record DocumentStructure(IReadOnlyList<DocumentSection> Sections, IReadOnlyList<TextBlock> Blocks)
{
    /// <summary>Separates blocks in the cleaned text; never occurs inside a block.</summary>
    public const string BlockSeparator = "\n\n";

    /// <summary>Joins the titles of a section and its parents: "Install > Requirements".</summary>
    public const string PathSeparator = " > ";

    /// <summary>Titles from the outermost section down to <paramref name="section"/>; empty for -1.</summary>
    public IReadOnlyList<string> PathOf(int section)
    {
        var path = new List<string>();
        for (var s = section; s >= 0 && s < Sections.Count; s = Sections[s].Parent) path.Add(Sections[s].Title);
        path.Reverse();
        return path;
    }

    /// <summary>The heading path as one string, or null outside any section.</summary>
    public string? PathText(int section) => section < 0 ? null : string.Join(PathSeparator, PathOf(section));

    /// <summary>The block holding <paramref name="offset"/>, if any (offsets between blocks hold none).</summary>
    public TextBlock? BlockAt(int offset)
    {
        int lo = 0, hi = Blocks.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var b = Blocks[mid];
            if (offset < b.Start) hi = mid - 1;
            else if (offset >= b.End) lo = mid + 1;
            else return b;
        }
        return null;
    }

    /// <summary>
    /// Sentences of paragraphs and whole list items, table rows, headings and code blocks, in text order,
    /// so an answer can quote one unit exactly.
    /// </summary>
    public IEnumerable<TextUnit> Units(string text)
    {
        foreach (var block in Blocks)
        {
            if (block.Kind != BlockKind.Paragraph)
            {
                yield return new TextUnit(block.Kind, block.Start, block.Length, block.Section);
                continue;
            }
            foreach (var s in SentenceSplitter.Split(text, block.Start, block.Length))
                yield return new TextUnit(BlockKind.Paragraph, s.Start, s.Length, block.Section);
        }
    }

    /// <summary>For text built without a parser (tests, stand-ins): every blank-line-separated paragraph is a paragraph block.</summary>
    public static DocumentStructure FromParagraphs(string text) =>
        new([], Chunker.ParagraphSpans(text).Select(p => new TextBlock(BlockKind.Paragraph, p.Start, p.End - p.Start, -1)).ToList());
}

/// <summary>A block as a parser produced it, before offsets exist. <see cref="Level"/> is the heading level (1-6).</summary>
internal readonly record struct RawBlock(BlockKind Kind, string Text, int Level = 0);

/// <summary>What a format parser found in a file: its blocks, and the title and metadata the file itself states.</summary>
internal sealed record ParsedDocument(IReadOnlyList<RawBlock> Blocks, string? Title, string? Author = null, string? Date = null, string? Comments = null)
{
    /// <summary>The day of an ISO date or timestamp ("2024-05-01", "2024-05-01T09:30:00Z"), as metadata keeps it; null for anything else.</summary>
    public static string? DayOf(string? date) =>
        date is { Length: >= 10 } && DateOnly.TryParseExact(date[..10], "yyyy-MM-dd", out _) ? date[..10] : null;
}

/// <summary>Lays blocks out as the cleaned text (one blank line between blocks) and records their offsets and sections.</summary>
internal sealed class StructuredTextBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<TextBlock> _blocks = [];
    private readonly List<(string Title, int Level, int Parent, int Start, int End)> _sections = [];
    private readonly Stack<int> _open = new();

    public void AddRange(IEnumerable<RawBlock> blocks)
    {
        foreach (var b in blocks) Add(b);
    }

    public void Add(RawBlock block)
    {
        var text = block.Kind == BlockKind.Code ? CleanCode(block.Text) : InlineText.Collapse(block.Text);
        if (text.Length == 0 && block.Kind == BlockKind.Heading)
        {
            // An untitled heading closes the sections it would close (a card ends with its last field).
            while (_open.Count > 0 && _sections[_open.Peek()].Level >= Math.Clamp(block.Level, 1, 6)) _open.Pop();
            return;
        }
        if (text.Length == 0) return;
        if (_text.Length > 0) _text.Append(DocumentStructure.BlockSeparator);
        var start = _text.Length;
        _text.Append(text);
        var end = _text.Length;

        if (block.Kind == BlockKind.Heading)
        {
            var level = Math.Clamp(block.Level, 1, 6);
            while (_open.Count > 0 && _sections[_open.Peek()].Level >= level) _open.Pop();
            _sections.Add((text, level, _open.Count > 0 ? _open.Peek() : -1, start, end));
            _open.Push(_sections.Count - 1);
        }
        var section = _open.Count > 0 ? _open.Peek() : -1;
        _blocks.Add(new TextBlock(block.Kind, start, end - start, section));
        // Every open section runs at least to the end of this block.
        foreach (var s in _open) _sections[s] = _sections[s] with { End = end };
    }

    public (string Text, DocumentStructure Structure) Build() =>
        (_text.ToString(), new DocumentStructure(
            _sections.Select(s => new DocumentSection(s.Title, s.Level, s.Parent, s.Start, s.End - s.Start)).ToList(),
            _blocks.ToList()));

    /// <summary>Code keeps its lines (indentation is meaning) but no blank lines, which separate blocks.</summary>
    private static string CleanCode(string code) =>
        string.Join('\n', code.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)).Trim('\n');
}
