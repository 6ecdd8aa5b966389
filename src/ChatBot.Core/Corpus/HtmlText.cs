using System.Net;
using System.Text.RegularExpressions;

namespace ChatBot.Core.Corpus;

/// <summary>Turns an HTML page into plain text with one paragraph a line; scripts, styles and chrome are dropped.</summary>
public static partial class HtmlText
{
    public static string ToText(string html)
    {
        var text = DroppedElements().Replace(html, " ");
        text = Comments().Replace(text, " ");
        text = BlockBoundary().Replace(text, "\n");
        text = Tags().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        var lines = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        return string.Join("\n\n", lines.Where(l => l.Length > 0));
    }

    /// <summary>Extracts the document's &lt;title&gt;, if any.</summary>
    public static string? Title(string html)
    {
        var m = TitleElement().Match(html);
        return m.Success ? WebUtility.HtmlDecode(Spaces().Replace(m.Groups[1].Value, " ").Trim()) : null;
    }

    [GeneratedRegex(@"<(script|style|noscript|nav|footer|header|aside|form|iframe|svg|template)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex DroppedElements();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"<\s*(br|/p|p|/div|div|/li|li|/h[1-6]|h[1-6]|/tr|tr|/blockquote|blockquote|/section|section|/article|article|hr)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockBoundary();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitleElement();
}
