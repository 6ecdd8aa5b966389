using ChatBot.Core.Search;

namespace ChatBot.Core.Answering;

/// <summary>
/// Decides from the evidence whether the corpus answers a question. Thresholds were set on the dev
/// questions plus off-topic probes (tests/fixtures/eval): every answerable dev question's chosen
/// sentence covers ≥ 0.55 of the question's idf weight, while off-topic questions reach ≤ 0.45, as
/// their rare words ("nitrogen", "Japan") never occur in the corpus.
/// </summary>
public static class EvidencePolicy
{
    /// <summary>Least idf-weighted share of the question's terms the answer (with its context) must cover.</summary>
    public const double MinCoverage = 0.5;

    /// <summary>A question about a name or number the corpus never mentions is not covered by it.</summary>
    public static string? UnknownSalientWord(QuestionAnalysis question, TermStatistics stats)
    {
        foreach (var word in question.SalientWords)
        {
            var terms = SearchAnalyzer.Shared.Terms(word);
            if (terms.Count > 0 && terms.All(t => stats.DocFrequency(t) == 0)) return word;
        }
        return null;
    }

    public static string? RefusalReason(QuestionAnalysis question, ExtractiveResult? result, TermStatistics stats)
    {
        if (question.IsInjection) return "instructions";
        if (question.IsSmallTalk || !question.HasContent) return "not-a-question";
        if (result is null) return "no-passage";
        if (UnknownSalientWord(question, stats) is { } word) return $"unknown-term:{word}";
        var minMatched = question.Terms.Count >= 3 ? 2 : 1;
        if (result.MatchedTerms < minMatched) return $"few-terms:{result.MatchedTerms}";
        if (result.Coverage < MinCoverage) return $"low-coverage:{result.Coverage:0.00}";
        return null;
    }
}
