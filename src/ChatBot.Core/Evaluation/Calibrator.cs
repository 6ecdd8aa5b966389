using ChatBot.Core.Answering;
using ChatBot.Core.Search;

namespace ChatBot.Core.Evaluation;

/// <summary>One training set for calibration: its questions and the engine over their corpus.</summary>
public sealed record CalibrationSet(string Name, IReadOnlyList<EvalQuestion> Questions, AnswerEngine Engine, ExtractiveAnswerer Answerer, IndexSnapshot Snapshot);

/// <summary>
/// Fits answering's weights on training questions (never on test questions): first the sentence ranker,
/// on every candidate sentence of the answerable one-fact, yes/no and description questions (a candidate
/// is right when the answer composed from it holds every expected item and comes from a gold document);
/// then, with that ranker, the refusal model on the question features of every question that reaches the
/// decision (injections and small talk are caught before it, summaries are always answered), labelled by
/// whether the question is answerable. Each (corpus, class) cell weighs the same in total (a wrong answer
/// and a wrong refusal cost the same, and no one corpus dominates), so the fit's own cut is 0.5. A refit keeps the threshold
/// it starts from (a new model starts at 0.5): a threshold chosen over corpora the fit never saw (docs/retrieval.md, round
/// 10) is a decision of its own, which refitting the weights should not undo.
/// </summary>
public static class Calibrator
{
    /// <summary>Question kinds (as eval files label them) whose candidates train the ranker.</summary>
    public static readonly IReadOnlySet<string> RankerKinds = new HashSet<string>(StringComparer.Ordinal) { "factoid", "yes_no", "who_is", "what_is" };

    /// <summary>Question kinds that reach the refusal decision.</summary>
    public static readonly IReadOnlySet<string> DecisionKinds = new HashSet<string>(StringComparer.Ordinal)
        { "factoid", "yes_no", "who_is", "what_is", "two_part", "overview", "trap", "off_topic" };

    public static async Task<AnswerCalibration> FitAsync(string modelId, bool dense, IReadOnlyList<CalibrationSet> sets, AnswerCalibration start,
        Action<string>? log = null, TextWriter? dump = null, CancellationToken cancellationToken = default, bool refusalOnly = false)
    {
        // 1. The ranker: the candidate pool does not depend on the weights, only its order does. With refusalOnly the
        // current ranker is kept, so a refusal refit on new questions does not also change which sentences are chosen.
        var groups = new List<RankingGroup>();
        foreach (var set in refusalOnly ? [] : sets)
            foreach (var q in set.Questions.Where(q => q.Answerable && RankerKinds.Contains(q.Kind ?? "factoid")))
            {
                var (plan, _, _) = await set.Engine.PlanAsync(set.Snapshot, q.Question, start, cancellationToken);
                if (plan.Rankings.Count == 0) continue;
                var ranking = plan.Rankings[0];
                // Right: the sentence itself holds every expected item (a fragment such as "$24" with the units around it),
                // so the ranker learns to put the answering sentence first, not a neighbour that completion would fix.
                var rows = ranking.Candidates.Select(c =>
                {
                    var segment = c.Unit.Unit.Terms.Count < 4
                        ? set.Answerer.Compose(ranking.Context, c, ranking.Ask)
                        : new AnswerSegment(c.Source, [c.Unit.Unit]);
                    return new LabelledRow(c.Features, IsRight(q, c.Source, segment));
                }).ToList();
                groups.Add(new RankingGroup(q.Id, rows));
                foreach (var (row, c) in rows.Zip(ranking.Candidates))
                    dump?.WriteLine(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["set"] = set.Name, ["table"] = "ranker", ["id"] = q.Id, ["label"] = row.Label, ["source"] = c.Source, ["unit"] = c.Unit.Unit.Index, ["x"] = row.X,
                    }));
            }
        var rankerFeatures = dense ? EvidenceFeatures.SentenceFeatures : EvidenceFeatures.LexicalSentenceFeatures;
        var ranker = refusalOnly ? start.Ranker : LogisticFit.Ranker(rankerFeatures, groups);
        var usable = groups.Count(g => g.Candidates.Any(c => c.Label));
        log?.Invoke(refusalOnly ? "Ranker: kept." : $"Ranker: {groups.Count} questions, {usable} with a right candidate, {groups.Sum(g => g.Candidates.Count)} candidates; L2 {ranker.L2}.");

        // 2. The refusal model, on the answers that ranker chooses.
        var withRanker = new AnswerCalibration { Model = modelId, Ranker = ranker, Refusal = start.Refusal, Threshold = start.Threshold };
        var decisions = new List<(string Set, LabelledRow Row)>();
        foreach (var set in sets)
            foreach (var q in set.Questions.Where(q => DecisionKinds.Contains(q.Kind ?? (q.Answerable ? "factoid" : "trap"))))
            {
                var (plan, _, _) = await set.Engine.PlanAsync(set.Snapshot, q.Question, withRanker, cancellationToken);
                if (plan.Evidence.Count == 0 || !plan.Decided) continue; // refused before the decision, or not the model's to decide
                decisions.Add((set.Name, new LabelledRow(plan.Evidence, q.Answerable)));
                dump?.WriteLine(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["set"] = set.Name, ["table"] = "refusal", ["id"] = q.Id, ["kind"] = q.Kind ?? "", ["label"] = q.Answerable, ["right"] = q.Answerable && IsRight(q, plan.Segments), ["x"] = plan.Evidence,
                }));
            }
        var positives = decisions.Count(r => r.Row.Label);
        var negatives = decisions.Count - positives;
        // Each corpus and each class weighs the same in total: a wrong answer costs what a wrong refusal costs,
        // and the larger training corpus does not decide alone how the model behaves on any corpus.
        var cells = decisions.GroupBy(d => (d.Set, d.Row.Label)).ToDictionary(g => g.Key, g => g.Count());
        var weighted = decisions.Select(d => d.Row with { Weight = decisions.Count / ((double)cells.Count * cells[(d.Set, d.Row.Label)]) }).ToList();
        var questionFeatures = dense ? EvidenceFeatures.QuestionFeatures : EvidenceFeatures.LexicalQuestionFeatures;
        var refusal = LogisticFit.Binary(questionFeatures, weighted);
        log?.Invoke($"Refusal: {positives} answerable and {negatives} unanswerable questions; L2 {refusal.L2}.");

        return new AnswerCalibration
        {
            Model = modelId,
            Fitted = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Method = "ranker: conditional logit over each question's candidate sentences; refusal: logistic regression, each (corpus, class) weighing the same; " +
                     $"features standardised, L2 penalty chosen by {LogisticFit.Folds}-fold cross-validation over questions (see docs/retrieval.md)",
            Training = sets.Select(s => Provenance(s.Questions)).ToList(),
            Ranker = ranker,
            Refusal = refusal,
            Threshold = start.Threshold,
        };
    }

    /// <summary>
    /// What a calibration was fitted on, one entry per training file: its question count and a hash of its ids and questions
    /// (SHA-256 of the UTF-8 lines "id TAB question" joined by line feeds, first 16 hex digits). Enough to tell which files
    /// were used without writing their names, which name the corpus, into the shipped calibration.
    /// </summary>
    public static string Provenance(IReadOnlyList<EvalQuestion> questions)
    {
        var text = string.Join("\n", questions.Select(q => q.Id + "\t" + q.Question));
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        return $"{questions.Count} questions, sha256 {hash[..16]}";
    }

    /// <summary>Whether an answer segment is right for an eval question: every expected group in its text, from a gold document.</summary>
    public static bool IsRight(EvalQuestion q, string source, AnswerSegment segment)
    {
        var text = EvalRunner.Fold((segment.Lead ?? "") + " " + segment.Text);
        var gold = q.Gold ?? [];
        return (gold.Count == 0 || gold.Any(g => source.StartsWith(g, StringComparison.Ordinal)))
               && (q.Expect ?? []).All(group => group.Any(alt => text.Contains(EvalRunner.Fold(alt), StringComparison.Ordinal)));
    }

    /// <summary>Whether an answer's segments together are right for an eval question: every expected group in their text, one from a gold document.</summary>
    public static bool IsRight(EvalQuestion q, IReadOnlyList<AnswerSegment> segments)
    {
        var text = EvalRunner.Fold(string.Join(" ", segments.Select(s => (s.Lead ?? "") + " " + s.Text)));
        var gold = q.Gold ?? [];
        return segments.Count > 0 && (gold.Count == 0 || segments.Any(s => gold.Any(g => s.Source.StartsWith(g, StringComparison.Ordinal))))
               && (q.Expect ?? []).All(group => group.Any(alt => text.Contains(EvalRunner.Fold(alt), StringComparison.Ordinal)));
    }

    /// <summary>How a calibration does on a set: answerable answered right, unanswerable refused.</summary>
    public static async Task<(int Right, int Answerable, int Refused, int Unanswerable)> ScoreAsync(CalibrationSet set, AnswerCalibration calibration, CancellationToken cancellationToken = default)
    {
        int right = 0, answerable = 0, refused = 0, unanswerable = 0;
        foreach (var q in set.Questions)
        {
            var (answer, _) = await set.Engine.AnswerExtractivelyAsync(set.Snapshot, q.Question, cancellationToken, calibration);
            if (q.Answerable) { answerable++; if (EvalRunner.IsCorrect(q, answer)) right++; }
            else { unanswerable++; if (!answer.Answered) refused++; }
        }
        return (right, answerable, refused, unanswerable);
    }
}
