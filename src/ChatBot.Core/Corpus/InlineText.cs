using System.Text;

namespace ChatBot.Core.Corpus;

/// <summary>Small text measures shared by the format parsers and the plain-text reader.</summary>
internal static class InlineText
{
    /// <summary>Whitespace runs (line breaks, tabs, no-break spaces) become one space; ends trimmed.</summary>
    public static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u200B') { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Words that hold a letter or a digit (a lone "|" or "–" is not a word).</summary>
    public static int WordCount(string text)
    {
        var count = 0;
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (token.Any(char.IsLetterOrDigit)) count++;
        return count;
    }

    /// <summary>Whether the text ends as a sentence does (closing quotes and brackets aside).</summary>
    public static bool EndsSentence(string text)
    {
        var t = text.TrimEnd().TrimEnd('”', '"', '’', '\'', ')', ']', '»');
        return t.Length > 0 && t[^1] is '.' or '!' or '?' or '…';
    }

    /// <summary>Letters and digits only, lower-cased: for comparing lines whatever their punctuation and spacing.</summary>
    public static string Key(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in Text.TextFolding.Fold(text))
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    /// <summary>A short title from the start of a text: its first sentence, cut at a word boundary.</summary>
    public static string Headline(string text, int maxChars = 90)
    {
        var first = SentenceSplitter.Split(text) is { Count: > 0 } s ? s[0].Of(text) : text;
        if (first.Length <= maxChars) return first.TrimEnd('.');
        var cut = first.LastIndexOf(' ', maxChars);
        return first[..(cut > 0 ? cut : maxChars)].TrimEnd(',', ';', ':') + "…";
    }
}
