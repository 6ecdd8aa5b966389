using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatBot.Core.Corpus;

/// <summary>What cleaning found: the article's paragraphs, reader comments kept apart, and metadata seen in the page.</summary>
public sealed record CleanedText(IReadOnlyList<string> Paragraphs, string? Comments, string? Title, string? Author, string? Date)
{
    public string Text => string.Join("\n\n", Paragraphs);
}

/// <summary>
/// Strips web-page chrome from an article saved as text: mastheads, bylines, share widgets, audio-player
/// and slideshow prompts, headlines of related links, comment forms, newsletter and "about us" blurbs.
/// Works line by line (one paragraph a line). Everything after a footer marker (a comment form, "Read
/// more", a newsletter box) is not article text; reader comments found there are kept apart.
/// </summary>
public static partial class BoilerplateCleaner
{
    /// <summary>Headings and link titles are short and end without sentence punctuation.</summary>
    private const int MaxHeadingWords = 15;

    public static CleanedText Clean(string text, string? knownTitle = null)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')
            .Select(l => Whitespace().Replace(l, " ").Trim())
            .ToList();

        string? title = null, author = null, date = null;
        var paragraphs = new List<string>();
        var comments = new List<string>();
        var inComments = false;
        var firstContentLine = true;

        foreach (var raw in lines)
        {
            if (raw.Length == 0) continue;
            var line = raw;

            if (CommentsHeader().IsMatch(line)) { inComments = true; continue; }
            if (FooterStart().IsMatch(line) || CommentForm().IsMatch(line))
            {
                if (inComments) { inComments = false; }
                // The article is over; the rest is footer (comment forms, blurbs, related links).
                break;
            }
            if (inComments)
            {
                if (!CommenterLine().IsMatch(line)) comments.Add(NumberedComment().Replace(line, ""));
                continue;
            }

            if (knownTitle is not null && SameText(line, knownTitle)) { title ??= line; firstContentLine = false; continue; }
            if (DroppedLine().IsMatch(line) || Caption().IsMatch(line)) continue;

            var byline = Byline().Match(line);
            if (byline.Success && WordCount(line) <= 12)
            {
                author ??= ToTitleCase(byline.Groups["name"].Value.Trim());
                continue;
            }
            if (DateLine().IsMatch(line))
            {
                if (DateTime.TryParse(line, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) date ??= d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                continue;
            }
            if (IsHeading(line))
            {
                // The first short unpunctuated line of a page is its headline.
                if (firstContentLine && knownTitle is null) title ??= line;
                firstContentLine = false;
                continue;
            }
            firstContentLine = false;

            line = RepublishedPrefix().Replace(line, "");
            line = Dateline().Replace(line, "");
            line = TrailingMarks().Replace(line, "").Trim();
            if (line.Length > 0) paragraphs.Add(line);
        }

        return new CleanedText(paragraphs, comments.Count > 0 ? string.Join("\n\n", comments) : null, title, author, date);
    }

    private static bool IsHeading(string line)
    {
        if (AllCaps().IsMatch(line) && WordCount(line) <= 6) return true;
        var last = line[^1];
        var endsLikeSentence = ".!?\"”’'):;…".Contains(last);
        return !endsLikeSentence && WordCount(line) <= MaxHeadingWords;
    }

    private static bool SameText(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string s) => NonWord().Replace(s, "");

    private static int WordCount(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string ToTitleCase(string name) =>
        name.Any(char.IsLower) ? name : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant());

    // "2 Responses to …", "14 Comments on …": the start of reader comments.
    [GeneratedRegex(@"^\d+\s+(Responses?|Comments?|Replies|Reply|Thoughts)\s+(to|on)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CommentsHeader();

    // A footer begins: the article text is over.
    [GeneratedRegex(@"^(Leave a (Reply|Comment)|Post a Comment|Add a comment|Read more|Read More:?|Related (Articles|Posts|Stories|Coverage)|More from\b.*|Subscribe to (our|the) newsletter.*|Sign up for (our|the) newsletter.*|This entry was posted in\b.*|About the author.*|Share this:?)$", RegexOptions.IgnoreCase)]
    private static partial Regex FooterStart();

    // Comment-form and comment-policy boilerplate.
    [GeneratedRegex(@"(Your email address will not be published|Required fields are marked|We welcome informed comments|Fill in your details below|You are commenting using your|Connecting to %s|bloggers like this)", RegexOptions.IgnoreCase)]
    private static partial Regex CommentForm();

    [GeneratedRegex(@"^\S.{0,40}\s(says|said|wrote):$", RegexOptions.IgnoreCase)]
    private static partial Regex CommenterLine();

    [GeneratedRegex(@"^\d+\.\s+")]
    private static partial Regex NumberedComment();

    // Widgets and chrome that can sit anywhere in a page.
    [GeneratedRegex(@"^(\||Getting your .{0,40} player ready.*|SEE: .*|Share (on|this|via)\b.*|Bookmark the permalink.*|Advertisement|Follow us\b.*|Like .{0,60} on Facebook.*|.*Democracy Dies in Darkness|.*contributed to this report\.?|Photo:.*|Image:.*|Listen to this article.*|Click (here|to)\b.*|Tap (here|to)\b.*|Print this (page|article)|Email this (page|article)|Latest Tweets by\b.*|Videos? Featuring\b.*|Twitter picture|Facebook photo|Log Out.*|Change \))$", RegexOptions.IgnoreCase)]
    private static partial Regex DroppedLine();

    // Photo captions end with a credit in parentheses: "(photo: Lorne Matalon)", "(John Moore/Getty Images)".
    [GeneratedRegex(@"\((photo|photos|image|credit|photograph)\s*:[^)]*\)$|\([^)]*/\s*(Getty Images|AP|AFP|Reuters|EPA|Bloomberg)[^)]*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    // "By JOSEPH FITSANAKIS | |", "BY: NATHANIEL BALLANTYNE", also glued to a caption ("…NietoBy JOHN DOE").
    [GeneratedRegex(@"(^|[a-z])(By|BY):?\s+(?<name>[A-Z][A-Za-z.'\-]+(\s+[A-Z][A-Za-z.'\-]+){0,3})\s*(\|.*)?$")]
    private static partial Regex Byline();

    [GeneratedRegex(@"^(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}$")]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^[^a-z]*[A-Z][^a-z]*$")]
    private static partial Regex AllCaps();

    // "From the Washington PostMEXICO CITY — …": a republisher's credit glued to the dateline.
    [GeneratedRegex(@"^From (the )?([A-Z][a-z]+ ?)+(?=[A-Z]{2})")]
    private static partial Regex RepublishedPrefix();

    // Datelines: "AUSTIN, Texas–", "MEXICO CITY — ", "TRUENEWSBLOG – ".
    [GeneratedRegex(@"^[A-Z][A-Z.]+( [A-Z][A-Z.]+)*(, [A-Z][a-z.]+( [A-Z][a-z.]+)*)?\s*[–—-]{1,2}\s*(?=[A-Z“""])")]
    private static partial Regex Dateline();

    // An excerpt's trailing "…" or a stray dash after the last sentence.
    [GeneratedRegex(@"(\s*…|(?<=[.!?”""])[–—-])$")]
    private static partial Regex TrailingMarks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();
}
