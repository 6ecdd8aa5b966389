using ChatBot.Core.Answering;
using ChatBot.Core.Search;

namespace ChatBot.Core.Evaluation;

/// <summary>How one eval question went.</summary>
public sealed record EvalResult(EvalQuestion Question, Answer Answer, bool Correct, int? GoldRank);

/// <summary>Totals of an eval run (the `summary` line of `eval --json`).</summary>
public sealed record EvalSummary(
    int Questions,
    int Answerable,
    int Unanswerable,
    int AnsweredCorrectly,
    int RefusedCorrectly,
    double AnswerAccuracy,
    double RefusalAccuracy,
    double RecallAt1,
    double RecallAt3,
    double RecallAt5,
    double Mrr,
    double MedianMs)
{
    /// <summary>Right / total per question kind, as the eval file labels them (questions without a kind count as "unlabelled").</summary>
    public IReadOnlyDictionary<string, KindFigures> Kinds { get; init; } = new Dictionary<string, KindFigures>();
}

/// <summary>How one kind of question went: how many were right out of how many.</summary>
public sealed record KindFigures(int Right, int Total);

/// <summary>
/// Runs an eval file through the engine. Retrieval figures use the ranked passages for each answerable
/// question (a hit is a passage whose source starts with a gold prefix); an answer counts as right when
/// every expect group is matched in it (case- and accent-insensitive) and a citation's source is gold.
/// </summary>
public sealed class EvalRunner(IAnswerEngine engine, CorpusIndex index, IRetriever retriever)
{
    private const int RankDepth = 10;

    public async Task<IReadOnlyList<EvalResult>> RunAsync(IReadOnlyList<EvalQuestion> questions, Action<EvalResult>? onResult = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await index.EnsureReadyAsync(cancellationToken: cancellationToken);
        var results = new List<EvalResult>();
        foreach (var q in questions)
        {
            var answer = await engine.AskAsync(q.Question, new AskContext(Surface: "eval"), cancellationToken);
            int? rank = null;
            if (q.Answerable && q.Gold is { Count: > 0 } gold)
            {
                var passages = await retriever.RetrieveAsync(snapshot, QuestionAnalyzer.Analyze(q.Question), RankDepth, cancellationToken);
                var hit = passages.Select((p, i) => (p, i)).FirstOrDefault(x => gold.Any(g => x.p.Chunk.Source.StartsWith(g, StringComparison.Ordinal)));
                if (hit.p is not null) rank = hit.i + 1;
            }
            var result = new EvalResult(q, answer, IsCorrect(q, answer), rank);
            results.Add(result);
            onResult?.Invoke(result);
        }
        return results;
    }

    public static bool IsCorrect(EvalQuestion q, Answer answer)
    {
        if (!q.Answerable) return !answer.Answered;
        if (!answer.Answered) return false;
        var text = Fold(answer.Text);
        var expectOk = (q.Expect ?? []).All(group => group.Any(alt => text.Contains(Fold(alt), StringComparison.Ordinal)));
        var gold = q.Gold ?? [];
        var citeOk = gold.Count == 0 || answer.Citations.Any(c => gold.Any(g => c.Source.StartsWith(g, StringComparison.Ordinal)));
        return expectOk && citeOk;
    }

    public static EvalSummary Summarize(IReadOnlyList<EvalResult> results)
    {
        var answerable = results.Where(r => r.Question.Answerable).ToList();
        var unanswerable = results.Where(r => !r.Question.Answerable).ToList();
        double Recall(int k) => answerable.Count == 0 ? 0 : (double)answerable.Count(r => r.GoldRank <= k) / answerable.Count;
        var times = results.Select(r => r.Answer.ElapsedMs).Order().ToList();
        return new EvalSummary(
            results.Count, answerable.Count, unanswerable.Count,
            answerable.Count(r => r.Correct), unanswerable.Count(r => r.Correct),
            answerable.Count == 0 ? 0 : Math.Round((double)answerable.Count(r => r.Correct) / answerable.Count, 4),
            unanswerable.Count == 0 ? 0 : Math.Round((double)unanswerable.Count(r => r.Correct) / unanswerable.Count, 4),
            Math.Round(Recall(1), 4), Math.Round(Recall(3), 4), Math.Round(Recall(5), 4),
            answerable.Count == 0 ? 0 : Math.Round(answerable.Sum(r => r.GoldRank is { } k ? 1.0 / k : 0) / answerable.Count, 4),
            times.Count == 0 ? 0 : times[times.Count / 2])
        {
            Kinds = results.GroupBy(r => r.Question.Kind ?? "unlabelled").OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new KindFigures(g.Count(r => r.Correct), g.Count()), StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Lower case without accents, for lenient matching ("Quillón" = "quillon"), compared the way check_eval.py validates an
    /// expected text against its gold file: typographic quotes as plain ones, hyphens and dashes as spaces ("14-day" = "14 day"),
    /// no thousands separators ("200,000" = "200000"), runs of spaces as one. A grader stricter than the checker would grade
    /// a right answer as wrong, and the calibration would learn from that wrong label.
    /// </summary>
    public static string Fold(string s)
    {
        var folded = Text.TextFolding.Fold(s);
        var sb = new System.Text.StringBuilder(folded.Length);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (c == ',' && IsThousandsSeparator(folded, i)) continue;
            if (c is '-' or '\u2010' or '\u2011' or '\u2013' or '\u2014' || char.IsWhiteSpace(c)) c = ' ';
            if (c == ' ' && (sb.Length == 0 || sb[^1] == ' ')) continue;
            sb.Append(c);
        }
        return sb.ToString().TrimEnd();
    }

    // A comma between a digit and exactly three digits is a thousands separator ("200,000"), not a list comma ("3, 4").
    private static bool IsThousandsSeparator(string s, int comma) =>
        comma > 0 && char.IsAsciiDigit(s[comma - 1])
        && comma + 3 < s.Length
        && char.IsAsciiDigit(s[comma + 1]) && char.IsAsciiDigit(s[comma + 2]) && char.IsAsciiDigit(s[comma + 3])
        && (comma + 4 == s.Length || !char.IsAsciiDigit(s[comma + 4]));
}
