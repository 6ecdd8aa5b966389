using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Core.Corpus;

/// <summary>A block of a plain-text file as its shape shows it, before page chrome is told from content.</summary>
/// <param name="Tight">No blank line separates this block from the next one: a line of a list written one item per line
/// (a label over a list of names), or a heading over its paragraph.</param>
/// <param name="Numbered">A list item that opened with a number ("3. "): a numbered heading when it stands alone.</param>
internal sealed record TextFileBlock(BlockKind Kind, string Text, int Level, int Lines, bool Marked, bool Tight = false, string? Numbered = null);

/// <summary>
/// Splits a plain-text file into blocks by shape: blank lines end paragraphs; lines of a hard-wrapped
/// file are joined back into their paragraph; "- ", "* ", "1. ", "a) " start list items (with their
/// indented or wrapped continuation lines); a line underlined with === or --- and a "# " line are
/// headings, and so is an unpunctuated line right above a list and a numbered line standing alone over paragraphs
/// ("2. Budget"); "| a | b |" lines are table rows; lines with no blank line between them are marked as such, so the
/// cleaner can read a one-item-per-line list. Whether a short line is a heading is decided later
/// (<see cref="PageTextCleaner"/>), since that depends on what follows it.
/// </summary>
internal static partial class PlainTextReader
{
    /// <summary>A file whose lines (95th percentile) are at most this long is hard-wrapped; longer lines are one paragraph each.</summary>
    public const int MaxWrapWidth = 100;

    /// <summary>Below this the "wrap width" is just short lines (a list of names), not a wrapped text.</summary>
    public const int MinWrapWidth = 50;

    /// <summary>
    /// Columns a wrapped line may stop short of the estimated width and still count as full: the width is a 95th
    /// percentile, and a writer wrapping by hand or at a slightly wider margin leaves lines a short word short of it.
    /// Six columns is one short word and its space ("at", "so", "the"); lines of a list of names stop far shorter.
    /// </summary>
    public const int WrapSlack = 6;

    public static ParsedDocument Read(string text, string? knownTitle = null, IReadOnlySet<string>? repeatedLines = null) =>
        PageTextCleaner.Clean(Parse(text), knownTitle, repeatedLines);

    public static List<TextFileBlock> Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')
            .Select(l => l.Replace("\t", "    ").TrimEnd())
            .ToList();
        var width = WrapWidth(lines);
        var blocks = new List<TextFileBlock>();

        BlockKind? kind = null;
        string? numbered = null;
        var parts = new List<string>();
        var textColumn = 0;
        var blankBefore = false;
        string? previous = null;
        string[]? tableHeader = null;

        void Close()
        {
            if (kind is { } k && InlineText.Collapse(string.Join(' ', parts)) is { Length: > 0 } joined)
                blocks.Add(new TextFileBlock(k, joined, 0, parts.Count, false, Numbered: k == BlockKind.ListItem ? numbered : null));
            kind = null;
            numbered = null;
            parts.Clear();
        }

        // Blocks that a line break (not a blank line) separates from the next one.
        var tightAfter = new HashSet<int>();
        void MarkTight()
        {
            if (blocks.Count > 0 && !blankBefore) tightAfter.Add(blocks.Count - 1);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                blankBefore = true;
                if (kind != BlockKind.ListItem) Close();
                previous = null;
                tableHeader = null;
                continue;
            }
            var indent = line.Length - line.TrimStart().Length;

            if (Underline().IsMatch(trimmed))
            {
                // "Title\n=====" is a heading; a rule on its own is a separator.
                if (kind == BlockKind.Paragraph && parts.Count == 1 && !blankBefore && trimmed.Length >= 3 && trimmed.Length >= parts[0].Length / 2)
                {
                    blocks.Add(new TextFileBlock(BlockKind.Heading, InlineText.Collapse(parts[0]), trimmed[0] == '=' ? 1 : 2, 1, true));
                    kind = null;
                    parts.Clear();
                }
                else Close();
                previous = null;
                blankBefore = false;
                continue;
            }

            var atx = AtxHeading().Match(trimmed);
            if (atx.Success)
            {
                Close();
                if (InlineText.Collapse(atx.Groups["text"].Value) is { Length: > 0 } heading)
                    blocks.Add(new TextFileBlock(BlockKind.Heading, heading, atx.Groups["hashes"].Length, 1, true));
                previous = null;
                blankBefore = false;
                continue;
            }

            if (trimmed.Length > 1 && trimmed[0] == '|' && trimmed[^1] == '|')
            {
                Close();
                var cells = trimmed[1..^1].Split('|').Select(c => c.Trim()).ToArray();
                if (cells.All(c => TableSeparatorCell().IsMatch(c))) { previous = null; continue; }
                var next = i + 1 < lines.Count ? lines[i + 1].Trim() : "";
                var nextIsSeparator = next.StartsWith('|') && next.Trim('|').Split('|').All(c => TableSeparatorCell().IsMatch(c.Trim()));
                if (nextIsSeparator) tableHeader = cells;
                else if (TableText.Row(tableHeader, cells) is { Length: > 0 } row) blocks.Add(new TextFileBlock(BlockKind.TableRow, row, 0, 1, true));
                previous = null;
                blankBefore = false;
                continue;
            }

            // Columns aligned by spaces ("Route   Weekdays   Sundays" over "12      every 10   every 30") are a table.
            if (kind is null && AlignedTable(lines, i) is { } aligned)
            {
                foreach (var cells in aligned.Rows)
                    if (TableText.Row(aligned.Header, cells) is { Length: > 0 } row) blocks.Add(new TextFileBlock(BlockKind.TableRow, row, 0, 1, true));
                i += aligned.Lines - 1;
                previous = null;
                blankBefore = false;
                continue;
            }

            // An indented block after a blank line under a line that ends in a colon ("Run this:") is a command or a
            // listing, kept as code with its lines (a short one only, as in Markdown).
            if (blankBefore && indent >= CodeIndent && blocks.Count > 0 && blocks[^1].Text.EndsWith(':') && kind is null or BlockKind.Paragraph
                && CodeLines(lines, i) is { Count: > 0 and <= MarkdownReader.MaxCodeLines } code)
            {
                Close();
                blocks.Add(new TextFileBlock(BlockKind.Code, string.Join('\n', code), 0, code.Count, true));
                i += code.Count - 1;
                previous = null;
                blankBefore = false;
                continue;
            }

            var marker = ListMarker().Match(trimmed);
            if (marker.Success)
            {
                // A line of its own with no closing punctuation, right above a list with no blank line between ("3 May 2025 - Bus 9
                // merged into Bus 4" over its changes), is the list's heading whatever its wording: a plain-text file's way of titling
                // an entry (PageTextCleaner judges other lines by their shape, and drops a long lower-case one as a headline).
                if (kind == BlockKind.Paragraph && parts.Count == 1 && !blankBefore && !InlineText.EndsSentence(parts[0].TrimEnd()) && !parts[0].TrimEnd().EndsWith(':')
                    && InlineText.WordCount(parts[0]) <= PageTextCleaner.MaxTitleCaseHeadingWords)
                {
                    // Unmarked: it sits under the last marked heading, as a heading known by its shape does (level 6: the lowest, never
                    // chosen as the page title over a marked one).
                    blocks.Add(new TextFileBlock(BlockKind.Heading, InlineText.Collapse(parts[0]), 6, 1, false));
                    kind = null;
                    parts.Clear();
                }
                Close();
                kind = BlockKind.ListItem;
                numbered = char.IsDigit(marker.Groups["marker"].Value.TrimStart('(')[0]) ? marker.Groups["marker"].Value : null;
                parts.Add(marker.Groups["text"].Value);
                textColumn = indent + marker.Groups["marker"].Length + 1;
                previous = line;
                blankBefore = false;
                continue;
            }

            if (kind == BlockKind.ListItem)
            {
                var continues = blankBefore
                    ? indent >= textColumn
                    : indent > 0 && indent >= textColumn - 1 || Wrapped(previous, trimmed, width);
                if (continues)
                {
                    parts.Add(trimmed);
                    previous = line;
                    blankBefore = false;
                    continue;
                }
                Close();
            }
            else if (kind == BlockKind.Paragraph && !blankBefore && Wrapped(previous, trimmed, width))
            {
                parts.Add(trimmed);
                previous = line;
                continue;
            }

            Close();
            if (previous is not null) MarkTight();
            kind = BlockKind.Paragraph;
            parts.Add(trimmed);
            previous = line;
            blankBefore = false;
        }
        Close();
        return NumberedHeadings(blocks.Select((b, i) => tightAfter.Contains(i) ? b with { Tight = true } : b).ToList());
    }

    /// <summary>
    /// A numbered item that stands alone, unpunctuated and short, with paragraphs rather than further items around it
    /// ("3. Parking permits" over the minutes of that item), is a numbered heading. Its number is left out of the title:
    /// a section titled "3." put a stray number before the answerer (a count question answered "3").
    /// </summary>
    private static List<TextFileBlock> NumberedHeadings(List<TextFileBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            if (b.Numbered is null || InlineText.EndsSentence(b.Text) || b.Text.EndsWith(':') || b.Text.EndsWith(',') || b.Text.EndsWith(';')
                || InlineText.WordCount(b.Text) > PageTextCleaner.MaxTitleCaseHeadingWords) continue;
            var alone = (i == 0 || blocks[i - 1].Kind != BlockKind.ListItem) && i + 1 < blocks.Count && blocks[i + 1].Kind == BlockKind.Paragraph;
            if (alone) blocks[i] = b with { Kind = BlockKind.Heading, Level = 6, Lines = 1, Numbered = null };
        }
        return blocks;
    }

    /// <summary>A table whose columns are aligned with spaces: its column names (when it has a header line) and its rows' cells.</summary>
    private sealed record AlignedRows(string[]? Header, List<string[]> Rows, int Lines);

    /// <summary>Fewest lines (a dashed rule under the header not counted) an aligned table has: one or two aligned lines are chance.</summary>
    private const int MinAlignedLines = 3;

    /// <summary>
    /// Cell starts of two lines of one aligned table differ by at most this many columns: a writer aligning by eye (or a
    /// right-aligned number column) is a column or two off; prose with double spaces after its full stops is not this regular.
    /// </summary>
    private const int AlignSlack = 2;

    /// <summary>Most words in a cell of an aligned table: a longer "cell" is prose that happens to hold a double space.</summary>
    private const int MaxAlignedCellWords = 10;

    /// <summary>
    /// The aligned table starting at line <paramref name="start"/>, or null: at least <see cref="MinAlignedLines"/> lines
    /// up to the next blank line, each cut by runs of two or more spaces into the same number (two or more) of short cells
    /// starting at the same columns. The first line is the header when a dashed rule follows it ("-----  -----"), or when
    /// it alone holds no digit (names over values); otherwise every line is a row.
    /// </summary>
    private static AlignedRows? AlignedTable(IReadOnlyList<string> lines, int start)
    {
        var rows = new List<(string[] Cells, int[] Starts)>();
        var rule = -1;
        var end = start;
        for (; end < lines.Count && lines[end].Trim().Length > 0; end++)
        {
            var line = lines[end];
            if (rows.Count == 1 && rule < 0 && DashedRule().IsMatch(line.Trim())) { rule = end; continue; }
            var cells = CellGap().Split(line.Trim());
            if (cells.Length < 2 || cells.Any(c => InlineText.WordCount(c) > MaxAlignedCellWords)) return null;
            var indent = line.Length - line.TrimStart().Length;
            var starts = CellGap().Matches(line.Trim()).Select(m => indent + m.Index + m.Length).ToArray();
            if (rows.Count > 0 && (cells.Length != rows[0].Cells.Length || starts.Where((s, k) => Math.Abs(s - rows[0].Starts[k]) > AlignSlack).Any()))
                return null;
            rows.Add((cells, starts));
        }
        if (rows.Count < MinAlignedLines) return null;
        var header = rule >= 0 || !rows[0].Cells.Any(HasDigit) && rows.Skip(1).All(r => r.Cells.Any(HasDigit)) ? rows[0].Cells : null;
        return new AlignedRows(header, rows.Skip(header is null ? 0 : 1).Select(r => r.Cells).ToList(), end - start);

        static bool HasDigit(string cell) => cell.Any(char.IsDigit);
    }

    // Two or more spaces between the cells of an aligned line (tabs are four spaces by now).
    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex CellGap();

    // The rule under an aligned table's header: dashes (or = / _) in groups, one per column.
    [GeneratedRegex(@"^[-=_]{2,}(\s+[-=_]{2,})+$")]
    private static partial Regex DashedRule();

    /// <summary>Indentation that marks a code block in plain text, as in Markdown.</summary>
    public const int CodeIndent = 4;

    /// <summary>The indented lines from <paramref name="start"/> up to the next blank or less indented line, trimmed.</summary>
    private static List<string> CodeLines(IReadOnlyList<string> lines, int start)
    {
        var code = new List<string>();
        for (var k = start; k < lines.Count && lines[k].Trim().Length > 0 && lines[k].Length - lines[k].TrimStart().Length >= CodeIndent; k++)
            code.Add(lines[k].Trim());
        return code;
    }

    /// <summary>The column a hard-wrapped file was wrapped at, or <see cref="int.MaxValue"/> when its lines are whole paragraphs.</summary>
    public static int WrapWidth(IReadOnlyList<string> lines)
    {
        var lengths = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length).Order().ToList();
        if (lengths.Count < 3) return int.MaxValue;
        var p95 = lengths[(int)Math.Floor(0.95 * (lengths.Count - 1))];
        return p95 is >= MinWrapWidth and <= MaxWrapWidth ? p95 : int.MaxValue;
    }

    /// <summary>
    /// Whether a line break inside a paragraph was made by wrapping: the next line starts in lower case after
    /// a line with no closing punctuation, or (in a hard-wrapped file) its first word would not have fitted.
    /// </summary>
    private static bool Wrapped(string? previous, string next, int width)
    {
        if (previous is null) return false;
        var t = previous.TrimEnd();
        var closed = InlineText.EndsSentence(t) || t.EndsWith(':');
        // A sentence that goes on in lower case on the next line was wrapped, whatever the file's width; an opening
        // quote or bracket before the lower-case word changes nothing ("she would reply / "at the next meeting".").
        var opening = next.TrimStart('"', '“', '‘', '\'', '(', '[');
        if (!closed && opening.Length > 0 && char.IsLower(opening[0])) return true;
        if (width == int.MaxValue) return false;
        var firstWord = next.Split(' ', 2)[0];
        // A line that opens with the capitalised word its predecessor opened with is the next item of a one-per-line
        // list ("Dr A. Name (Role)" under "Dr B. Name (Role)"): a wrapped sentence does not go on that way.
        if (char.IsUpper(firstWord[0]) && previous.TrimStart().Split(' ', 2)[0] == firstWord) return false;
        // An unfinished line that reaches the margin was wrapped; a finished one only if the next word would not have fitted.
        return previous.Length + 1 + firstWord.Length > width - (closed ? 0 : WrapSlack);
    }

    // "- item", "* item", "+ item", "• item", "1. item", "2) item", "a) item".
    [GeneratedRegex(@"^(?<marker>[-*+•◦▪‣]|\(?\d{1,3}[.)]|\(?[a-z]\))\s+(?<text>\S.*)$")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<text>.+?)\s*#*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^(=+|-+|~+|\^+|\*{3,}|_{3,})$")]
    private static partial Regex Underline();

    [GeneratedRegex(@"^:?-{3,}:?$")]
    private static partial Regex TableSeparatorCell();
}
