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
/// The `Retrieval` section: which legs retrieve and how they are fused. The defaults were chosen for
/// the local model (snowflake-arctic-embed-xs) on the dev and probe questions (docs/retrieval.md, which
/// gives the commands to refit them); with another embedding model, refit the weight. Whether to answer
/// at all is decided by answering's calibrated model (Answering/Calibration, `chatbot calibrate`).
/// </summary>
public sealed class RetrievalOptions
{
    public const string Section = "Retrieval";

    public RetrievalMode Mode { get; set; } = RetrievalMode.Hybrid;

    public FusionMethod Fusion { get; set; } = FusionMethod.Score;

    [Range(0.0, 10.0)] public double LexicalWeight { get; set; } = 1.0;

    /// <summary>
    /// The dense leg's weight against BM25's 1. The model's cosines for one question's candidates lie in a
    /// narrow band (0.44–0.84 over the eval questions) while BM25 / max BM25 spans 0–1, so a weight of 1
    /// lets BM25 decide nearly alone; from 3 on, the probe set's recall@1 (0.867 → 0.933), recall@3
    /// (0.933 → 1.000) and MRR (0.917 → 0.956) stop improving (sweep 1–10 in docs/retrieval.md), and
    /// 3 is the smallest weight there, which keeps BM25's say on exact names and numbers.
    /// </summary>
    [Range(0.0, 10.0)] public double DenseWeight { get; set; } = 3.0;

    /// <summary>The k of reciprocal-rank fusion: larger flattens the difference between ranks.</summary>
    [Range(1, 1000)] public int RrfK { get; set; } = 60;

    /// <summary>How many candidates each leg contributes before fusion.</summary>
    [Range(1, 1000)] public int Candidates { get; set; } = 50;
}
