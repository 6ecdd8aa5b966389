using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace ChatBot.Core.Answering;

/// <summary>
/// The words that carry a sentence's content (names, numbers, nouns, verbs), lower-cased, without
/// accents, stop words or common inflections, so "Norway exported salmon fillets" and "exporting
/// the fillets of salmon to Norway" share {norway, export, salmon, fillet}.
/// </summary>
internal static partial class ContentWords
{
    private static readonly FrozenSet<string> StopWords = (
        "a about above after again against all also am an and any are aren't as at be because been before being below " +
        "between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few " +
        "for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him " +
        "himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my " +
        "myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll " +
        "she's should shouldn't so some such than that that's the their theirs them themselves then there there's these " +
        "they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're " +
        "we've were weren't what what's when when's where where's which while who who's whom why why's will with won't " +
        "would wouldn't you you'd you'll you're you've your yours yourself yourselves " +
        // reporting and filler words an answer adds without changing its claim
        "according said says say told tell also just like however although though yet still even " +
        "passage passages article articles source sources report reported reports per via one"
    ).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a lower-cased word is a stop word (function or reporting word).</summary>
    public static bool IsStopWord(string lowerCaseWord) => StopWords.Contains(lowerCaseWord);

    /// <summary>Normalised content words of <paramref name="text"/>, in order, duplicates kept.</summary>
    public static IEnumerable<string> Of(string text)
    {
        foreach (Match match in Token().Matches(text))
        {
            var raw = match.Value;
            if (char.IsDigit(raw[0]))
            {
                yield return raw.Replace(",", "", StringComparison.Ordinal);
                continue;
            }
            var word = RemoveAccents(raw.ToLowerInvariant().Replace('’', '\''));
            if (StopWords.Contains(word)) continue;
            word = Stem(word);
            if (word.Length < 2 || StopWords.Contains(word)) continue;
            yield return word;
        }
    }

    /// <summary>The numbers of <paramref name="text"/> (digits only, thousands separators removed).</summary>
    public static IEnumerable<string> Numbers(string text) =>
        Token().Matches(text).Select(m => m.Value).Where(v => char.IsDigit(v[0])).Select(v => v.Replace(",", "", StringComparison.Ordinal));

    private static string Stem(string word)
    {
        if (word.EndsWith("'s", StringComparison.Ordinal)) word = word[..^2];
        word = word.Replace("'", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        // plural, then verb ending, then a final e, so ports/port/ported and create/created/creating meet
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal)) word = word[..^3] + "y";
        else if (word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal) && "sxz".Contains(word[^3])) word = word[..^2];
        else if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)) word = word[..^1];
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal)) word = word[..^3];
        else if (word.Length > 4 && word.EndsWith("ied", StringComparison.Ordinal)) word = word[..^3] + "y";
        else if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal)) word = word[..^2];
        if (word.Length > 4 && word.EndsWith('e')) word = word[..^1];
        return word;
    }

    private static string RemoveAccents(string word) => Text.TextFolding.Fold(word);

    // Numbers keep their separators (20,000 / 3.5); words keep inner apostrophes and dots (e.g., don't); hyphens split words (well-known).
    [GeneratedRegex(@"\d+(?:[.,]\d+)*|[\p{L}][\p{L}\p{Mn}\p{N}]*(?:['’.][\p{L}\p{N}]+)*")]
    private static partial Regex Token();
}
