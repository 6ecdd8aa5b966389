namespace ChatBot.Core.Corpus;

/// <summary>A sentence as a span of the text it was split from.</summary>
public readonly record struct SentenceSpan(int Start, int Length)
{
    public int End => Start + Length;
    public string Of(string text) => text.Substring(Start, Length);
}

/// <summary>
/// Splits prose into sentences. Aware of abbreviations ("U.K.", "Gen.", "Tex."), initials, and quotations:
/// a quotation that runs over several sentences stays one unit, so a quoted remark and its
/// attribution are cited together (up to <see cref="MaxQuotedUnitChars"/>).
/// </summary>
public static class SentenceSplitter
{
    public const int MaxQuotedUnitChars = 600;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "U.S", "U.K", "U.N", "E.U", "D.C", "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Adm", "Sen", "Rep", "Gov", "Lt", "Col",
        "Sgt", "Capt", "Cmdr", "St", "Mt", "Ft", "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "vs", "etc", "e.g", "i.e",
        "Tex", "Va", "Calif", "Ariz", "Fla", "Ill", "Mass", "Wash", "Mich", "Penn", "Pa", "Ga", "La", "Md", "Minn", "Mo",
        "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "a.m", "p.m", "approx", "est", "Dept", "Gov't",
    };

    public static IReadOnlyList<SentenceSpan> Split(string text) => Split(text, 0, text.Length);

    /// <summary>Splits text[start..start+length) and returns spans relative to <paramref name="text"/>.</summary>
    public static IReadOnlyList<SentenceSpan> Split(string text, int start, int length)
    {
        var raw = SplitIgnoringQuotes(text, start, start + length);
        return MergeQuoted(text, raw);
    }

    private static List<SentenceSpan> SplitIgnoringQuotes(string text, int from, int to)
    {
        var spans = new List<SentenceSpan>();
        var sentenceStart = SkipSpace(text, from, to);
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (c is not ('.' or '?' or '!' or '…')) continue;
            var j = i + 1;
            while (j < to && text[j] is '.' or '?' or '!') j++;
            while (j < to && IsClosing(text[j])) j++;
            if (j < to && !char.IsWhiteSpace(text[j])) continue;
            var next = SkipSpace(text, j, to);
            if (next >= to) break;
            if (!StartsSentence(text[next])) continue;
            if (c == '.' && IsAbbreviation(text, sentenceStart, i)) continue;
            if (c == '.' && i >= 2 && text.AsSpan(i - 2, 2).SequenceEqual("No") && char.IsDigit(text[next])) continue; // "No. 5"
            spans.Add(Trimmed(text, sentenceStart, j));
            sentenceStart = next;
            i = next - 1;
        }
        if (sentenceStart < to)
        {
            var last = Trimmed(text, sentenceStart, to);
            if (last.Length > 0) spans.Add(last);
        }
        return spans;
    }

    /// <summary>Joins sentences that fall inside one quotation ("“We do need… You’re the consuming country.”").</summary>
    private static IReadOnlyList<SentenceSpan> MergeQuoted(string text, List<SentenceSpan> spans)
    {
        var merged = new List<SentenceSpan>(spans.Count);
        var i = 0;
        while (i < spans.Count)
        {
            var current = spans[i];
            var depth = QuoteBalance(text, current, 0);
            var j = i;
            while (depth > 0 && j + 1 < spans.Count && spans[j + 1].End - current.Start <= MaxQuotedUnitChars)
            {
                j++;
                depth += QuoteBalance(text, spans[j], depth);
                current = new SentenceSpan(current.Start, spans[j].End - current.Start);
            }
            if (depth > 0 && j == i)
            {
                merged.Add(spans[i]);
                i++;
                continue;
            }
            merged.Add(current);
            i = j + 1;
        }
        return merged;
    }

    /// <summary>Opening minus closing double quotes; an odd number of straight quotes opens or closes by the depth so far.</summary>
    private static int QuoteBalance(string text, SentenceSpan span, int depthBefore)
    {
        int open = 0, close = 0, straight = 0;
        for (var k = span.Start; k < span.End; k++)
        {
            switch (text[k])
            {
                case '“': open++; break;
                case '”': close++; break;
                case '"': straight++; break;
            }
        }
        return open - close + (straight % 2 == 0 ? 0 : depthBefore > 0 ? -1 : 1);
    }

    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var k = dot - 1;
        while (k >= sentenceStart && !char.IsWhiteSpace(text[k]) && text[k] is not ('(' or '“' or '"')) k--;
        var word = text.Substring(k + 1, dot - k - 1);
        if (word.Length == 0) return false;
        if (word.Length == 1 && char.IsUpper(word[0])) return true; // an initial: "John F. Kennedy"
        return Abbreviations.Contains(word);
    }

    private static bool StartsSentence(char c) => char.IsUpper(c) || char.IsDigit(c) || c is '“' or '"' or '‘' or '\'' or '(' or '[' or '¿' or '¡';

    private static bool IsClosing(char c) => c is '”' or '"' or '’' or '\'' or ')' or ']' or '»';

    private static int SkipSpace(string text, int i, int to)
    {
        while (i < to && char.IsWhiteSpace(text[i])) i++;
        return i;
    }

    private static SentenceSpan Trimmed(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return new SentenceSpan(start, end - start);
    }
}
