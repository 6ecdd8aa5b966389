using System.Globalization;
using System.Runtime.CompilerServices;
using ChatBot.Core.Search;

namespace ChatBot.Core.Quiz;

/// <summary>
/// Builds quiz questions from the facts of an index snapshot. A question is a pure function of the
/// corpus and a seed, so its id ("corpus-hash-prefix:seed") is enough to rebuild and grade it later,
/// even after a restart; a changed corpus makes old ids unknown rather than wrongly graded. An id may
/// carry the article or topic it was asked under ("…:seed~004") so the next question keeps to it.
/// </summary>
public sealed class QuizGenerator
{
    private readonly ConditionalWeakTable<IndexSnapshot, QuizBank> _banks = new();

    /// <summary>The facts and distractor pools of a snapshot (computed once per snapshot).</summary>
    public QuizBank Bank(IndexSnapshot snapshot) => _banks.GetValue(snapshot, s => QuizBank.Build(QuizCorpus.From(s)));

    public QuizQuestion Generate(IndexSnapshot snapshot, int seed) => Bank(snapshot).Generate(seed);

    /// <summary>The seed a question id was made from, if the id belongs to this corpus.</summary>
    public static bool TryParseId(string id, string corpusHash, out int seed) => TryParseId(id, corpusHash, out seed, out _);

    public static bool TryParseId(string id, string corpusHash, out int seed, out string? scope)
    {
        seed = 0;
        scope = null;
        var cut = id.IndexOf('~', StringComparison.Ordinal);
        if (cut >= 0)
        {
            scope = id[(cut + 1)..];
            id = id[..cut];
            if (!QuizScope.IsValidKey(scope)) return false;
        }
        var parts = id.Split(':');
        return parts.Length == 2 && corpusHash.Length >= 8 && parts[0] == corpusHash[..8]
               && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed);
    }

    /// <summary>The question's id without the scope it was asked under: the same question under any scope.</summary>
    public static string BaseId(string id) => id.Split('~', 2)[0];

    /// <summary>
    /// Easy: a well-known answer offered among choices; hard: a rarely mentioned answer asked for in
    /// free text, in a passage of rare words. Names and years are easier to recall than places or counts.
    /// </summary>
    public static QuizDifficulty Difficulty(QuizFact fact, QuizQuestionType type)
    {
        var score = fact.AnswerKind switch
        {
            QuizAnswerKind.Person or QuizAnswerKind.Date or QuizAnswerKind.Article => 0,
            QuizAnswerKind.Organization or QuizAnswerKind.Name => 1,
            QuizAnswerKind.TrueFalse => 0.5,
            _ => 1.5,
        };
        if (type == QuizQuestionType.Short) score += 1;
        if (fact.AnswerMentions <= 1) score += 1;
        else if (fact.AnswerMentions >= 4) score -= 0.5;
        // Average idf above 2.5: mostly words the corpus rarely uses.
        if (fact.StemRarity > 2.5) score += 0.5;
        return score < 1 ? QuizDifficulty.Easy : score < 2.5 ? QuizDifficulty.Medium : QuizDifficulty.Hard;
    }
}

/// <summary>The quiz-worthy facts of one corpus, and pools of same-kind answers to draw distractors from.</summary>
public sealed partial class QuizBank
{
    /// <summary>
    /// How often each kind is drawn: the kinds that test the material most directly (who said it, how
    /// many, when, who did it, true or false) equally; the cloze and "which document" (easier to guess
    /// from style) less. Refit by reviewing a seeded sample (see the quiz review test).
    /// </summary>
    public static readonly IReadOnlyDictionary<QuizKind, double> KindWeights = new Dictionary<QuizKind, double>
    {
        [QuizKind.WhoSaid] = 1, [QuizKind.Number] = 1, [QuizKind.Date] = 1, [QuizKind.Actor] = 1, [QuizKind.TrueFalse] = 1,
        [QuizKind.WhichArticle] = 0.6, [QuizKind.Cloze] = 0.6,
    };

    /// <summary>Facts a kind needs for its full weight (below, the weight falls with the square root of the count).</summary>
    public const int FullWeightFacts = 12;

    private readonly Dictionary<QuizAnswerKind, List<string>> _pools;
    private readonly Dictionary<QuizKind, List<QuizFact>> _byKind;
    private readonly List<(QuizKind Kind, double Weight)> _kinds;
    private readonly Dictionary<string, HashSet<string>> _names = new(StringComparer.Ordinal);
    private readonly List<(string Source, string Text, HashSet<string> Words)> _sentences;
    private readonly Dictionary<string, string> _brief;

    private QuizBank(QuizCorpus corpus, CorpusNames names, IReadOnlyList<QuizFact> facts)
    {
        Corpus = corpus;
        Names = names;
        CorpusHash = corpus.Hash;
        Facts = facts;
        _brief = FactExtractor.BriefTitles(corpus);
        _byKind = facts.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.ToList());
        // A kind with few facts is drawn less often, so a handful of facts is not asked over and over.
        _kinds = KindWeights.Where(k => _byKind.ContainsKey(k.Key))
            .Select(k => (k.Key, k.Value * Math.Min(1, Math.Sqrt(_byKind[k.Key].Count / (double)FullWeightFacts)))).ToList();
        _pools = new Dictionary<QuizAnswerKind, List<string>>();
        foreach (var kind in new[] { QuizAnswerKind.Person, QuizAnswerKind.Organization, QuizAnswerKind.Place, QuizAnswerKind.Name })
            _pools[kind] = names.All(kind).Where(n => kind != QuizAnswerKind.Person || n.Contains(' ')).ToList();
        foreach (var kind in new[] { QuizAnswerKind.Number, QuizAnswerKind.Date })
            _pools[kind] = facts.Where(f => f.AnswerKind == kind).Select(f => f.Answer).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var fact in facts)
        {
            if (!_names.TryGetValue(fact.Answer, out var set)) _names[fact.Answer] = set = new HashSet<string>(StringComparer.Ordinal);
            set.UnionWith(fact.Alternatives.Append(fact.Answer).Select(QuizText.Normalize));
        }
        _sentences = corpus.Documents.SelectMany(d => d.Sentences.Select(s => (d.Source, s.Text, FactExtractor.ContentWords(s.Text)))).ToList();
    }

    public static QuizBank Build(QuizCorpus corpus)
    {
        var names = new CorpusNames(corpus);
        return new QuizBank(corpus, names, FactExtractor.Extract(corpus, names));
    }

    public QuizCorpus Corpus { get; }
    public CorpusNames Names { get; }
    public string CorpusHash { get; }
    public IReadOnlyList<QuizFact> Facts { get; }

    public IReadOnlyList<string> Pool(QuizAnswerKind kind) => _pools.GetValueOrDefault(kind) ?? [];

    /// <summary>The fact a seed draws: first a kind (by <see cref="KindWeights"/>), then a fact of that kind.</summary>
    public QuizFact FactFor(int seed) => Draw(new Random(seed));

    private QuizFact Draw(Random rng)
    {
        if (Facts.Count == 0) throw new InvalidOperationException("The corpus has no sentences a quiz question can be built on.");
        var total = _kinds.Sum(k => k.Weight);
        var pick = rng.NextDouble() * total;
        var kind = _kinds[^1].Kind;
        foreach (var (k, w) in _kinds)
        {
            if (pick < w) { kind = k; break; }
            pick -= w;
        }
        var facts = _byKind[kind];
        return facts[rng.Next(facts.Count)];
    }

    public QuizQuestion Generate(int seed, string? scopeKey = null)
    {
        var rng = new Random(seed);
        var fact = Draw(rng);
        var id = $"{CorpusHash[..8]}:{seed.ToString(CultureInfo.InvariantCulture)}" + (scopeKey is null ? "" : "~" + scopeKey);
        if (fact.Kind == QuizKind.TrueFalse)
        {
            var isTrue = rng.Next(2) == 0;
            var answer = isTrue ? "True" : "False";
            return new QuizQuestion(id, QuizQuestionType.TrueFalse, fact.Kind, isTrue ? fact.Stem : fact.FalseStem!, ["True", "False"],
                QuizGenerator.Difficulty(fact, QuizQuestionType.TrueFalse), QuizAnswerKind.TrueFalse, answer, TrueFalseAlternatives(isTrue), fact.Citation);
        }
        var distractors = Distractors(fact, rng);
        var multipleChoice = distractors.Count == 3 && (fact.Kind == QuizKind.WhichArticle || rng.Next(2) == 0);
        IReadOnlyList<string>? choices = null;
        if (multipleChoice)
        {
            var options = distractors.Append(fact.Answer).ToArray();
            rng.Shuffle(options);
            choices = options;
        }
        var type = multipleChoice ? QuizQuestionType.MultipleChoice : QuizQuestionType.Short;
        return new QuizQuestion(id, type, fact.Kind, fact.Stem, choices, QuizGenerator.Difficulty(fact, type), fact.AnswerKind, fact.Answer, fact.Alternatives, fact.Citation);
    }

    public static IReadOnlyList<string> TrueFalseAlternatives(bool isTrue) => isTrue ? ["True", "T", "Yes", "Right", "Correct"] : ["False", "F", "No", "Wrong", "Incorrect"];

    // Every way the corpus names each answer ("NHA", "northwind harbour authority"): two options
    // naming the same thing would give the question away.
    private IEnumerable<string> NamesOf(string answer) =>
        _names.TryGetValue(answer, out var names) ? names : [QuizText.Normalize(answer)];

    /// <summary>
    /// Three wrong options of the same kind: other people, organisations, places or documents of the corpus
    /// (from the same document first); other numbers or dates of similar size and the same form (from the
    /// corpus first, made up nearby when it has too few). None may be another right answer: a candidate
    /// found in a sentence that says most of what the question says is left out. Fewer than three means
    /// the question is asked as short answer.
    /// </summary>
    public IReadOnlyList<string> Distractors(QuizFact fact, Random rng)
    {
        if (fact.Kind == QuizKind.WhichArticle) return ArticleDistractors(fact, rng);
        var picked = new List<string>();
        var taken = fact.Alternatives.Select(QuizText.Normalize).Concat(NamesOf(fact.Answer)).ToHashSet(StringComparer.Ordinal);
        bool Clashes(string candidate) =>
            NamesOf(candidate).Append(QuizText.Normalize(candidate)).Any(taken.Contains)
            || fact.AnswerKind == QuizAnswerKind.Person && (QuizText.Fold(CorpusNames.Surname(candidate)) == QuizText.Fold(CorpusNames.Surname(fact.Answer))
                                                            || picked.Any(p => CorpusNames.Surname(p) == CorpusNames.Surname(candidate)))
            || QuizText.ContainsPhrase(candidate, fact.Answer) || QuizText.ContainsPhrase(fact.Answer, candidate)
            || QuizText.ContainsPhrase(fact.Stem, candidate)
            || AlsoRight(fact, candidate);

        if (fact.AnswerKind is QuizAnswerKind.Number)
        {
            NumberWords.TryParseNumeral(fact.Answer.Replace("%", " percent", StringComparison.Ordinal), out var value);
            // "went up from 10 to how many": a number on the wrong side of 10, or 10 itself, is no real option.
            var inStem = NumberWords.Values(fact.Stem).ToHashSet();
            var from = FromValue().Match(fact.Stem);
            double? floor = null, ceiling = null;
            if (from.Success && NumberWords.TryParseNumeral(from.Groups["n"].Value, out var fv))
            {
                if (Rising().IsMatch(fact.Stem)) floor = fv;
                else if (Falling().IsMatch(fact.Stem)) ceiling = fv;
            }
            var candidates = Pool(fact.AnswerKind)
                .Select(c => (Text: c, Ok: NumberWords.TryParseNumeral(c, out var v), Value: v))
                .Where(c => c.Ok && c.Value != value && c.Value >= value / 5 && c.Value <= value * 5 && SameShape(fact.Answer, c.Text))
                .OrderBy(c => Math.Abs(Math.Log(c.Value / value)) + rng.NextDouble() * 0.3)
                .Select(c => c.Text)
                .Concat(MadeUpNumbers(fact.AnswerKind, fact.Answer, value, rng));
            foreach (var c in candidates)
            {
                if (picked.Count == 3) break;
                if (!NumberWords.TryParseNumeral(c.Replace("%", " percent", StringComparison.Ordinal), out var cv) || cv == value || inStem.Contains(cv)
                    || cv <= floor || cv >= ceiling || picked.Any(p => NumberWords.TryParseNumeral(p.Replace("%", " percent", StringComparison.Ordinal), out var pv) && pv == cv)) continue;
                if (!Clashes(c)) picked.Add(c);
            }
            return picked;
        }
        if (fact.AnswerKind is QuizAnswerKind.Date)
        {
            if (!DateParts.TryParse(fact.Answer, out var answer)) return [];
            var candidates = Pool(QuizAnswerKind.Date)
                .Where(c => DateParts.TryParse(c, out var p) && (p.Month is null) == (answer.Month is null) && (p.Day is null) == (answer.Day is null)
                            && Math.Abs(p.Year - answer.Year) <= 30 && p != answer)
                .OrderBy(_ => rng.NextDouble())
                .Concat(MadeUpDates(fact.Answer, answer, rng));
            foreach (var c in candidates)
            {
                if (picked.Count == 3) break;
                if (!DateParts.TryParse(c, out var cp) || cp == answer || picked.Any(p => DateParts.TryParse(p, out var pp) && pp == cp)) continue;
                if (!Clashes(c)) picked.Add(c);
            }
            return picked;
        }

        // Names: same kind, written like the answer (a surname with surnames), same document first.
        var pool = Pool(fact.AnswerKind).ToList();
        var surnameOnly = fact.AnswerKind == QuizAnswerKind.Person && !fact.Answer.Contains(' ');
        if (surnameOnly) pool = pool.Select(CorpusNames.Surname).Distinct(StringComparer.Ordinal).ToList();
        var document = Corpus.Documents.First(d => d.Source == fact.Citation.Source);
        var near = pool.Where(p => QuizText.ContainsPhrase(document.Text, p)).ToArray();
        var far = pool.Except(near).ToArray();
        rng.Shuffle(near);
        rng.Shuffle(far);
        IEnumerable<string> ordered = fact.AnswerKind == QuizAnswerKind.Name
            // Other names are of many sorts: only ones sharing a word with the answer, or from its document, are sensible.
            ? near.Concat(far.Where(f => QuizText.Words(f).Intersect(QuizText.Words(fact.Answer)).Any()))
            : near.Concat(far);
        foreach (var candidate in ordered)
        {
            if (picked.Count == 3) break;
            if (Clashes(candidate) || Names.IsTopic(candidate) && fact.AnswerKind != QuizAnswerKind.Person) continue;
            picked.Add(candidate);
            taken.UnionWith(NamesOf(candidate));
        }
        return picked.Count == 3 ? picked : [];
    }

    private List<string> ArticleDistractors(QuizFact fact, Random rng)
    {
        var others = Corpus.Originals.Where(d => d.Source != fact.Citation.Source).Select(d => _brief[d.Source]).Distinct(StringComparer.Ordinal).ToArray();
        rng.Shuffle(others);
        return others.Take(3).ToList();
    }

    /// <summary>
    /// Whether a candidate might also be right: some sentence of the corpus names it and says most of what
    /// the question says around the answer (60% of its content words, at least three).
    /// </summary>
    public bool AlsoRight(QuizFact fact, string candidate)
    {
        if (fact.Context is null) return false;
        var context = FactExtractor.ContentWords(fact.Context);
        if (context.Count == 0) return false;
        var needed = Math.Max(3, context.Count * 0.6);
        var number = fact.AnswerKind is QuizAnswerKind.Number ? NumberWords.Values(candidate).FirstOrDefault() : (double?)null;
        foreach (var (_, text, words) in _sentences)
        {
            var names = number is { } n ? NumberWords.Values(text).Contains(n) : QuizText.ContainsPhrase(text, candidate);
            if (names && context.Count(words.Contains) >= needed) return true;
        }
        return false;
    }

    /// <summary>"$700" is offered with other dollar sums, "25 percent" with other percentages.</summary>
    private static bool SameShape(string a, string b) =>
        a.StartsWith('$') == b.StartsWith('$') && a.StartsWith('€') == b.StartsWith('€')
        && (a.Contains("percent", StringComparison.Ordinal) || a.EndsWith('%')) == (b.Contains("percent", StringComparison.Ordinal) || b.EndsWith('%'))
        && a.Contains("illion", StringComparison.Ordinal) == b.Contains("illion", StringComparison.Ordinal)
        && char.IsDigit(a.TrimStart('$', '€', '£')[0]) == char.IsDigit(b.TrimStart('$', '€', '£')[0]);

    /// <summary>Numbers near the answer, written the same way: "$1.6 billion" → "$3.2 billion", "10,000" → "20,000", "five" → "ten".</summary>
    public static IEnumerable<string> MadeUpNumbers(QuizAnswerKind kind, string answer, double value, Random rng)
    {
        if (kind == QuizAnswerKind.Date)
        {
            int[] offsets = [-7, -4, -2, 2, 3, 5, 9];
            rng.Shuffle(offsets);
            foreach (var o in offsets) yield return ((int)value + o).ToString(CultureInfo.InvariantCulture);
            yield break;
        }
        double[] factors = [0.5, 2, 1.5, 0.75, 3, 0.25, 1.25, 4];
        rng.Shuffle(factors);
        var numeral = System.Text.RegularExpressions.Regex.Match(answer, @"\d[\d,]*(\.\d+)?").Value;
        foreach (var f in factors)
        {
            var v = value * f;
            var hasDecimals = numeral.Contains('.');
            if (!hasDecimals) v = Math.Round(v);
            if (v < 2 || v == value) continue;
            if ((answer.EndsWith('%') || answer.Contains("percent", StringComparison.Ordinal)) && v > 100) continue; // a share is at most the whole
            if (numeral.Length == 0)
            {
                // A number written in words: answer in words too, when it has a word.
                if (NumberWords.ToWords(v) is { } words) yield return char.IsUpper(answer[0]) ? QuizText.Capitalize(words) : words;
                continue;
            }
            var magnitude = answer.Contains("billion", StringComparison.Ordinal) ? 1e9 : answer.Contains("million", StringComparison.Ordinal) ? 1e6 : 1;
            var shown = v / magnitude;
            var digits = hasDecimals ? shown.ToString("0.0", CultureInfo.InvariantCulture)
                : numeral.Contains(',') || shown >= 10_000 ? shown.ToString("#,0", CultureInfo.InvariantCulture) : shown.ToString("0", CultureInfo.InvariantCulture);
            yield return answer.Replace(numeral, digits, StringComparison.Ordinal);
        }
    }

    /// <summary>Dates near the answer in the same form: other years, or the same month of other years.</summary>
    private static IEnumerable<string> MadeUpDates(string text, DateParts answer, Random rng)
    {
        int[] offsets = [-7, -4, -2, -1, 1, 2, 3, 5];
        rng.Shuffle(offsets);
        var year = answer.Year.ToString(CultureInfo.InvariantCulture);
        foreach (var o in offsets) yield return text.Replace(year, (answer.Year + o).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bfrom\s+(?<n>\$?[\d,.]+)\s+to\s+how\b")]
    private static partial System.Text.RegularExpressions.Regex FromValue();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(up|rose|risen|increased|grew|higher|raised)\b")]
    private static partial System.Text.RegularExpressions.Regex Rising();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(down|fell|fallen|decreased|dropped|lower|lowered|cut|reduced)\b")]
    private static partial System.Text.RegularExpressions.Regex Falling();
}
