using System.Globalization;
using System.Runtime.CompilerServices;
using ChatBot.Core.Search;

namespace ChatBot.Core.Quiz;

/// <summary>
/// Builds quiz questions from the facts of an index snapshot. A question is a pure function of the
/// corpus and a seed, so its id ("corpus-hash-prefix:seed") is enough to rebuild and grade it later,
/// even after a restart; a changed corpus makes old ids unknown rather than wrongly graded.
/// </summary>
public sealed class QuizGenerator
{
    private readonly ConditionalWeakTable<IndexSnapshot, QuizBank> _banks = new();

    /// <summary>The facts and distractor pools of a snapshot (computed once per snapshot).</summary>
    public QuizBank Bank(IndexSnapshot snapshot) => _banks.GetValue(snapshot, s => new QuizBank(s.CorpusHash, FactExtractor.Extract(s)));

    public QuizQuestion Generate(IndexSnapshot snapshot, int seed) => Generate(Bank(snapshot), seed);

    public static QuizQuestion Generate(QuizBank bank, int seed)
    {
        if (bank.Facts.Count == 0) throw new InvalidOperationException("The corpus has no sentences a quiz question can be built on.");
        var rng = new Random(seed);
        var fact = bank.Facts[rng.Next(bank.Facts.Count)];
        var distractors = bank.Distractors(fact, rng);
        var multipleChoice = distractors.Count == 3 && rng.Next(2) == 0;
        IReadOnlyList<string>? choices = null;
        if (multipleChoice)
        {
            var options = distractors.Append(fact.Answer).ToArray();
            rng.Shuffle(options);
            choices = options;
        }
        var id = $"{bank.CorpusHash[..8]}:{seed.ToString(CultureInfo.InvariantCulture)}";
        return new QuizQuestion(id, multipleChoice ? QuizQuestionType.MultipleChoice : QuizQuestionType.Short, fact.Stem, choices,
            Difficulty(fact, multipleChoice), fact.Kind, fact.Answer, fact.Alternatives, fact.Citation);
    }

    /// <summary>The seed a question id was made from, if the id belongs to this corpus.</summary>
    public static bool TryParseId(string id, string corpusHash, out int seed)
    {
        seed = 0;
        var parts = id.Split(':');
        return parts.Length == 2 && parts[0] == corpusHash[..8]
               && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed);
    }

    /// <summary>
    /// Easy: a well-known answer offered among choices; hard: a rarely mentioned answer asked for in
    /// free text, in a passage of rare words. Names and years are easier to recall than places or counts.
    /// </summary>
    public static QuizDifficulty Difficulty(QuizFact fact, bool multipleChoice)
    {
        var score = fact.Kind switch
        {
            QuizAnswerKind.Person or QuizAnswerKind.Year => 0,
            QuizAnswerKind.Organization => 1,
            _ => 1.5,
        };
        if (!multipleChoice) score += 1;
        if (fact.AnswerMentions <= 1) score += 1;
        else if (fact.AnswerMentions >= 4) score -= 0.5;
        if (fact.StemRarity > 2.5) score += 0.5;
        return score < 1 ? QuizDifficulty.Easy : score < 2.5 ? QuizDifficulty.Medium : QuizDifficulty.Hard;
    }
}

/// <summary>The quiz-worthy facts of one corpus, and pools of same-kind answers to draw distractors from.</summary>
public sealed class QuizBank
{
    private readonly Dictionary<QuizAnswerKind, List<string>> _pools;

    public QuizBank(string corpusHash, IReadOnlyList<QuizFact> facts)
    {
        CorpusHash = corpusHash;
        Facts = facts;
        _pools = facts.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.Select(f => f.Answer).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
        foreach (var fact in facts)
        {
            if (!_names.TryGetValue(fact.Answer, out var names)) _names[fact.Answer] = names = new HashSet<string>(StringComparer.Ordinal);
            names.UnionWith(fact.Alternatives.Append(fact.Answer).Select(QuizText.Normalize));
        }
    }

    // Every way the corpus names each answer ("DEA", "drug enforcement administration"): two options
    // naming the same thing would give the question away.
    private readonly Dictionary<string, HashSet<string>> _names = new(StringComparer.Ordinal);

    private IEnumerable<string> NamesOf(string answer) =>
        _names.TryGetValue(answer, out var names) ? names : [QuizText.Normalize(answer)];

    public string CorpusHash { get; }
    public IReadOnlyList<QuizFact> Facts { get; }

    public IReadOnlyList<string> Pool(QuizAnswerKind kind) => _pools.GetValueOrDefault(kind) ?? [];

    /// <summary>
    /// Three wrong options of the same kind: other people, other organisations or places from the corpus;
    /// other numbers or years of similar size (from the corpus first, made up nearby when it has too few).
    /// Fewer than three means the question is asked as short answer.
    /// </summary>
    public IReadOnlyList<string> Distractors(QuizFact fact, Random rng)
    {
        var picked = new List<string>();
        var taken = fact.Alternatives.Select(QuizText.Normalize).Concat(NamesOf(fact.Answer)).ToHashSet(StringComparer.Ordinal);
        bool Clashes(string candidate) =>
            NamesOf(candidate).Append(QuizText.Normalize(candidate)).Any(taken.Contains)
            || fact.Kind == QuizAnswerKind.Person && (QuizText.Fold(FactExtractor.Surname(candidate)) == QuizText.Fold(FactExtractor.Surname(fact.Answer))
                                                      || picked.Any(p => FactExtractor.Surname(p) == FactExtractor.Surname(candidate)))
            || QuizText.ContainsPhrase(candidate, fact.Answer) || QuizText.ContainsPhrase(fact.Answer, candidate);

        if (fact.Kind is QuizAnswerKind.Number or QuizAnswerKind.Year)
        {
            NumberWords.TryParseNumeral(fact.Answer, out var value);
            var candidates = Pool(fact.Kind)
                .Select(c => (Text: c, Ok: NumberWords.TryParseNumeral(c, out var v), Value: v))
                .Where(c => c.Ok && c.Value != value && SimilarSize(fact.Kind, value, c.Value) && SameShape(fact.Answer, c.Text))
                .OrderBy(c => Math.Abs(Math.Log(c.Value / value)) + rng.NextDouble() * 0.3)
                .ToList();
            foreach (var c in candidates)
            {
                if (picked.Count == 3) break;
                if (!Clashes(c.Text) && picked.All(p => NumberWords.TryParseNumeral(p, out var pv) && pv != c.Value)) picked.Add(c.Text);
            }
            foreach (var made in MadeUpNumbers(fact.Kind, fact.Answer, value, rng))
            {
                if (picked.Count == 3) break;
                if (!Clashes(made) && picked.All(p => NumberWords.TryParseNumeral(p, out var pv) && NumberWords.TryParseNumeral(made, out var mv) && pv != mv)) picked.Add(made);
            }
            return picked;
        }

        var pool = Pool(fact.Kind).ToArray();
        rng.Shuffle(pool);
        foreach (var candidate in pool)
        {
            if (picked.Count == 3) break;
            if (Clashes(candidate)) continue;
            picked.Add(candidate);
            taken.UnionWith(NamesOf(candidate));
        }
        return picked.Count == 3 ? picked : [];
    }

    private static bool SimilarSize(QuizAnswerKind kind, double a, double b) =>
        kind == QuizAnswerKind.Year ? Math.Abs(a - b) <= 40 : b >= a / 5 && b <= a * 5;

    /// <summary>"$700" is offered with other dollar sums, "25 percent" with other percentages.</summary>
    private static bool SameShape(string a, string b) =>
        a.StartsWith('$') == b.StartsWith('$') && a.Contains("percent", StringComparison.Ordinal) == b.Contains("percent", StringComparison.Ordinal)
        && a.Contains("illion", StringComparison.Ordinal) == b.Contains("illion", StringComparison.Ordinal);

    private static IEnumerable<string> MadeUpNumbers(QuizAnswerKind kind, string answer, double value, Random rng)
    {
        if (kind == QuizAnswerKind.Year)
        {
            int[] offsets = [-7, -4, -2, 2, 3, 5, 9];
            rng.Shuffle(offsets);
            foreach (var o in offsets)
            {
                var year = (int)value + o;
                if (year <= DateTime.UtcNow.Year) yield return year.ToString(CultureInfo.InvariantCulture);
            }
            yield break;
        }
        double[] factors = [0.5, 2, 1.5, 0.75, 3, 0.25];
        rng.Shuffle(factors);
        var numeral = System.Text.RegularExpressions.Regex.Match(answer, @"\d[\d,]*(\.\d+)?").Value;
        foreach (var f in factors)
        {
            var v = value * f;
            var hasDecimals = numeral.Contains('.');
            if (!hasDecimals) v = Math.Round(v);
            if (v < 2 || v == value) continue;
            // Keep the article's way of writing it: "$1.6 billion" → "$3.2 billion", "10,000" → "20,000".
            var magnitude = answer.Contains("billion", StringComparison.Ordinal) ? 1e9 : answer.Contains("million", StringComparison.Ordinal) ? 1e6 : 1;
            var shown = v / magnitude;
            var digits = hasDecimals ? shown.ToString("0.0", CultureInfo.InvariantCulture)
                : numeral.Contains(',') || shown >= 10_000 ? shown.ToString("#,0", CultureInfo.InvariantCulture) : shown.ToString("0", CultureInfo.InvariantCulture);
            yield return answer.Replace(numeral, digits, StringComparison.Ordinal);
        }
    }
}
