using System.Text.RegularExpressions;

namespace ChatBot.Core.Corpus;

/// <summary>Strips Markdown syntax (headings, emphasis, links, images, code fences) down to prose lines.</summary>
public static partial class MarkdownText
{
    public static string ToText(string markdown)
    {
        var text = Images().Replace(markdown, "");
        text = Links().Replace(text, "$1");
        text = Headings().Replace(text, "");
        text = Emphasis().Replace(text, "$2");
        text = Fences().Replace(text, "");
        text = ListMarkers().Replace(text, "");
        return text;
    }

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)")] private static partial Regex Images();
    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")] private static partial Regex Links();
    [GeneratedRegex(@"^\s{0,3}#{1,6}\s*", RegexOptions.Multiline)] private static partial Regex Headings();
    [GeneratedRegex(@"(\*\*|__|\*|_)(\S.*?\S|\S)\1")] private static partial Regex Emphasis();
    [GeneratedRegex(@"^```.*$", RegexOptions.Multiline)] private static partial Regex Fences();
    [GeneratedRegex(@"^\s*([-*+]|\d+\.)\s+", RegexOptions.Multiline)] private static partial Regex ListMarkers();
}
