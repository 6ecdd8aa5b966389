using System.Text.RegularExpressions;
using ChatBot.Core.Text;

namespace ChatBot.Core.Search;

/// <summary>
/// The words a corpus uses, for correcting a question's misspellings of them ("quilon",
/// "marowby", "buisness"): an unknown word of five letters or more is replaced by the corpus word one
/// edit away (two from eight letters), the most frequent one if several. Only words the corpus does not
/// have are touched, so a correctly spelt question never changes; a word with no near neighbour stays
/// unknown (and is then evidence that the corpus does not cover it).
/// </summary>
public sealed partial class CorpusVocabulary
{
    /// <summary>Shortest word corrected: shorter ones have too many neighbours one edit away.</summary>
    public const int MinLength = 5;

    /// <summary>From this length, two edits are allowed.</summary>
    public const int TwoEditsFrom = 8;

    private readonly TermStatistics _stats;
    private readonly Dictionary<int, List<(string Word, string Term, int Df)>> _byLength = [];
    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly HashSet<string> _metadataTerms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _acronyms = new(StringComparer.Ordinal);

    private CorpusVocabulary(IndexSnapshot snapshot)
    {
        _stats = snapshot.TermStats;
        foreach (var document in snapshot.Documents)
        {
            foreach (Match m in Word().Matches(TextFolding.Fold(document.Text)))
            {
                if (!_words.Add(m.Value) || m.Value.Length < MinLength - 2) continue;
                var terms = SearchAnalyzer.Shared.Terms(m.Value);
                if (terms.Count != 1) continue;
                var df = _stats.DocFrequency(terms[0]);
                if (df == 0) continue;
                if (!_byLength.TryGetValue(m.Value.Length, out var list)) _byLength[m.Value.Length] = list = [];
                list.Add((m.Value, terms[0], df));
            }
            foreach (var field in new[] { document.Metadata.Title, document.Metadata.Outlet, document.Metadata.Author })
                if (field is not null) _metadataTerms.UnionWith(SearchAnalyzer.Shared.Terms(field));
            foreach (Match run in CapitalisedRun().Matches(document.Text)) AddAcronyms(run.Value);
        }
    }

    /// <summary>
    /// Every stretch of two to six capitalised words of a name ("Northshire Harbour Authority",
    /// "Office of Harbour Works", "Roads, Bridges, Tunnels") under its initials, with and without the small words inside ("OHW", "OOHW").
    /// </summary>
    private void AddAcronyms(string run)
    {
        var words = run.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (!char.IsUpper(words[i][0])) continue;
            for (var j = i + 1; j < words.Length && j - i < 6; j++)
            {
                if (!char.IsUpper(words[j][0])) continue;
                var span = words[i..(j + 1)];
                var phrase = string.Join(' ', span);
                // A roman numeral counts whole ("World War II" → "WWII").
                static string Initial(string w) => RomanNumeral().IsMatch(w) ? w.ToLowerInvariant() : char.ToLowerInvariant(w[0]).ToString();
                foreach (var key in new[]
                {
                    string.Concat(span.Where(w => char.IsUpper(w[0])).Select(Initial)),
                    string.Concat(span.Select(Initial)),
                })
                {
                    if (key.Length < 2) continue;
                    if (!_acronyms.TryGetValue(key, out var phrases)) _acronyms[key] = phrases = new(StringComparer.Ordinal);
                    phrases[phrase] = phrases.GetValueOrDefault(phrase) + 1;
                }
            }
        }
    }

    /// <summary>Whether a term occurs in the documents' titles, outlets or authors (the manifest names them too).</summary>
    public bool InMetadata(string term) => _metadataTerms.Contains(term);

    /// <summary>
    /// The analysed terms of the name an acronym the corpus never writes stands for ("NHA" → northshir,
    /// harbour, author), when exactly one name (or one clearly most frequent) has those initials.
    /// </summary>
    public IReadOnlyList<string>? Expand(string acronym) => Name(acronym) is { } name ? SearchAnalyzer.Shared.Terms(name) : null;

    /// <summary>The name an acronym stands for as the corpus writes it ("Northshire Harbour Authority"), as <see cref="Expand"/> finds it.</summary>
    public string? Name(string acronym)
    {
        var key = TextFolding.Fold(acronym).Replace(".", "", StringComparison.Ordinal);
        if (key.Length is < 2 or > 6 || !_acronyms.TryGetValue(key, out var phrases)) return null;
        var ranked = phrases.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Length).ToList();
        if (ranked.Count > 1 && ranked[1].Value == ranked[0].Value && ranked[1].Key.Length == ranked[0].Key.Length) return null;
        return ranked[0].Key;
    }

    /// <summary>
    /// Expansions of a text's acronyms the corpus does not write: analysed term of the acronym → the
    /// terms of the name it stands for.
    /// </summary>
    public Dictionary<string, IReadOnlyList<string>> Expansions(string text)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(text))
        {
            var word = m.Value;
            if (word.Length is < 2 or > 6 || word.Any(char.IsDigit)) continue;
            // An acronym: written in capitals, or a lowercase word the corpus does not have ("hsi").
            if (!word.All(char.IsUpper) && !word.All(char.IsLower)) continue;
            var terms = SearchAnalyzer.Shared.Terms(word);
            if (terms.Count != 1 || Knows(terms[0]) || _words.Contains(TextFolding.Fold(word))) continue;
            if (Expand(word) is { Count: > 0 } expansion) result[terms[0]] = expansion;
        }
        return result;
    }

    /// <summary>
    /// Acronyms of a text, written in capitals, that the corpus both writes and spells out ("the Regional Flood Board
    /// (RFB)"): analysed term of the acronym → the terms of its name. A sentence naming the body in full then answers a
    /// question that uses the acronym, as news writing names a body in full first and by its initials after.
    /// </summary>
    public Dictionary<string, IReadOnlyList<string>> Aliases(string text)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(text))
            if (AliasName(m.Value) is { } name) result[SearchAnalyzer.Shared.Terms(m.Value)[0]] = SearchAnalyzer.Shared.Terms(name);
        return result;
    }

    /// <summary>
    /// The text with each acronym of <see cref="Aliases"/> followed by its name in brackets, for embedding: the small
    /// model cannot know what initials a corpus coined stand for.
    /// </summary>
    public string WithAliasNames(string text) => Word().Replace(text, m => AliasName(m.Value) is { } name ? $"{m.Value} ({name})" : m.Value);

    /// <summary>The name of a word in capitals that the corpus both writes as an acronym and spells out in two words or more; null otherwise.</summary>
    private string? AliasName(string word)
    {
        if (word.Length is < 2 or > 6 || !word.All(char.IsUpper)) return null;
        var terms = SearchAnalyzer.Shared.Terms(word);
        if (terms.Count != 1 || !Knows(terms[0])) return null;
        return Name(word) is { } name && SearchAnalyzer.Shared.Terms(name).Count > 1 ? name : null;
    }

    public static CorpusVocabulary For(IndexSnapshot snapshot) => snapshot.Derived(s => new CorpusVocabulary(s));

    /// <summary>Whether the corpus has the analysed term.</summary>
    public bool Knows(string term) => _stats.DocFrequency(term) > 0;

    /// <summary>
    /// The corrections for a text's unknown words: analysed term of the misspelt word → analysed term of
    /// the corpus word it is closest to.
    /// </summary>
    public Dictionary<string, string> Corrections(string text)
    {
        var corrections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(TextFolding.Fold(text)))
        {
            var word = m.Value;
            if (word.Length < MinLength || _words.Contains(word) || word.Any(char.IsDigit)) continue;
            var terms = SearchAnalyzer.Shared.Terms(word);
            if (terms.Count != 1 || Knows(terms[0])) continue;
            if (Closest(word) is { } found && found != terms[0]) corrections[terms[0]] = found;
        }
        return corrections;
    }

    /// <summary>
    /// The text with each misspelt word replaced by the corpus word it is closest to ("who is edda
    /// moravec" for "who is edda moravek"), for embedding: the model has never seen the misspelling either.
    /// </summary>
    public string CorrectedText(string text) =>
        Word().Replace(text, m =>
        {
            var word = TextFolding.Fold(m.Value);
            if (word.Length < MinLength || _words.Contains(word) || word.Any(char.IsDigit)) return m.Value;
            var terms = SearchAnalyzer.Shared.Terms(word);
            if (terms.Count != 1 || Knows(terms[0])) return m.Value;
            return ClosestWord(word) ?? m.Value;
        });

    private string? Closest(string word) => ClosestEntry(word)?.Term;

    private string? ClosestWord(string word) => ClosestEntry(word)?.Word;

    private (string Word, string Term)? ClosestEntry(string word)
    {
        var max = word.Length >= TwoEditsFrom ? 2 : 1;
        (string Word, string Term, int Distance, int Df)? best = null;
        for (var length = word.Length - max; length <= word.Length + max; length++)
        {
            if (!_byLength.TryGetValue(length, out var list)) continue;
            foreach (var (candidate, term, df) in list)
            {
                var d = Distance(word, candidate, max);
                if (d > max) continue;
                if (best is null || d < best.Value.Distance || d == best.Value.Distance && df > best.Value.Df) best = (candidate, term, d, df);
            }
        }
        return best is { } b ? (b.Word, b.Term) : null;
    }

    /// <summary>Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps), giving up above <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > max) return max + 1;
        }
        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"^(II|III|IV|VI|VII|VIII|IX|XI|XII)$")]
    private static partial Regex RomanNumeral();

    // Capitalised words, possibly joined by small lowercase words or listed with commas: "Office of Harbour Works", "Board
    // of the Port", "Office of Roads, Bridges, Tunnels and Ferries" (whose initials "RBT" skip its first and last words).
    [GeneratedRegex(@"\p{Lu}[\p{L}\-]*(?:,?\s+(?:(?:of|the|and|for|de|del|la)\s+)*\p{Lu}[\p{L}\-]*)+")]
    private static partial Regex CapitalisedRun();
}
