using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatBot.Core.Corpus;

/// <summary>
/// Tells content from web-page chrome in a plain-text file (often a web page saved as text), by general
/// signals only, never by the words of any page:
/// <list type="bullet">
/// <item>Shape of a line: a sentence ends with sentence punctuation; a heading is short, unpunctuated and
/// followed by content; a longer unpunctuated line between paragraphs is a headline of a link.</item>
/// <item>Link- and form-like text: separators with nothing between them (", , ," or "|"), @handles,
/// unmatched brackets, required-field stars, template placeholders (%s), "LABEL:" kickers, teasers
/// that trail off ("..."), photo credits in parentheses after the last sentence.</item>
/// <item>Repetition: a short line that a different article of the corpus also holds is the site's
/// template (copies of one article, near-duplicates, share their sentences and do not count).</item>
/// <item>Position: lines before the first paragraph are the masthead (a byline, a date, a short dated line there
/// become metadata); the article ends where the page refers back to it by its title (a comment count), where a
/// form or a press release's end sign ("###") begins, or where a run of chrome is followed by less prose than came
/// before; a list written one item per line inside the article is kept as list items. What follows is
/// not article text; prose under a comment count is kept apart as reader comments.</item>
/// </list>
/// </summary>
internal static partial class PageTextCleaner
{
    /// <summary>A sentence of at least this many words is a paragraph of the article, not a caption, credit or prompt.</summary>
    public const int ProseWords = 8;

    /// <summary>Headings are short: longer unpunctuated lines are headlines of links or pull quotes, unless title-cased.</summary>
    public const int MaxHeadingWords = 8;

    /// <summary>Nothing longer is a heading, whatever its case.</summary>
    public const int MaxTitleCaseHeadingWords = 12;

    /// <summary>Unpunctuated text longer than this is prose that lost its full stop, not a headline.</summary>
    public const int MaxHeadlineWords = 15;

    /// <summary>Chrome lines are short; longer text is judged as prose even when a signal fires.</summary>
    public const int MaxChromeWords = 20;

    /// <summary>A run of this many chrome or dangling lines can end the article (fewer are a widget inside it).</summary>
    public const int EndingRun = 3;

    /// <summary>Bare one- or two-word lines in a row that make a link list (<see cref="MarkStacks"/>): three, as for <see cref="EndingRun"/>.</summary>
    public const int StackRun = 3;

    /// <summary>How far down the page the title line and the masthead are looked for.</summary>
    private const int HeaderSearch = 12;

    private enum Shape { Prose, Sentence, Headingish, Headline, LongUnpunctuated }

    /// <param name="Meta">A byline or a date line: metadata in the masthead, never a heading or content.</param>
    /// <param name="ListLine">One line of a list written one item per line (names under a label): kept as a list item wherever
    /// the article goes on after it, dropped with the rest where the page has moved on.</param>
    private sealed record Line(TextFileBlock Block, Shape Shape, bool Chrome, bool Strong, bool TitleEcho, bool Meta, int Words, bool ListLine = false);

    /// <summary>Keys of a file's short lines, to find the lines that several documents share (the site's template).</summary>
    public static IEnumerable<string> TemplateCandidates(IEnumerable<TextFileBlock> blocks) =>
        blocks.Where(b => b.Kind != BlockKind.Heading && InlineText.WordCount(b.Text) <= MaxChromeWords)
            .Select(b => InlineText.Key(b.Text)).Where(k => k.Length > 0).Distinct();

    public static ParsedDocument Clean(IReadOnlyList<TextFileBlock> blocks, string? knownTitle, IReadOnlySet<string>? repeatedLines)
    {
        if (blocks.Count == 0) return new ParsedDocument([], knownTitle);
        var titleKey = knownTitle is null ? null : InlineText.Key(knownTitle);

        // 1. The title line: the manifest's title where the page shows it, else a short line before the first content.
        var titleIndex = -1;
        if (titleKey is { Length: > 0 })
            titleIndex = Enumerable.Range(0, Math.Min(HeaderSearch, blocks.Count)).FirstOrDefault(i => InlineText.Key(blocks[i].Text) == titleKey, -1);
        // The masthead zone: before the first paragraph of prose, where a dated or signed line is the page's metadata.
        var firstProse = Enumerable.Range(0, blocks.Count).FirstOrDefault(i => IsProse(blocks[i].Kind, blocks[i].Text), blocks.Count);
        List<Line> ClassifyAll() => MarkLists(titleKey, MarkPrompts(MarkStacks(blocks.Select((b, i) => Classify(b, titleKey, repeatedLines, i < firstProse)).ToList())));
        var lines = ClassifyAll();
        string? title = knownTitle;
        if (title is null)
        {
            // Candidates: title-like lines before the first content that could not be a title. A marked
            // heading of the highest level wins; else the fullest line (a masthead or a section label
            // beside the title is shorter than the title).
            var firstContent = 0;
            while (firstContent < blocks.Count && (IsTitleLine(lines, firstContent) || !IsContent(lines, firstContent))) firstContent++;
            var candidates = Enumerable.Range(0, Math.Min(firstContent, HeaderSearch)).Where(i => IsTitleLine(lines, i)).ToList();
            var marked = candidates.Where(i => blocks[i].Kind == BlockKind.Heading).ToList();
            titleIndex = marked.Count > 0
                ? marked.OrderBy(i => blocks[i].Level).First()
                : candidates.OrderByDescending(i => lines[i].Words).ThenBy(i => i).FirstOrDefault(-1);
            if (titleIndex >= 0)
            {
                title = blocks[titleIndex].Text;
                titleKey = InlineText.Key(title);
                lines = ClassifyAll();
            }
        }

        // 2. The masthead: everything before the first content; a byline and a date there are metadata.
        var bodyStart = BodyStart(lines, titleIndex + 1);
        string? author = null, date = null;
        for (var i = 0; i < bodyStart; i++)
        {
            if (i == titleIndex) continue;
            author ??= MastheadAuthor(blocks[i].Text);
            date ??= DateOf(blocks[i].Text) ?? (lines[i].Meta ? DateIn(blocks[i].Text) : null);
        }

        // 3. The article: content and headings, single chrome lines dropped, until the page moves on.
        var kept = new List<int>();
        var tail = blocks.Count;
        var i2 = bodyStart;
        while (i2 < blocks.Count)
        {
            if (IsContent(lines, i2) || IsHeading(lines, i2)) { kept.Add(i2); i2++; continue; }
            var j = i2;
            var strong = false;
            while (j < blocks.Count && !IsContent(lines, j) && !IsHeading(lines, j))
            {
                strong |= lines[j].Strong;
                j++;
            }
            if (strong || j - i2 >= EndingRun && ProseAfter(lines, j) < ProseAfter(lines, bodyStart) - ProseAfter(lines, i2))
            {
                tail = i2;
                break;
            }
            // The article goes on: a list written one item per line inside the run is part of it.
            for (var k = i2; k < j; k++)
                if (lines[k].ListLine) kept.Add(k);
            i2 = j;
        }
        // A credit or sign-off just before the end ("X contributed to this report.") belongs to the end.
        while (tail < blocks.Count && kept.Count > 0 && kept[^1] == tail - 1 && lines[tail - 1].Shape == Shape.Sentence && blocks[tail - 1].Kind == BlockKind.Paragraph)
        {
            kept.RemoveAt(kept.Count - 1);
            tail--;
        }

        // 4. Reader comments: prose under a count that names the article ("2 Responses to <title>").
        var comments = new List<string>();
        var count = Enumerable.Range(tail, blocks.Count - tail).FirstOrDefault(k => lines[k].TitleEcho && char.IsDigit(blocks[k].Text[0]) || CommentCount().IsMatch(blocks[k].Text), -1);
        if (count >= 0)
        {
            for (var k = count + 1; k < blocks.Count && !lines[k].Strong; k++)
                if (lines[k].Shape is Shape.Prose or Shape.LongUnpunctuated && !lines[k].Chrome) comments.Add(blocks[k].Text);
        }

        var result = new List<RawBlock>();
        var markedLevel = 1;
        foreach (var k in kept)
        {
            var b = blocks[k];
            if (IsHeading(lines, k))
            {
                // A marked heading keeps its level; a heading known by its shape sits under the last marked one.
                if (b.Marked) markedLevel = b.Level;
                result.Add(new RawBlock(BlockKind.Heading, b.Text, b.Marked ? b.Level : Math.Min(6, markedLevel + 1)));
                continue;
            }
            if (lines[k].ListLine)
            {
                // A short label over the list ("Present", "Apologies") titles it.
                var head = ListHead(lines, k);
                result.Add(head ? new RawBlock(BlockKind.Heading, b.Text, Math.Min(6, markedLevel + 1)) : new RawBlock(BlockKind.ListItem, b.Text));
                continue;
            }
            var text = b.Text;
            if (b.Kind == BlockKind.Paragraph)
            {
                // A story's first paragraph may open with a dateline ("CITY, State – ").
                if (result.All(r => r.Kind == BlockKind.Heading)) text = WithoutDateline(text);
                text = TrailingMark().Replace(text, "").Trim();
            }
            if (text.Length > 0) result.Add(new RawBlock(b.Kind, text));
        }

        title ??= result.Where(r => r.Kind == BlockKind.Paragraph).Select(r => InlineText.Headline(r.Text)).FirstOrDefault();
        return new ParsedDocument(result, title, author, date, comments.Count > 0 ? string.Join("\n\n", comments) : null);
    }

    /// <summary>
    /// A stack of <see cref="StackRun"/> or more one- or two-word lines, none punctuated ("Facebook", "X", "Email", "Print"),
    /// is a menu or a share widget whose links lost their markup: article text never runs that way, and a heading is followed
    /// by its content, not by another bare word.
    /// </summary>
    private static List<Line> MarkStacks(List<Line> lines)
    {
        static bool Bare(Line l) => l.Block.Kind == BlockKind.Paragraph && l.Block.Lines == 1 && l.Words is > 0 and <= 2 && l.Shape is Shape.Headingish or Shape.Headline;
        for (var i = 0; i < lines.Count;)
        {
            var j = i;
            while (j < lines.Count && Bare(lines[j])) j++;
            if (j - i >= StackRun)
                for (var k = i; k < j; k++) lines[k] = lines[k] with { Chrome = true };
            i = Math.Max(j, i + 1);
        }
        return lines;
    }

    /// <summary>A prompt of a few words ending in a colon ("Follow us:") over chrome introduces the chrome and is chrome itself.</summary>
    public const int MaxPromptWords = 6;

    private static List<Line> MarkPrompts(List<Line> lines)
    {
        for (var i = lines.Count - 2; i >= 0; i--)
            if (lines[i + 1].Chrome && lines[i].Words <= MaxPromptWords && lines[i].Block.Text.EndsWith(':') && lines[i].Block.Kind == BlockKind.Paragraph)
                lines[i] = lines[i] with { Chrome = true };
        return lines;
    }

    /// <summary>
    /// A list written one item per line: two or more lines with no blank line between them, none of them a paragraph of prose,
    /// chrome or metadata (a label over names, a venue under a date). Such lines are not headings of one another.
    /// </summary>
    private static List<Line> MarkLists(string? titleKey, List<Line> lines)
    {
        // A line holding the whole title ("SITE NAME - TITLE") is the masthead's, not an item.
        bool Member(Line l) => l.Block.Kind == BlockKind.Paragraph && l.Block.Lines <= 2 && !l.Chrome && !l.Meta && l.Shape != Shape.Prose
                               && !(titleKey is { Length: > 0 } && InlineText.Key(l.Block.Text).Contains(titleKey, StringComparison.Ordinal));
        for (var i = 0; i < lines.Count;)
        {
            var j = i;
            while (j < lines.Count && Member(lines[j]) && (j == i || lines[j - 1].Block.Tight)) j++;
            if (j - i >= 2)
                for (var k = i; k < j; k++)
                    if (lines[k].Shape is Shape.Headingish or Shape.Headline) lines[k] = lines[k] with { ListLine = true };
            i = Math.Max(j, i + 1);
        }
        return lines;
    }

    /// <summary>
    /// Whether a list line is the label over its list: it opens the list, holds fewer words than any item under it (two at
    /// least) and no more than a heading.
    /// </summary>
    private static bool ListHead(List<Line> lines, int k)
    {
        if (k > 0 && lines[k - 1].ListLine && lines[k - 1].Block.Tight) return false;
        if (!lines[k].Block.Tight || lines[k].Block.Lines != 1 || lines[k].Words > MaxHeadingWords) return false;
        var items = new List<int>();
        for (var m = k + 1; m < lines.Count && lines[m].ListLine && lines[m - 1].Block.Tight; m++) items.Add(lines[m].Words);
        return items.Count >= 2 && lines[k].Words < items.Min();
    }

    /// <summary>
    /// A paragraph of prose: a finished sentence of <see cref="ProseWords"/> words or more. The first one ends a page's masthead
    /// (in saved text as in HTML): a byline or dated line before it is metadata.
    /// </summary>
    public static bool IsProse(BlockKind kind, string text) =>
        kind == BlockKind.Paragraph && InlineText.EndsSentence(text) && InlineText.WordCount(text) >= ProseWords;

    /// <summary>A story's first paragraph without the dateline it may open with ("CITY, State – ", "CITY — ").</summary>
    public static string WithoutDateline(string text) => Dateline().Replace(text, "");

    private static int BodyStart(List<Line> lines, int from)
    {
        var i = from;
        // A list under the title (those present at a meeting, its venue under its date) is the start of the body.
        while (i < lines.Count && !IsContent(lines, i) && !IsHeading(lines, i) && !lines[i].ListLine) i++;
        return i;
    }

    /// <summary>A line that can be a page's title: one short line, not chrome, byline, date or masthead, and not a statement.</summary>
    private static bool IsTitleLine(List<Line> lines, int i)
    {
        var line = lines[i];
        var text = line.Block.Text;
        return !line.Chrome && line.Block.Lines == 1 && line.Block.Kind is BlockKind.Paragraph or BlockKind.Heading
               && line.Words is > 0 and <= MaxChromeWords
               && !IsMasthead(text) && Byline(text) is null && DateOf(text) is null
               && (line.Shape is Shape.Headingish or Shape.Headline || text.EndsWith('?') || line.Block.Kind == BlockKind.Heading);
    }

    private static Line Classify(TextFileBlock block, string? titleKey, IReadOnlySet<string>? repeated, bool masthead)
    {
        var text = block.Text;
        var words = InlineText.WordCount(text);
        // A code block was recognised by its layout; its pipes and brackets are code, not link chrome.
        if (block.Kind == BlockKind.Code) return new Line(block, Shape.Sentence, false, false, false, false, words);
        var shape = ShapeOf(block, words);
        var key = InlineText.Key(text);
        // The page naming the article by its title, with little around it: a comment count, a share prompt.
        var titleEcho = titleKey is { Length: >= 15 } && key != titleKey && key.Contains(titleKey, StringComparison.Ordinal)
                        && key.Length - titleKey.Length <= Math.Max(12, titleKey.Length / 2);
        var short_ = words <= MaxChromeWords;
        var formLike = short_ && FormLike(text);
        var unpunctuated = shape is Shape.Headingish or Shape.Headline;
        // A press release's closing sign ("###") ends the article as a form does.
        var endMark = EndMark().IsMatch(text);
        var chrome = titleEcho || formLike || endMark || Caption(text)
                     || short_ && (LinkLike(text, words) || Placeholder().IsMatch(text) || unpunctuated && Kicker().IsMatch(text) || Teaser(text, words)
                                   || repeated is not null && shape != Shape.Headingish && repeated.Contains(key));
        var meta = block.Kind == BlockKind.Paragraph && (Byline(text) is not null || DateOf(text) is not null || masthead && IsDatedLine(text));
        return new Line(block, shape, chrome, titleEcho || formLike || endMark, titleEcho, meta, words);
    }

    private static Shape ShapeOf(TextFileBlock block, int words)
    {
        var text = block.Text;
        if (InlineText.EndsSentence(text) || text.EndsWith(':')) return words >= ProseWords ? Shape.Prose : Shape.Sentence;
        if (words > MaxHeadlineWords) return Shape.LongUnpunctuated;
        var headingLike = block.Lines == 1 && words >= 1 && text[^1] is not (',' or ';')
                          && (char.IsUpper(text[0]) || char.IsDigit(text[0]))
                          && (words <= MaxHeadingWords || words <= MaxTitleCaseHeadingWords && (TitleCased(text) || !text.Any(char.IsLower)));
        return headingLike ? Shape.Headingish : Shape.Headline;
    }

    /// <summary>List items, table rows and paragraphs that read as sentences, unless chrome.</summary>
    private static bool IsContent(List<Line> lines, int i)
    {
        var line = lines[i];
        if (line.Chrome || line.Meta) return false;
        if (line.Block.Kind is BlockKind.ListItem or BlockKind.TableRow or BlockKind.Code) return true;
        if (line.Block.Kind == BlockKind.Heading) return false;
        return line.Shape is Shape.Prose or Shape.Sentence or Shape.LongUnpunctuated;
    }

    /// <summary>A marked heading, or a heading-shaped line that introduces content (directly or through a deeper heading).</summary>
    private static bool IsHeading(List<Line> lines, int i, int depth = 0)
    {
        var line = lines[i];
        if (line.Chrome || line.Meta || line.ListLine) return false;
        if (line.Block.Kind == BlockKind.Heading) return true;
        if (line.Block.Kind != BlockKind.Paragraph || line.Shape != Shape.Headingish) return false;
        if (i + 1 >= lines.Count || depth > 3) return false;
        return IsContent(lines, i + 1) || IsHeading(lines, i + 1, depth + 1);
    }

    /// <summary>Words of prose from <paramref name="from"/> to the end of the page.</summary>
    private static int ProseAfter(List<Line> lines, int from)
    {
        var words = 0;
        for (var k = from; k < lines.Count; k++)
            if (lines[k].Shape is Shape.Prose or Shape.LongUnpunctuated && !lines[k].Chrome) words += lines[k].Words;
        return words;
    }

    /// <summary>Every word of four or more letters capitalised: "Ferries Return After The Storm".</summary>
    private static bool TitleCased(string text)
    {
        var long_ = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Count(char.IsLetter) >= 4).ToList();
        return long_.Count >= 2 && long_.All(w => !char.IsLetter(w[0]) || char.IsUpper(w[0]));
    }

    /// <summary>A one- or two-word line in capitals before the article: a masthead or section label, not a title.</summary>
    private static bool IsMasthead(string text) => InlineText.WordCount(text) <= 2 && !text.Any(char.IsLower);

    private static bool LinkLike(string text, int words) =>
        words == 0
        || text.Contains('|')
        || EmptySeparators().IsMatch(text)
        || Handle().IsMatch(text)
        || BareUrl().IsMatch(text)
        || text.Count(c => c == ')') > text.Count(c => c == '(');

    /// <summary>A lone star at the end marks required fields: a form has begun.</summary>
    private static bool FormLike(string text) => RequiredStar().IsMatch(text);

    private static bool Teaser(string text, int words) =>
        words < ProseWords && (text.EndsWith("...", StringComparison.Ordinal) || text.EndsWith('…'));

    private static bool Caption(string text)
    {
        var m = CreditTail().Match(text);
        return m.Success && (m.Groups["credit"].Value.Contains(':') || m.Groups["credit"].Value.Contains('/'));
    }

    /// <summary>The name a byline gives ("By A. Writer", "By A. Writer, Role | 3 May 2025"), or null.</summary>
    public static string? Byline(string text)
    {
        if (InlineText.WordCount(text) > MaxMetaWords || InlineText.EndsSentence(text)) return null;
        var m = BylineShape().Match(text);
        if (!m.Success) return null;
        var name = m.Groups["name"].Value.Trim();
        return name.Any(char.IsLower) ? name : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant());
    }

    /// <summary>Longest line read as a dated masthead line ("Posted on 3 May 2025 by A. Writer"); longer is a sentence.</summary>
    public const int MaxMetaWords = 12;

    /// <summary>
    /// A short unfinished line that holds a date, in the masthead: "Published 3 May 2025", "A. Writer • May 3, 2025 • 4 min read",
    /// "Page updated 3 May 2025". A line that opens with the date and goes on after a dash is a dated heading ("3 May 2025 -
    /// Timetable changes"), not metadata.
    /// </summary>
    public static bool IsDatedLine(string text)
    {
        if (InlineText.WordCount(text) > MaxMetaWords || InlineText.EndsSentence(text)) return false;
        var m = DateInText().Match(text);
        if (!m.Success) return false;
        return !(m.Index == 0 && HeadingDash().IsMatch(text[(m.Index + m.Length)..]));
    }

    /// <summary>
    /// The writer a masthead line names: a byline ("By A. Writer"), or the first of separated pieces when another piece is
    /// the date and it is a name of two to four capitalised words ("A. Writer • May 3, 2025 • 4 min read").
    /// </summary>
    public static string? MastheadAuthor(string text)
    {
        if (Byline(text) is { } byline) return byline;
        var pieces = text.Split(['|', '·', '•'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (pieces.Length < 2 || !pieces.Skip(1).Any(p => DateInText().IsMatch(p))) return null;
        var words = pieces[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 2 and <= 4 && words.All(w => char.IsUpper(w[0]) && !w.Any(char.IsDigit)) ? pieces[0] : null;
    }

    /// <summary>The date a masthead line holds, as yyyy-MM-dd, if it parses.</summary>
    public static string? DateIn(string text)
    {
        var m = DateInText().Match(text);
        return m.Success && DateTime.TryParse(m.Value.Replace(".", ""), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    private static string? DateOf(string text)
    {
        if (InlineText.WordCount(text) > 5 || !text.Any(char.IsDigit) || !text.Any(char.IsLetter) && !text.Contains('-')) return null;
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    // Link lists whose items were lost: ", , ," or "| |" or "· ·".
    [GeneratedRegex(@"[,|·•]\s*[,|·•]")]
    private static partial Regex EmptySeparators();

    [GeneratedRegex(@"(^|\s)@\w{2,}")]
    private static partial Regex Handle();

    [GeneratedRegex(@"^(https?://|www\.)\S+$", RegexOptions.IgnoreCase)]
    private static partial Regex BareUrl();

    // Template placeholders a page failed to fill: %s, %d, {0}, {{name}}.
    [GeneratedRegex(@"%[sd]\b|\{\d+\}|\{\{")]
    private static partial Regex Placeholder();

    // "LABEL: text" in capitals: a call to action or a section label over a link.
    [GeneratedRegex(@"^\p{Lu}{2,}:\s")]
    private static partial Regex Kicker();

    // A credit in parentheses after the last sentence: "… the border. (Name/Agency)", "… (label: Name)".
    [GeneratedRegex(@"[.!?][""”’]?\s*\((?<credit>[^()\s]+(\s+[^()\s]+){0,5})\)$")]
    private static partial Regex CreditTail();

    // "By NAME", "BY: NAME | |", and glued to a caption before it ("…NietoBy NAME").
    [GeneratedRegex(@"(^|\p{Ll})(By|BY):?\s+(?<name>\p{Lu}[\p{L}.'’\-]+(\s+\p{Lu}[\p{L}.'’\-]+){0,3})\s*([|,·•—–].*)?$")]
    private static partial Regex BylineShape();

    // A date in running text: "3 May 2025", "May 3, 2025", "Sept. 3, 2025", "2025-05-03".
    [GeneratedRegex(@"\b(\d{1,2}\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4}|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2})\b")]
    private static partial Regex DateInText();

    // What follows a date that opens a dated heading: a dash and a topic.
    [GeneratedRegex(@"^\s*(\([^)]*\)\s*)?[-–—:]\s*\p{L}")]
    private static partial Regex HeadingDash();

    // A press release's closing sign on a line of its own.
    [GeneratedRegex(@"^#{3,}$")]
    private static partial Regex EndMark();

    // A comment count on a line of its own: "12 comments", "3 Responses".
    [GeneratedRegex(@"^\d{1,4}\s+\p{L}+$")]
    private static partial Regex CommentCount();

    // Datelines: "CITY, State–", "CITY —", "CITY, Month 3 —", also after a republisher's credit glued to them ("From the X PaperCITY — ").
    [GeneratedRegex(@"^(From (the )?(\p{Lu}\p{Ll}+ ?)+(?=\p{Lu}{2}))?\p{Lu}[\p{Lu}.]+( \p{Lu}[\p{Lu}.]+)*((, \p{Lu}[\p{Ll}.]+( \p{Lu}[\p{Ll}.]+)*( \d{1,2})?)\s*|\s+)[–—-]{1,2}\s*(?=[\p{Lu}“""])")]
    private static partial Regex Dateline();

    [GeneratedRegex(@"\s\*$")]
    private static partial Regex RequiredStar();

    // An excerpt's trailing "…" or a stray dash after the last sentence.
    [GeneratedRegex(@"(\s*…|(?<=[.!?”""])[–—-])$")]
    private static partial Regex TrailingMark();
}
