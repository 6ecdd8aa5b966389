using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core.Search;

namespace ChatBot.Core.Answering;

/// <summary>What the check made of a generated answer.</summary>
public enum CitationVerdict
{
    /// <summary>Grounded: <see cref="CitationCheck.Text"/> and <see cref="CitationCheck.Citations"/> may be shown.</summary>
    Accepted,
    /// <summary>The model said "I don't know".</summary>
    Declined,
    /// <summary>Not usable (empty, no valid citation, or a sentence its passage does not support); <see cref="CitationCheck.Reason"/> says why.</summary>
    Rejected,
}

/// <summary>The outcome of <see cref="CitationValidator.Validate"/>.</summary>
public sealed record CitationCheck(CitationVerdict Verdict, string Text, IReadOnlyList<Citation> Citations, string Reason)
{
    /// <summary>Markers removed because they named no given passage.</summary>
    public int RemovedMarkers { get; init; }
}

/// <summary>
/// Checks a generated answer against the passages it was given (numbered 1..count in the prompt):
/// <list type="bullet">
/// <item>markers [n] (also [n, m], [n-m]) naming no given passage are removed;</item>
/// <item>each sentence citing passages must be supported by them: at least <see cref="SupportThreshold"/>
/// of its content words occur in the cited passages, and every number in it occurs there;</item>
/// <item>a sentence without a valid marker and with more than <see cref="MaxUncheckedWords"/> content words
/// must be supported the same way by some given passage (the prompt forbids outside knowledge);</item>
/// <item>at least one valid citation must remain; the valid markers are renumbered 1..k in order of
/// first appearance and a citation built for each, quoting the passage's most relevant sentence(s).</item>
/// </list>
/// Why 0.5: the answer prompt asks the model to reuse the passages' names, numbers and wording, so a
/// faithful sentence shares most content words with its source (typically 0.6–1.0 after stemming:
/// only connective verbs get paraphrased), while a sentence made up or taken from outside knowledge
/// shares few (0–0.3, mostly the topic words every passage has). Between the two, 0.5 rejects
/// invented claims and keeps close paraphrases; a rejected answer costs little, because the
/// caller falls back to the extractive answer, which is grounded by construction.
/// </summary>
public sealed partial class CitationValidator
{
    public const double DefaultSupportThreshold = 0.5;

    /// <summary>Share of a sentence's content words that must occur in its cited passage(s).</summary>
    public double SupportThreshold { get; init; } = DefaultSupportThreshold;

    /// <summary>Uncited sentences this short ("In short, yes.") are connective and not checked.</summary>
    public int MaxUncheckedWords { get; init; } = 3;

    /// <summary>Longest quote taken from a passage, in characters.</summary>
    public int MaxQuoteLength { get; init; } = 400;

    public CitationCheck Validate(string generated, IReadOnlyList<RetrievedPassage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var text = (generated ?? "").Trim();
        if (text.Length == 0) return Reject("the model returned no text");
        if (IsIDontKnow(text)) return new CitationCheck(CitationVerdict.Declined, text, [], "the model said it does not know");
        if (passages.Count == 0) return Reject("no passages were given");

        var passageWords = passages.Select(p => ContentWords.Of(p.Chunk.Text).ToHashSet(StringComparer.Ordinal)).ToArray();
        var passageNumbers = passages.Select(p => ContentWords.Numbers(p.Chunk.Text).ToHashSet(StringComparer.Ordinal)).ToArray();

        // 1. Support of each sentence by what it cites (or, uncited, by any passage).
        var claimsByPassage = new Dictionary<int, List<string>>();
        foreach (var sentence in Sentences(text))
        {
            var cited = Markers(sentence.Markers).Where(n => n >= 1 && n <= passages.Count).Distinct().ToList();
            var claim = MarkerPattern().Replace(sentence.Text, " ");
            var words = ContentWords.Of(claim).ToList();
            var numbers = ContentWords.Numbers(claim).ToList();
            if (words.Count == 0) continue;

            if (cited.Count > 0)
            {
                var support = Support(words, numbers, cited, passageWords, passageNumbers);
                if (support < SupportThreshold)
                    return Reject($"a sentence is not supported by passage {Describe(cited)} (content-word overlap {support:0.00} < {SupportThreshold:0.00}): \"{Shorten(claim)}\"");
                foreach (var n in cited)
                {
                    if (!claimsByPassage.TryGetValue(n, out var claims)) claimsByPassage[n] = claims = [];
                    claims.Add(claim);
                }
            }
            else if (words.Count > MaxUncheckedWords)
            {
                var best = Enumerable.Range(1, passages.Count).Max(n => Support(words, numbers, [n], passageWords, passageNumbers));
                if (best < SupportThreshold)
                    return Reject($"an uncited sentence is not supported by any passage (best content-word overlap {best:0.00} < {SupportThreshold:0.00}): \"{Shorten(claim)}\"");
            }
        }

        // 2. Renumber the valid markers 1..k in order of first appearance; drop the rest.
        var order = new List<int>();
        var removed = 0;
        foreach (Match marker in MarkerPattern().Matches(text))
        {
            foreach (var n in Markers([marker.Value]))
            {
                if (n < 1 || n > passages.Count) removed++;
                else if (!order.Contains(n)) order.Add(n);
            }
        }
        if (order.Count == 0)
            return Reject(removed > 0 ? $"every citation marker named a passage that was not given (1..{passages.Count})" : "the answer cites no passage");

        var renumbered = MarkerPattern().Replace(text, marker =>
        {
            var kept = Markers([marker.Value]).Where(n => n >= 1 && n <= passages.Count).Distinct().Select(n => order.IndexOf(n) + 1);
            return string.Concat(kept.Select(k => $"[{k}]"));
        });
        renumbered = Tidy(renumbered);

        var citations = order.Select((n, i) =>
        {
            var passage = passages[n - 1];
            var meta = passage.Document.Metadata;
            var claims = claimsByPassage.TryGetValue(n, out var c) ? c : [];
            return new Citation(i + 1, passage.Document.Source, meta.Title, meta.Outlet, meta.Url, Quote(passage.Chunk.Text, claims))
            {
                ChunkId = passage.Chunk.Id,
            };
        }).ToList();

        return new CitationCheck(CitationVerdict.Accepted, renumbered, citations, $"{citations.Count} citation(s) checked")
        {
            RemovedMarkers = removed,
        };
    }

    /// <summary>True when the text is the prompt's refusal, "I don't know" (any apostrophe, case or trailing words).</summary>
    public static bool IsIDontKnow(string text)
    {
        var normalized = text.Trim().TrimStart('"', '\'', '“', '*').Replace('’', '\'').ToLowerInvariant();
        return normalized.StartsWith("i don't know", StringComparison.Ordinal)
            || normalized.StartsWith("i do not know", StringComparison.Ordinal)
            || normalized.StartsWith("i dont know", StringComparison.Ordinal);
    }

    private static CitationCheck Reject(string reason) => new(CitationVerdict.Rejected, "", [], reason);

    /// <summary>Share of the claim's content words found in the cited passages; 0 when it names a number they lack.</summary>
    private static double Support(List<string> words, List<string> numbers, IReadOnlyList<int> cited, HashSet<string>[] passageWords, HashSet<string>[] passageNumbers)
    {
        if (numbers.Any(number => !cited.Any(n => passageNumbers[n - 1].Contains(number)))) return 0;
        var found = words.Count(word => cited.Any(n => passageWords[n - 1].Contains(word)));
        return (double)found / words.Count;
    }

    /// <summary>The passage itself when short; else its sentence(s) sharing most words with the claims citing it.</summary>
    private string Quote(string passageText, List<string> claims)
    {
        var passage = Whitespace().Replace(passageText.Trim(), " ");
        if (passage.Length <= MaxQuoteLength) return passage;

        var claimWords = claims.SelectMany(ContentWords.Of).ToHashSet(StringComparer.Ordinal);
        var sentences = Sentences(passage).Select(s => s.Text.Trim()).Where(s => s.Length > 0).ToList();
        if (sentences.Count == 0) return Cut(passage);

        var best = Enumerable.Range(0, sentences.Count)
            .OrderByDescending(i => ContentWords.Of(sentences[i]).Distinct().Count(claimWords.Contains))
            .ThenBy(i => i)
            .First();
        var quote = sentences[best];
        // A short best sentence rarely stands alone; take the next one with it when it fits.
        if (quote.Length < 120 && best + 1 < sentences.Count && quote.Length + 1 + sentences[best + 1].Length <= MaxQuoteLength)
            quote += " " + sentences[best + 1];
        return Cut(quote);
    }

    private string Cut(string text) => text.Length <= MaxQuoteLength ? text : text[..(MaxQuoteLength - 1)].TrimEnd() + "…";

    private readonly record struct Sentence(string Text, List<string> Markers);

    /// <summary>
    /// Sentences with the markers that belong to them. Markers opening a sentence ("… said. [2] Next")
    /// belong to the one before, where models often put them.
    /// </summary>
    private static List<Sentence> Sentences(string text)
    {
        var result = new List<Sentence>();
        foreach (var piece in SentenceBoundary().Split(text))
        {
            var body = piece;
            var leading = LeadingMarkers().Match(body);
            if (leading.Success && result.Count > 0)
            {
                result[^1].Markers.AddRange(MarkerPattern().Matches(leading.Value).Select(m => m.Value));
                body = body[leading.Length..];
            }
            if (string.IsNullOrWhiteSpace(body)) continue;
            result.Add(new Sentence(body, MarkerPattern().Matches(body).Select(m => m.Value).ToList()));
        }
        return result;
    }

    /// <summary>The passage numbers named by markers such as [2], [1, 3] or [1-3] (ranges capped to stay small).</summary>
    private static IEnumerable<int> Markers(IEnumerable<string> markers)
    {
        foreach (var marker in markers)
        {
            foreach (var part in marker.Trim('[', ']').Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var range = part.Split(['-', '–'], StringSplitOptions.TrimEntries);
                if (range.Length == 2 && int.TryParse(range[0], out var from) && int.TryParse(range[1], out var to) && from <= to && to - from < 20)
                {
                    for (var n = from; n <= to; n++) yield return n;
                }
                else if (int.TryParse(part, out var n))
                {
                    yield return n;
                }
            }
        }
    }

    private static string Describe(IReadOnlyList<int> cited) => string.Concat(cited.Select(n => $"[{n}]"));

    private static string Shorten(string text)
    {
        var oneLine = Whitespace().Replace(text, " ").Trim();
        return oneLine.Length <= 120 ? oneLine : oneLine[..119] + "…";
    }

    /// <summary>Removes the gaps left by dropped markers: double spaces and spaces before punctuation.</summary>
    private static string Tidy(string text)
    {
        var tidy = SpaceBeforePunctuation().Replace(text, "$1");
        tidy = DoubleSpaces().Replace(tidy, " ");
        return tidy.Trim();
    }

    [GeneratedRegex(@"\[\s*\d{1,3}\s*(?:[,;\-–]\s*\d{1,3}\s*)*\]")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"^\s*(?:\[\s*\d{1,3}\s*(?:[,;\-–]\s*\d{1,3}\s*)*\]\s*)+")]
    private static partial Regex LeadingMarkers();

    // After . ! ? (and closing quotes/brackets) followed by space and an upper-case letter, digit, quote or
    // marker; or at a line break. "e.g. officials" stays whole because a lower-case word follows.
    [GeneratedRegex(@"(?<=[.!?][""'”’)\]]?)\s+(?=[\p{Lu}\d""“\[])|\n+")]
    private static partial Regex SentenceBoundary();

    [GeneratedRegex(@"[ \t]+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex DoubleSpaces();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
