using ChatBot.Core.Search;
using ChatBot.Core.Search.Hybrid;

namespace ChatBot.Core.Answering;

/// <summary>
/// Decides from the evidence whether the corpus answers a question. Thresholds were set on the dev
/// questions plus off-topic probes (tests/fixtures/eval): every answerable dev question's chosen
/// sentence covers ≥ 0.55 of the question's idf weight, while off-topic questions reach ≤ 0.45, as
/// their rare words ("nitrogen", "Japan") never occur in the corpus. With the dense leg on, its cosine
/// similarity is a second signal: it refuses word-overlap accidents and accepts paraphrases
/// (<see cref="RetrievalOptions.RefuseBelowSimilarity"/>, <see cref="RetrievalOptions.SupportSimilarity"/>).
/// </summary>
public static class EvidencePolicy
{
    /// <summary>Least idf-weighted share of the question's terms the answer (with its context) must cover.</summary>
    public const double MinCoverage = 0.5;

    /// <summary>Least coverage when the dense model finds the answer's passage close to the question.</summary>
    public const double MinCoverageWithSupport = 0.4;

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

    public static string? RefusalReason(QuestionAnalysis question, ExtractiveResult? result, TermStatistics stats,
        IReadOnlyList<RetrievedPassage>? passages = null, RetrievalOptions? retrieval = null)
    {
        if (question.IsInjection) return "instructions";
        if (question.IsSmallTalk || !question.HasContent) return "not-a-question";
        if (result is null) return "no-passage";
        if (UnknownSalientWord(question, stats) is { } word) return $"unknown-term:{word}";
        var minMatched = question.Terms.Count >= 3 ? 2 : 1;
        if (result.MatchedTerms < minMatched) return $"few-terms:{result.MatchedTerms}";
        // The dense model's view, when it ran: off-topic questions share words, not meaning.
        var bestSimilarity = passages?.Max(p => p.DenseScore);
        if (retrieval is not null && bestSimilarity is { } best && best < retrieval.RefuseBelowSimilarity) return $"low-similarity:{best:0.00}";
        var supported = retrieval is not null && result.Passage.DenseScore is { } own && own >= retrieval.SupportSimilarity;
        var needed = supported ? MinCoverageWithSupport : MinCoverage;
        if (result.Coverage < needed) return $"low-coverage:{result.Coverage:0.00}";
        return null;
    }
}
