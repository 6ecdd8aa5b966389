using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Search.Hybrid;

public enum RetrievalMode { Hybrid, Lexical, Dense }

/// <summary>How the legs' rankings are combined.</summary>
public enum FusionMethod
{
    /// <summary>w_bm25 · bm25 / max bm25 + w_dense · cosine.</summary>
    Score,

    /// <summary>Σ w_leg / (k + rank_leg), reciprocal-rank fusion.</summary>
    Rrf,
}

/// <summary>
/// The `Retrieval` section: which legs retrieve and how they are fused. The weights were chosen on the
/// dev set (see docs/retrieval.md): BM25 is the stronger leg on this corpus, so it leads and the dense
/// leg breaks ties and rescues paraphrases.
/// </summary>
public sealed class RetrievalOptions
{
    public const string Section = "Retrieval";

    public RetrievalMode Mode { get; set; } = RetrievalMode.Hybrid;

    public FusionMethod Fusion { get; set; } = FusionMethod.Score;

    [Range(0.0, 10.0)] public double LexicalWeight { get; set; } = 1.0;

    [Range(0.0, 10.0)] public double DenseWeight { get; set; } = 1.0;

    /// <summary>The k of reciprocal-rank fusion: larger flattens the difference between ranks.</summary>
    [Range(1, 1000)] public int RrfK { get; set; } = 60;

    /// <summary>
    /// Refusal signal: when no retrieved passage is at least this similar to the question (cosine), the
    /// question is off-topic whatever words it shares. Model-specific; for USE-lite, answerable dev and
    /// probe questions reach ≥ 0.37 and off-topic ones ≤ 0.29 (docs/retrieval.md). 0 turns it off.
    /// </summary>
    [Range(0.0, 1.0)] public double RefuseBelowSimilarity { get; set; } = 0.30;

    /// <summary>
    /// Support signal: an answer whose passage is at least this similar to the question needs only
    /// <see cref="Answering.EvidencePolicy.MinCoverageWithSupport"/> of the question's terms (a paraphrase:
    /// "pass a law" for "enacted a law"). 1 turns it off.
    /// </summary>
    [Range(0.0, 1.0)] public double SupportSimilarity { get; set; } = 0.60;

    /// <summary>How many candidates each leg contributes before fusion.</summary>
    [Range(1, 1000)] public int Candidates { get; set; } = 50;
}
