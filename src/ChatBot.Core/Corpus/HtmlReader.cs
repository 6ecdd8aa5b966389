using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ChatBot.Core.Corpus;

/// <summary>
/// Reads an HTML page with AngleSharp and keeps its main content, by structure alone:
/// <list type="number">
/// <item>Elements that are never content go: scripts, styles, forms and their controls, navigation,
/// asides, dialogs, media, page-level headers and footers, anything hidden or given a landmark role
/// other than main; and any small box built around a button or form control (cookie banners,
/// newsletter sign-ups, share bars); a box of links with at most a label (a table of contents); after the story's last
/// paragraph, wrapper boxes holding a link and a few words (a call to support the site, a paywall teaser).</item>
/// <item>The content root is &lt;main&gt; (or role=main), else the only &lt;article&gt;, else the smallest
/// element holding <see cref="RootShare"/> of the page's prose (text in blocks that are not mostly links).</item>
/// <item>Under the root, headings become section titles, paragraphs and loose text become paragraphs,
/// list items and table rows become blocks of their own, short &lt;pre&gt; blocks stay as code; a block
/// whose text is mostly links (<see cref="MaxLinkShare"/>) is navigation and is dropped.</item>
/// <item>The first &lt;h1&gt; is the title; a short label above it is a kicker and goes; a byline or dated line before the
/// first paragraph of prose is metadata.</item>
/// </list>
/// </summary>
internal static class HtmlReader
{
    /// <summary>
    /// Share of a page's prose the content root must hold. Below 1 so a stray sentence in a sidebar does
    /// not pull the root up to &lt;body&gt;; well above one half so two equal columns of content keep both.
    /// </summary>
    public const double RootShare = 0.8;

    /// <summary>A block whose characters are more than half link text is a menu, a link list or a share bar, not content.</summary>
    public const double MaxLinkShare = 0.5;

    /// <summary>A box around a control with fewer words than this is a widget (a banner, a sign-up); more is content that holds a form.</summary>
    public const int MaxWidgetWords = 60;

    private static readonly HashSet<string> NeverContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "math",
        "form", "button", "input", "select", "textarea", "label", "option", "fieldset",
        "nav", "aside", "dialog", "menu", "img", "picture", "video", "audio", "map", "figure", "head",
    };

    private static readonly HashSet<string> NotContentRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu",
        "menubar", "toolbar", "tablist", "form", "status", "alert", "tooltip",
    };

    private static readonly HashSet<string> Controls = new(StringComparer.OrdinalIgnoreCase)
    {
        "button", "input", "select", "textarea",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "details", "dialog", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul", "tbody", "thead", "tfoot", "tr", "td",
        "th", "summary", "caption", "body", "html",
    };

    public static ParsedDocument Read(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var pageTitle = InlineText.Collapse(document.Title ?? "");
        var author = Meta(document, "author");
        var date = Meta(document, "article:published_time") ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime");
        var body = document.Body;
        if (body is null) return new ParsedDocument([], pageTitle.Length > 0 ? pageTitle : null, author, ParsedDocument.DayOf(date));

        RemoveWidgets(body);
        RemoveNonContent(body);
        var root = ContentRoot(body);
        RemoveLinkLists(root);
        RemoveTrailingBoxes(root);

        var blocks = new List<RawBlock>();
        Emit(root, blocks);

        // The page's first level-1 heading is its title (and metadata, not a section); else <title>.
        string? title = null;
        var h1 = blocks.FindIndex(b => b.Kind == BlockKind.Heading && b.Level == 1);
        if (h1 >= 0)
        {
            title = InlineText.Collapse(blocks[h1].Text);
            blocks.RemoveAt(h1);
            // A short unpunctuated line above the headline is a section label (a kicker), not article text.
            while (h1 > 0 && blocks[h1 - 1].Kind == BlockKind.Paragraph && !InlineText.EndsSentence(blocks[h1 - 1].Text)
                   && InlineText.WordCount(blocks[h1 - 1].Text) <= PageTextCleaner.MaxHeadingWords)
            {
                blocks.RemoveAt(--h1);
            }
        }
        // The masthead, before the first paragraph of prose: a byline or a dated line ("A. Writer • 3 May 2025 • 4 min read",
        // "Page updated 3 May 2025") is metadata, as in a page saved as text.
        var firstProse = blocks.FindIndex(b => PageTextCleaner.IsProse(b.Kind, b.Text));
        for (var i = (firstProse < 0 ? blocks.Count : firstProse) - 1; i >= 0; i--)
        {
            if (blocks[i].Kind != BlockKind.Paragraph) continue;
            if (PageTextCleaner.Byline(blocks[i].Text) is null && !PageTextCleaner.IsDatedLine(blocks[i].Text)) continue;
            author ??= PageTextCleaner.MastheadAuthor(blocks[i].Text);
            date ??= PageTextCleaner.DateIn(blocks[i].Text);
            blocks.RemoveAt(i);
        }
        if (title is null && pageTitle.Length > 0) title = pageTitle;
        title ??= blocks.Where(b => b.Kind != BlockKind.Code && b.Text.Length > 0).Select(b => InlineText.Headline(InlineText.Collapse(b.Text))).FirstOrDefault();
        // The story's first sentence-ending paragraph (after a standfirst or byline) may open with a dateline, as in saved text.
        var lede = blocks.FindIndex(b => b.Kind == BlockKind.Paragraph && InlineText.EndsSentence(b.Text));
        if (lede >= 0) blocks[lede] = blocks[lede] with { Text = PageTextCleaner.WithoutDateline(blocks[lede].Text) };
        return new ParsedDocument(blocks, title, author, ParsedDocument.DayOf(date));
    }

    /// <summary>A box of at least this many links with no more than <see cref="MaxLabelWords"/> words outside them is a link list.</summary>
    public const int MinListLinks = 3;

    /// <summary>Words a link list may carry besides its links: a label such as "Contents" or "Read next".</summary>
    public const int MaxLabelWords = 4;

    /// <summary>
    /// A box of links with at most a label besides them (a table of contents, a "read next" list) goes whole: its links are
    /// dropped block by block as navigation anyway, and the label would be left standing alone.
    /// </summary>
    private static void RemoveLinkLists(IElement root)
    {
        foreach (var box in root.QuerySelectorAll("div, section").ToList())
        {
            if (box.Parent is null) continue;
            var links = box.QuerySelectorAll("a").ToList();
            if (links.Count < MinListLinks) continue;
            var all = InlineText.WordCount(InlineText.Collapse(box.TextContent));
            var linked = links.Sum(a => InlineText.WordCount(InlineText.Collapse(a.TextContent)));
            if (all - linked <= MaxLabelWords) box.Remove();
        }
    }

    /// <summary>
    /// Boxes after the story's last paragraph that hold a link and a few words (a call to support the site, a topic list,
    /// a share bar) are the page moving on, not article text. Only wrapper boxes go: a trailing paragraph, list or table of
    /// the story itself is never touched.
    /// </summary>
    private static void RemoveTrailingBoxes(IElement root)
    {
        var containers = new Queue<IElement>(root.QuerySelectorAll("article").Prepend(root));
        while (containers.Count > 0)
        {
            var container = containers.Dequeue();
            for (var last = container.LastElementChild; last is not null;)
            {
                var previous = last.PreviousElementSibling;
                var words = InlineText.WordCount(InlineText.Collapse(last.TextContent));
                // A box of its own: only elements inside (no loose text that would make it part of a running block), a link, few words.
                var box = last.LocalName is "div" or "section" && last.QuerySelector("a") is not null && words < MaxWidgetWords
                          && last.ChildNodes.OfType<IText>().All(t => string.IsNullOrWhiteSpace(t.Data))
                          && last.QuerySelector("h1, h2, h3, h4, h5, h6, table, ul, ol, article") is null;
                if (words > 0 && !box)
                {
                    // The story may sit in a wrapper of its own: its end is that wrapper's end.
                    if (last.LocalName is "div" or "section") containers.Enqueue(last);
                    break;
                }
                last.Remove();
                last = previous;
            }
        }
    }

    private static string? Meta(IDocument document, string name)
    {
        var value = document.QuerySelector($"meta[name='{name}'], meta[property='{name}']")?.GetAttribute("content");
        return string.IsNullOrWhiteSpace(value) ? null : InlineText.Collapse(value);
    }

    /// <summary>A small box around a button or form control is a widget: the whole box goes, its text with it.</summary>
    private static void RemoveWidgets(IElement body)
    {
        // A form counts as one control (its fields go with it); so does each button or field outside a form.
        var controls = body.QuerySelectorAll("*")
            .Where(e => e.LocalName == "form" || (Controls.Contains(e.LocalName) || e.GetAttribute("role") is "button") && e.Closest("form") is null)
            .ToList();
        foreach (var control in controls)
        {
            if (control.Parent is null) continue; // already gone with an earlier box
            IElement? box = null;
            for (var e = control.ParentElement; e is not null && e != body; e = e.ParentElement)
            {
                // Never climb into the content itself: a landmark, or a box that holds a page or section heading.
                if (e.LocalName is "main" or "article" || e.GetAttribute("role") == "main" || e.QuerySelector("main, article, h1, h2") is not null) break;
                if (!IsBlock(e) || e.LocalName is "p" or "li" or "td" or "th" or "tr" or "tbody" or "thead") continue;
                if (InlineText.WordCount(InlineText.Collapse(e.TextContent)) >= MaxWidgetWords) break;
                box = e;
            }
            (box ?? control).Remove();
        }
    }

    private static void RemoveNonContent(IElement body)
    {
        foreach (var e in body.QuerySelectorAll("*").ToList())
        {
            if (e.Parent is null) continue;
            var role = e.GetAttribute("role");
            var style = (e.GetAttribute("style") ?? "").Replace(" ", "", StringComparison.Ordinal);
            var drop = NeverContent.Contains(e.LocalName)
                       || role is not null && NotContentRoles.Contains(role)
                       || e.HasAttribute("hidden")
                       || e.GetAttribute("aria-hidden") == "true"
                       || style.Contains("display:none", StringComparison.OrdinalIgnoreCase)
                       || style.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase)
                       // A page's header and footer are chrome; an article's own header holds its headline.
                       || e.LocalName is "header" or "footer" && e.Closest("article, main, [role=main]") is null
                       || e.LocalName == "footer";
            if (drop) e.Remove();
        }
        foreach (var comment in body.Descendants<IComment>().ToList()) comment.Remove();
    }

    private static IElement ContentRoot(IElement body)
    {
        var main = body.QuerySelector("main, [role=main]");
        if (main is not null && Prose(main) > 0) return main;
        var articles = body.QuerySelectorAll("article").ToList();
        if (articles.Count == 1 && Prose(articles[0]) > 0) return articles[0];

        var total = Prose(body);
        if (total == 0) return body;
        // Walk down while one child still holds enough of the page's prose.
        var root = body;
        while (true)
        {
            var next = root.Children.Select(c => (Element: c, Words: Prose(c))).OrderByDescending(c => c.Words).FirstOrDefault();
            if (next.Element is null || next.Words < RootShare * total) return root;
            root = next.Element;
        }
    }

    /// <summary>Words of an element's text that sit in blocks which are not mostly links.</summary>
    private static int Prose(IElement element)
    {
        var words = 0;
        foreach (var block in LeafBlocks(element))
        {
            var (text, linkShare) = TextOf(block, IsBlock);
            if (linkShare <= MaxLinkShare) words += InlineText.WordCount(text);
        }
        return words;
    }

    private static IEnumerable<IElement> LeafBlocks(IElement element)
    {
        yield return element;
        foreach (var d in element.QuerySelectorAll("*"))
            if (IsBlock(d)) yield return d;
    }

    private static bool IsBlock(IElement e) => BlockElements.Contains(e.LocalName);

    /// <summary>
    /// A run of short pieces between separators ("Privacy | Terms | Contact", "© Company · Street · City") is a
    /// footer or a menu: at least this many pieces, averaging at most <see cref="MaxMenuPieceWords"/> words.
    /// </summary>
    public const int MinMenuPieces = 4;

    public const double MaxMenuPieceWords = 4;

    /// <summary>Whether a line is a run of separated short pieces (site chrome), not a sentence.</summary>
    public static bool IsMenuLine(string text)
    {
        var pieces = text.Split(['|', '·', '•'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return pieces.Length >= MinMenuPieces && pieces.Average(p => InlineText.WordCount(p)) <= MaxMenuPieceWords;
    }

    private static void Emit(IElement element, List<RawBlock> blocks)
    {
        switch (element.LocalName)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                AddText(blocks, BlockKind.Heading, element, element.LocalName[1] - '0');
                return;
            case "p":
                AddText(blocks, BlockKind.Paragraph, element);
                return;
            case "pre":
            {
                var lines = element.TextContent.Replace("\r\n", "\n").Split('\n').Where(l => l.Trim().Length > 0).ToList();
                if (lines.Count is > 0 and <= MarkdownReader.MaxCodeLines) blocks.Add(new RawBlock(BlockKind.Code, string.Join('\n', lines)));
                return;
            }
            case "ul" or "ol":
                foreach (var li in element.Children.Where(c => c.LocalName == "li"))
                {
                    // An item's own text, paragraphs included, is one block; nested lists, tables and code follow as their own.
                    AddText(blocks, BlockKind.ListItem, li, skip: IsItemChild);
                    foreach (var child in li.QuerySelectorAll("ul, ol, table, pre, dl").Where(c => c.ParentElement?.Closest("li") == li && !HasAncestorIn(c, li)))
                        Emit(child, blocks);
                }
                return;
            case "summary":
                // The visible line of a disclosure (an FAQ's question) titles what it discloses.
                AddText(blocks, BlockKind.Heading, element, 6);
                return;
            case "dl":
                EmitDefinitions(element, blocks);
                return;
            case "table":
                EmitTable(element, blocks);
                return;
            case "figcaption" or "caption" or "hr":
                return;
        }
        if (IsCard(element))
        {
            EmitCard(element, blocks);
            return;
        }
        EmitMixed(element, blocks);
    }

    /// <summary>
    /// A card has at least this many boxes: a name and two fields or more (a pricing plan, a team member,
    /// a feature tile). Fewer is a title and a line, read as they are.
    /// </summary>
    public const int MinCardBoxes = 3;

    /// <summary>A card's boxes are short fields ("40 projects", "$12"), at most this many words each, not running text.</summary>
    public const int MaxCardFieldWords = 12;

    /// <summary>
    /// Whether a box is a card: only block children (no loose text), at least <see cref="MinCardBoxes"/> of
    /// them, each a short field with no block inside and none ending like a sentence. Read as a heading
    /// (the card's name) with its fields as list items under it, so "40 projects" is of the plan it sits in.
    /// </summary>
    private static bool IsCard(IElement element)
    {
        if (element.LocalName is not ("div" or "section" or "article" or "li")) return false;
        if (element.ChildNodes.OfType<IText>().Any(t => !string.IsNullOrWhiteSpace(t.Data))) return false;
        // Boxes that are mostly links are a share bar or a link list, dropped as navigation, not a card.
        if (TextOf(element, null).LinkShare > MaxLinkShare) return false;
        var fields = element.Children.Where(c => TextOf(c, null).Text.Length > 0).ToList();
        if (fields.Count < MinCardBoxes || element.Children.Any(c => !IsBlock(c) && c.LocalName is not ("a" or "span" or "b" or "strong"))) return false;
        return fields.All(c => c.Children.All(g => !IsBlock(g)) && InlineText.WordCount(TextOf(c, null).Text) <= MaxCardFieldWords
                               && !TextOf(c, null).Text.TrimEnd().EndsWith('.'));
    }

    /// <summary>
    /// A card as a section: its name (the field whose class says name or title, else its first field) as a
    /// heading, its other fields as list items; a closing marker ends the section with the card.
    /// </summary>
    private static void EmitCard(IElement card, List<RawBlock> blocks)
    {
        var fields = card.Children.Where(c => TextOf(c, null).Text.Length > 0).ToList();
        var name = fields.FirstOrDefault(c => c.ClassList.Any(k => k.Contains("name", StringComparison.OrdinalIgnoreCase) || k.Contains("title", StringComparison.OrdinalIgnoreCase)))
                   ?? fields[0];
        AddText(blocks, BlockKind.Heading, name, CardLevel);
        // A link of its own ("Try it") is the card's button, not a field.
        foreach (var field in fields.Where(f => f != name && f.LocalName != "a")) AddText(blocks, BlockKind.ListItem, field);
        blocks.Add(new RawBlock(BlockKind.Heading, "", CardLevel));
    }

    /// <summary>A card's name is the deepest heading level, under whatever section holds the cards.</summary>
    private const int CardLevel = 6;

    /// <summary>A container's loose text (text and inline elements between its blocks) forms paragraphs; two &lt;br&gt; in a row end one.</summary>
    private static void EmitMixed(IElement element, List<RawBlock> blocks)
    {
        var run = new StringBuilder();
        var linked = 0;
        var breaks = 0;

        void FlushRun()
        {
            var raw = run.ToString();
            var text = InlineText.Collapse(raw);
            var letters = raw.Count(c => !char.IsWhiteSpace(c));
            if (text.Length > 0 && (letters == 0 || (double)linked / letters <= MaxLinkShare) && !IsMenuLine(text))
                blocks.Add(new RawBlock(BlockKind.Paragraph, text));
            run.Clear();
            linked = 0;
        }

        foreach (var node in element.ChildNodes)
        {
            if (node is IElement { LocalName: "br" })
            {
                if (++breaks >= 2) FlushRun();
                run.Append(' ');
                continue;
            }
            if (node is IText t && string.IsNullOrWhiteSpace(t.Data)) { run.Append(' '); continue; }
            breaks = 0;
            if (node is IElement child && IsBlock(child))
            {
                FlushRun();
                Emit(child, blocks);
                continue;
            }
            AppendInline(node, run, false, ref linked);
        }
        FlushRun();
    }

    private static void EmitDefinitions(IElement dl, List<RawBlock> blocks)
    {
        string? term = null;
        foreach (var child in dl.Children)
        {
            var (text, _) = TextOf(child, null);
            if (child.LocalName == "dt") term = text;
            else if (child.LocalName == "dd" && text.Length > 0)
                blocks.Add(new RawBlock(BlockKind.ListItem, term is { Length: > 0 } ? TableText.Field(term, text) : text));
        }
    }

    private static void EmitTable(IElement table, List<RawBlock> blocks)
    {
        var rows = table.QuerySelectorAll("tr").Where(r => r.Closest("table") == table).ToList();
        // A table of paragraphs, lists or tables is page layout, not data: read its cells as containers.
        if (rows.SelectMany(r => r.Children).Any(cell => cell.QuerySelector("p, div, ul, ol, table, h1, h2, h3, h4, h5, h6") is not null))
        {
            foreach (var cell in rows.SelectMany(r => r.Children)) EmitMixed(cell, blocks);
            return;
        }
        string[]? header = null;
        foreach (var row in rows)
        {
            var cells = row.Children.Where(c => c.LocalName is "td" or "th").ToList();
            var texts = cells.Select(c => TextOf(c, null).Text).ToArray();
            if (header is null && cells.Count > 0 && cells.All(c => c.LocalName == "th")) { header = texts; continue; }
            var line = TableText.Row(header, texts);
            if (line.Length > 0) blocks.Add(new RawBlock(BlockKind.TableRow, line));
        }
    }

    private static bool IsItemChild(IElement e) => e.LocalName is "ul" or "ol" or "table" or "pre" or "dl";

    /// <summary>Whether a nested list sits inside another nested list of the same item (then that one emits it).</summary>
    private static bool HasAncestorIn(IElement e, IElement item)
    {
        for (var p = e.ParentElement; p is not null && p != item; p = p.ParentElement)
            if (IsItemChild(p)) return true;
        return false;
    }

    private static void AddText(List<RawBlock> blocks, BlockKind kind, IElement element, int level = 0, Func<IElement, bool>? skip = null)
    {
        var (text, linkShare) = TextOf(element, skip);
        if (text.Length == 0 || linkShare > MaxLinkShare || IsMenuLine(text)) return;
        blocks.Add(new RawBlock(kind, text, level));
    }

    /// <summary>An element's text (optionally leaving out nested blocks) and the share of it inside links.</summary>
    private static (string Text, double LinkShare) TextOf(IElement element, Func<IElement, bool>? skip)
    {
        var sb = new StringBuilder();
        var linked = 0;
        foreach (var node in element.ChildNodes) AppendInline(node, sb, false, ref linked, skip);
        var raw = sb.ToString();
        var letters = raw.Count(c => !char.IsWhiteSpace(c));
        return (InlineText.Collapse(raw), letters == 0 ? 0 : (double)linked / letters);
    }

    private static void AppendInline(INode node, StringBuilder sb, bool inLink, ref int linked, Func<IElement, bool>? skip = null)
    {
        switch (node)
        {
            case IText text:
                sb.Append(text.Data);
                if (inLink) linked += text.Data.Count(c => !char.IsWhiteSpace(c));
                return;
            case IElement { LocalName: "br" }:
                sb.Append(' ');
                return;
            case IElement e when skip is not null && skip(e):
                sb.Append(' ');
                return;
            case IElement e:
            {
                var link = inLink || e.LocalName == "a";
                // Block children inside inline content still separate words.
                if (IsBlock(e)) sb.Append(' ');
                foreach (var child in e.ChildNodes) AppendInline(child, sb, link, ref linked, skip);
                if (IsBlock(e)) sb.Append(' ');
                return;
            }
        }
    }
}
