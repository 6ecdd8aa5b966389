using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core.Text;

namespace ChatBot.Core.Quiz;

/// <summary>Text normalisation shared by question building and grading: case, accents and punctuation folded away.</summary>
public static partial class QuizText
{
    /// <summary>Lower case, no accents ("Quillón" → "quillon"), "ß"/"æ"/"œ" spelled out.</summary>
    public static string Fold(string text) => TextFolding.Fold(text);

    /// <summary>Folded words only: punctuation becomes space, apostrophes vanish ("N.H.A." → "n h a", "Kelderby’s" → "kelderbys").</summary>
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

    /// <summary>
    /// English closed-class words (articles, pronouns, prepositions, conjunctions, auxiliaries): grammar,
    /// not vocabulary of any corpus. A capitalised one is never a name; a lowercase one never a counted noun.
    /// </summary>
    public static readonly IReadOnlySet<string> FunctionWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "this", "that", "these", "those", "some", "any", "each", "every", "no", "all", "both", "either", "neither",
        "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "my", "your", "his", "its", "our", "their",
        "who", "whom", "whose", "which", "what", "where", "when", "why", "how", "there", "here",
        "of", "in", "on", "at", "to", "from", "by", "for", "with", "without", "about", "into", "onto", "over", "under", "after", "before",
        "between", "through", "during", "since", "until", "till", "against", "among", "across", "per", "via", "within", "than", "as", "like",
        "near", "inside", "outside", "up", "down", "off", "out", "around", "along", "behind", "beyond", "towards", "toward", "upon",
        "and", "or", "but", "nor", "so", "yet", "if", "because", "while", "although", "though", "unless", "whether", "once", "then",
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "will", "would", "shall",
        "should", "can", "could", "may", "might", "must", "not", "also", "only", "just", "even", "still", "more", "most", "less", "least",
        "very", "too", "much", "many", "few", "such", "other", "another", "same", "own",
    };

    /// <summary>Subject pronouns and demonstratives: a clause that starts with one leans on the sentence before.</summary>
    public static readonly IReadOnlySet<string> LeadingPronouns = new HashSet<string>(StringComparer.Ordinal)
    {
        "i", "you", "he", "she", "it", "we", "they", "this", "that", "these", "those", "his", "her", "its", "our", "their", "there", "here", "such",
    };

    /// <summary>English month names and their usual abbreviations ("Sept."), from the invariant culture plus the press forms.</summary>
    public static readonly IReadOnlySet<string> Months = new HashSet<string>(
        System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Where(m => m.Length > 0)
            .Concat(System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames.Where(m => m.Length > 0))
            .Append("Sept"), StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> Weekdays = new HashSet<string>(
        System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.DayNames, StringComparer.Ordinal);

    /// <summary>
    /// A title short enough to name in a question: up to its first sentence, colon or dash break, and at
    /// most <paramref name="maxWords"/> words ("Harbour dredging resumes at Kelderby").
    /// </summary>
    public static string BriefTitle(string title, int maxWords = 9)
    {
        var t = TitleBreak().Split(title.Trim(), 2)[0].Trim().TrimEnd('.', ',', ';');
        if (t.Length == 0) t = title.Trim();
        var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= maxWords ? t : string.Join(' ', words[..(maxWords - 1)]).TrimEnd(',', ';', ':') + "…";
    }

    /// <summary>The text with its first letter upper-cased.</summary>
    public static string Capitalize(string text) => text.Length == 0 || !char.IsLower(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // A sentence end (". " before a capital), "?", ":", " - ", " | ", " — " or " – " ends a title's first part.
    [GeneratedRegex(@"(?<=[a-z0-9)])\.\s+(?=[A-Z])|\?\s*|:\s+|\s+[-|—–]\s+")]
    private static partial Regex TitleBreak();

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

    /// <summary>A whole number from 2 to 99 in words ("twelve", "forty-five"), or null.</summary>
    public static string? ToWords(double value)
    {
        if (value != Math.Floor(value) || value is < 0 or > 99) return null;
        var n = (int)value;
        var byValue = Units.Where(u => u.Key is not ("a" or "an")).ToDictionary(u => (int)u.Value, u => u.Key);
        if (byValue.TryGetValue(n, out var word)) return word;
        return byValue.TryGetValue(n / 10 * 10, out var tens) && byValue.TryGetValue(n % 10, out var unit) ? $"{tens}-{unit}" : null;
    }

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
