using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core.Text;

namespace ChatBot.Core.Quiz;

/// <summary>Text normalisation shared by question building and grading: case, accents and punctuation folded away.</summary>
public static partial class QuizText
{
    /// <summary>Lower case, no accents ("Valdés" → "valdes"), "ß"/"æ"/"œ" spelled out.</summary>
    public static string Fold(string text) => TextFolding.Fold(text);

    /// <summary>Folded words only: punctuation becomes space, apostrophes vanish ("U.S." → "u s", "Mexico’s" → "mexicos").</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var folded = Fold(text).Replace("’", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded) sb.Append(char.IsLetterOrDigit(c) ? c : ' ');
        return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    public static string Normalize(string text) => string.Join(' ', Words(text));

    public static int WordCount(string text) => WordPattern().Count(text);

    /// <summary>Whether <paramref name="phrase"/> occurs in <paramref name="text"/> as whole words, ignoring case, accents and punctuation.</summary>
    public static bool ContainsPhrase(string text, string phrase)
    {
        var p = Normalize(phrase);
        if (p.Length == 0) return false;
        return (" " + Normalize(text) + " ").Contains(" " + p + " ", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}

/// <summary>
/// Reads numbers the way people write them: "10,000", "10000", "10 000", "1.6 billion", "$700",
/// "25 percent", and in words ("four dozen", "ten thousand", "sixty").
/// </summary>
public static partial class NumberWords
{
    private static readonly Dictionary<string, double> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16,
        ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["a"] = 1, ["an"] = 1,
    };

    private static readonly Dictionary<string, double> Scales = new(StringComparer.Ordinal)
    {
        ["dozen"] = 12, ["hundred"] = 100, ["thousand"] = 1_000, ["million"] = 1_000_000, ["billion"] = 1_000_000_000,
    };

    /// <summary>Parses one numeral as found in an article ("10,000", "$1.6 billion", "25 percent").</summary>
    public static bool TryParseNumeral(string raw, out double value)
    {
        var values = Values(raw);
        value = values.Count == 1 ? values[0] : 0;
        return values.Count == 1;
    }

    /// <summary>Every number in a text, digits or words, with "10 000" and "10,000" read as ten thousand.</summary>
    public static IReadOnlyList<double> Values(string text)
    {
        var result = new List<double>();
        var words = Tokens(text);
        var i = 0;
        while (i < words.Count)
        {
            if (TryReadNumber(words, ref i, out var v)) result.Add(v);
            else i++;
        }
        return result;
    }

    private static List<string> Tokens(string text)
    {
        var folded = QuizText.Fold(text).Replace("%", " percent ", StringComparison.Ordinal).Replace("$", " ", StringComparison.Ordinal);
        // Thousands separators: "10,000" and "10 000" (also a narrow no-break space) become "10000".
        folded = ThousandsSeparator().Replace(folded, "");
        var tokens = new List<string>();
        foreach (Match m in TokenPattern().Matches(folded)) tokens.Add(m.Value);
        return tokens;
    }

    private static bool TryReadNumber(List<string> words, ref int i, out double value)
    {
        value = 0;
        var start = i;
        double total = 0, current = 0;
        var any = false;
        while (i < words.Count)
        {
            var w = words[i];
            if (double.TryParse(w, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var d))
            {
                if (any && current != 0) break; // "10 20": two numbers
                current += d;
                any = true;
            }
            else if (Units.TryGetValue(w, out var u) && !(w is "a" or "an" && !(i + 1 < words.Count && Scales.ContainsKey(words[i + 1]))))
            {
                if (any && current % 10 != 0 && current < 100 && u < 10 && current != 0) break;
                current += u;
                any = true;
            }
            else if (any && Scales.TryGetValue(w, out var s))
            {
                if (s >= 1000) { total += (current == 0 ? 1 : current) * s; current = 0; }
                else current = (current == 0 ? 1 : current) * s;
            }
            else if (any && w == "and" && i + 1 < words.Count && (Units.ContainsKey(words[i + 1]) && words[i + 1] is not ("a" or "an"))) { }
            else break;
            i++;
        }
        if (!any) { i = start; return false; }
        value = total + current;
        return true;
    }

    [GeneratedRegex(@"(?<=\d)[,\u202F\u00A0 ](?=\d{3}(?!\d))")]
    private static partial Regex ThousandsSeparator();

    [GeneratedRegex(@"\d+(\.\d+)?|[a-z]+")]
    private static partial Regex TokenPattern();
}
