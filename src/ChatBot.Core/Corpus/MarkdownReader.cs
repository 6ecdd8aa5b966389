using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChatBot.Core.Corpus;

/// <summary>
/// Reads Markdown with Markdig (CommonMark plus pipe and grid tables, task lists, YAML front matter):
/// headings become section titles, paragraphs are joined across their wrapped lines, every list item
/// and table row is its own block. Code blocks of a few lines (a command to run) are kept as code;
/// longer listings are dropped, being neither prose to quote nor text the embedding model reads well.
/// Raw HTML blocks, images, and lists whose every item is a bare link (a table of contents, a "see also" list of pages) are dropped:
/// they name places, not facts, and would otherwise be quoted as an answer.
/// </summary>
internal static class MarkdownReader
{
    /// <summary>A code block up to this many lines is a command or a setting worth finding; longer ones are listings.</summary>
    public const int MaxCodeLines = 5;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseYamlFrontMatter()
        .Build();

    public static ParsedDocument Read(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var blocks = new List<RawBlock>();
        var front = FrontMatter.None;
        foreach (var block in document)
        {
            if (block is YamlFrontMatterBlock yaml) front = FrontMatter.Parse(yaml.Lines.ToString());
            else Visit(block, blocks);
        }

        // The first level-1 heading, when nothing but headings comes before it, is the document's title.
        string? title = null;
        var h1 = blocks.FindIndex(b => b.Kind == BlockKind.Heading && b.Level == 1);
        if (h1 >= 0 && blocks.Take(h1).All(b => b.Kind == BlockKind.Heading) && blocks.Count(b => b.Kind == BlockKind.Heading && b.Level == 1) == 1)
        {
            title = InlineText.Collapse(blocks[h1].Text);
            blocks.RemoveAt(h1);
        }
        title ??= front.Title;
        title ??= blocks.Where(b => b.Kind != BlockKind.Code).Select(b => InlineText.Headline(InlineText.Collapse(b.Text))).FirstOrDefault();
        return new ParsedDocument(blocks, title, front.Author, front.Date);
    }

    private static void Visit(Block block, List<RawBlock> blocks)
    {
        switch (block)
        {
            case HeadingBlock heading:
                if (Inline(heading.Inline).Text is { Length: > 0 } title) blocks.Add(new RawBlock(BlockKind.Heading, title, heading.Level));
                break;
            case ParagraphBlock paragraph:
            {
                var (text, linkShare) = Inline(paragraph.Inline);
                if (text.Length > 0 && linkShare < 1) blocks.Add(new RawBlock(BlockKind.Paragraph, text));
                break;
            }
            case ListBlock list:
                if (IsLinkList(list)) break;
                foreach (var item in list.OfType<ListItemBlock>()) VisitItem(item, blocks);
                break;
            case Table table:
                AddTable(table, blocks);
                break;
            case CodeBlock code:
            {
                var lines = code.Lines.ToString().Split('\n').Where(l => l.Trim().Length > 0).ToList();
                if (lines.Count is > 0 and <= MaxCodeLines) blocks.Add(new RawBlock(BlockKind.Code, string.Join('\n', lines)));
                break;
            }
            case HtmlBlock or ThematicBreakBlock or LinkReferenceDefinitionGroup:
                break;
            case ContainerBlock container: // quotes, custom containers
                foreach (var child in container) Visit(child, blocks);
                break;
        }
    }

    /// <summary>An item's own paragraphs make one block (an item is never split); nested lists follow as their own items.</summary>
    private static void VisitItem(ListItemBlock item, List<RawBlock> blocks)
    {
        var own = new List<string>();
        var nested = new List<Block>();
        foreach (var child in item)
        {
            if (child is ParagraphBlock p) own.Add(Inline(p.Inline).Text);
            else nested.Add(child);
        }
        var text = string.Join(" ", own.Where(t => t.Length > 0));
        if (text.Length > 0) blocks.Add(new RawBlock(BlockKind.ListItem, text));
        foreach (var child in nested) Visit(child, blocks);
    }

    private static void AddTable(Table table, List<RawBlock> blocks)
    {
        string[]? header = null;
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = row.OfType<TableCell>().Select(CellText).ToArray();
            if (row.IsHeader) { header = cells; continue; }
            var text = TableText.Row(header, cells);
            if (text.Length > 0) blocks.Add(new RawBlock(BlockKind.TableRow, text));
        }
    }

    private static string CellText(TableCell cell) =>
        string.Join(" ", cell.OfType<ParagraphBlock>().Select(p => Inline(p.Inline).Text));

    /// <summary>A list whose every item is a single link and nothing else: navigation, to this page's headings or to other pages.</summary>
    private static bool IsLinkList(ListBlock list)
    {
        var items = list.OfType<ListItemBlock>().ToList();
        if (items.Count < 2) return false;
        return items.All(item =>
            item.OfType<ParagraphBlock>().SingleOrDefault()?.Inline is { } inline
            && inline.FirstChild is LinkInline { IsImage: false } link && link.NextSibling is null);
    }

    /// <summary>An inline run as plain text, with the share of its characters that sit inside links.</summary>
    private static (string Text, double LinkShare) Inline(ContainerInline? inline)
    {
        if (inline is null) return ("", 0);
        var sb = new StringBuilder();
        var linked = 0;
        Append(inline, sb, false, ref linked);
        var raw = sb.ToString();
        var text = InlineText.Collapse(raw);
        var letters = raw.Count(c => !char.IsWhiteSpace(c));
        return (text, letters == 0 ? 0 : (double)linked / letters);
    }

    private static void Append(Inline inline, StringBuilder sb, bool inLink, ref int linked)
    {
        switch (inline)
        {
            case LinkInline { IsImage: true }:
                return; // images (and badges) carry no text to quote
            case LinkInline link:
                foreach (var child in link) Append(child, sb, true, ref linked);
                return;
            case AutolinkInline auto:
                Add(auto.Url, sb, true, ref linked);
                return;
            case LiteralInline literal:
                Add(literal.Content.ToString(), sb, inLink, ref linked);
                return;
            case CodeInline code:
                Add(code.Content, sb, inLink, ref linked);
                return;
            case HtmlEntityInline entity:
                Add(entity.Transcoded.ToString(), sb, inLink, ref linked);
                return;
            case LineBreakInline:
                sb.Append(' ');
                return;
            case HtmlInline:
                return;
            case ContainerInline container:
                foreach (var child in container) Append(child, sb, inLink, ref linked);
                return;
        }
    }

    private static void Add(string text, StringBuilder sb, bool inLink, ref int linked)
    {
        sb.Append(text);
        if (inLink) linked += text.Count(c => !char.IsWhiteSpace(c));
    }

    private static string? FrontMatterTitle(string yaml)
    {
        foreach (var line in yaml.Split('\n'))
        {
            var t = line.Trim();
            if (!t.StartsWith("title:", StringComparison.OrdinalIgnoreCase)) continue;
            var value = t[6..].Trim().Trim('"', '\'');
            return value.Length > 0 ? value : null;
        }
        return null;
    }
}

/// <summary>How a table row reads as text: "Header: cell; Header: cell", so each row stands alone when quoted.</summary>
internal static class TableText
{
    public static string Row(IReadOnlyList<string>? header, IReadOnlyList<string> cells)
    {
        // A two-column table without column names ("| | |" over "| Staff | 120 |", or rows of <th>label</th><td>value</td>)
        // is a list of fields: its row reads "Staff: 120", as a "Field: value" line would, so the number is said of the label.
        if ((header is null || header.All(h => InlineText.Collapse(h).Length == 0)) && cells.Count == 2
            && InlineText.Collapse(cells[0]) is { Length: > 0 } label && InlineText.Collapse(cells[1]) is { Length: > 0 } value)
            return Field(label, value);
        var parts = new List<string>();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = InlineText.Collapse(cells[i]);
            if (cell.Length == 0) continue;
            var name = header is not null && i < header.Count ? InlineText.Collapse(header[i]) : "";
            parts.Add(name.Length > 0 && !string.Equals(name, cell, StringComparison.Ordinal) ? $"{name}: {cell}" : cell);
        }
        return string.Join("; ", parts);
    }

    /// <summary>A field as a row or a definition list gives it: "Label: value", with one colon whether or not the label ends in one.</summary>
    public static string Field(string label, string value) => $"{label.TrimEnd(':').TrimEnd()}: {value}";

    /// <summary>
    /// The cells of a row written by <see cref="Row"/>: each with its column name (empty when the table has none) and where its
    /// value stands in <paramref name="row"/>. A "; " inside a value ("Used in links; required for email") cannot be told from
    /// the one between cells, so a piece without a column name goes on the cell before it.
    /// </summary>
    public static IReadOnlyList<RowCell> Cells(string row)
    {
        var cells = new List<RowCell>();
        var start = 0;
        while (start <= row.Length)
        {
            var end = row.IndexOf("; ", start, StringComparison.Ordinal);
            if (end < 0) end = row.Length;
            var colon = row.IndexOf(": ", start, end - start, StringComparison.Ordinal);
            if (colon > start)
                cells.Add(new RowCell(row[start..colon], colon + 2, end));
            else if (cells.Count > 0)
                cells[^1] = cells[^1] with { ValueEnd = end };
            else
                cells.Add(new RowCell("", start, end));
            start = end + 2;
        }
        return cells;
    }
}

/// <summary>A cell of a table row's text: its column name and the span of its value.</summary>
internal readonly record struct RowCell(string Column, int ValueStart, int ValueEnd);
