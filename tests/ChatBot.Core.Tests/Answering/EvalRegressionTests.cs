using ChatBot.Core.Answering;
using ChatBot.Core.Evaluation;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Answering;

/// <summary>
/// The held-out test splits of the six corpora through the real engine (the local embedding model, hybrid
/// retrieval, the shipped calibration), as a regression check: each figure may not fall below the one
/// recorded in docs/retrieval.md by more than <see cref="Margin"/> (or one question, whichever is more).
/// When a change improves a figure, record the new one here and in the docs.
/// </summary>
[Collection(EvalSplitsCollection.Name)]
public class EvalRegressionTests(EvalCorpora corpora)
{
    /// <summary>How far a figure may fall before the check fails: run-to-run differences (float rounding on another CPU) flip at most a borderline question or two.</summary>
    public const double Margin = 0.05;

    // Recorded with `chatbot eval` on the test splits (docs/retrieval.md, "The figures").
    public static TheoryData<string, string, int, int, int, int> Splits => new()
    {
        // corpus, questions, answerable right, answerable, unanswerable refused, unanswerable
        { "corpus", "articles-test.jsonl", 52, 65, 21, 23 },
        { "corpora/tidewatch", "tidewatch-test.jsonl", 27, 37, 8, 9 },
        { "corpora/thornbury", "thornbury-test.jsonl", 29, 39, 14, 15 },
        { "corpora/larkspur", "larkspur-test.jsonl", 23, 37, 10, 14 },
        { "corpora/vellmoor", "vellmoor-test.jsonl", 32, 45, 11, 14 },
        { "corpora/halvard", "halvard-test.jsonl", 32, 47, 9, 14 },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public async Task The_test_split_scores_at_least_the_recorded_figures(string corpus, string file, int right, int answerable, int refused, int unanswerable)
    {
        var f = corpora.For(corpus);
        await f.Index.EnsureReadyAsync();
        var questions = EvalQuestion.Load(Path.Combine(RepoPaths.Fixtures, "eval", file));
        Assert.Equal(answerable, questions.Count(q => q.Answerable));
        Assert.Equal(unanswerable, questions.Count(q => !q.Answerable));

        int gotRight = 0, gotRefused = 0;
        var misses = new List<string>();
        foreach (var q in questions)
        {
            var answer = await f.Engine.AskAsync(q.Question);
            var ok = EvalRunner.IsCorrect(q, answer);
            if (ok && q.Answerable) gotRight++;
            if (ok && !q.Answerable) gotRefused++;
            if (!ok) misses.Add($"{q.Id} ({q.Kind}): {(answer.Answered ? answer.Text[..Math.Min(120, answer.Text.Length)] : "refused")}");
        }
        var report = $"{file}: answerable {gotRight}/{answerable} right (recorded {right}), unanswerable {gotRefused}/{unanswerable} refused (recorded {refused})\n" + string.Join("\n", misses);
        Assert.True(gotRight >= Floor(right, answerable), report);
        Assert.True(gotRefused >= Floor(refused, unanswerable), report);
    }

    /// <summary>The fewest right answers allowed: the recorded share less the margin, and at least one question below the record.</summary>
    internal static int Floor(int recorded, int total) =>
        Math.Min(recorded - 1, (int)Math.Ceiling((recorded / (double)total - Margin) * total));
}
