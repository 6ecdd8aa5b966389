using Microsoft.Extensions.Options;

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

    public double LexicalWeight { get; set; } = 1.0;

    /// <summary>
    /// The dense leg's weight against BM25's 1. The model's cosines for one question's candidates lie in a
    /// narrow band (0.44–0.84 over the eval questions) while BM25 / max BM25 spans 0–1, so a weight of 1
    /// lets BM25 decide nearly alone; from 3 on, the probe set's recall@1 (0.867 → 0.933), recall@3
    /// (0.933 → 1.000) and MRR (0.917 → 0.956) stop improving (sweep 1–10 in docs/retrieval.md), and
    /// 3 is the smallest weight there, which keeps BM25's say on exact names and numbers.
    /// </summary>
    public double DenseWeight { get; set; } = 3.0;

    /// <summary>The k of reciprocal-rank fusion: larger flattens the difference between ranks.</summary>
    public int RrfK { get; set; } = 60;

    /// <summary>How many candidates each leg contributes before fusion.</summary>
    public int Candidates { get; set; } = 50;
}

/// <summary>Start-up checks of the `Retrieval` section; messages name the key.</summary>
internal sealed class RetrievalOptionsValidator : IValidateOptions<RetrievalOptions>
{
    public ValidateOptionsResult Validate(string? name, RetrievalOptions o)
    {
        var errors = new List<string>();
        void Range(string key, double value, double min, double max)
        {
            if (double.IsNaN(value) || value < min || value > max) errors.Add($"Retrieval:{key} must be between {min} and {max} (got {value}).");
        }
        Range(nameof(o.LexicalWeight), o.LexicalWeight, 0, 10);
        Range(nameof(o.DenseWeight), o.DenseWeight, 0, 10);
        Range(nameof(o.RrfK), o.RrfK, 1, 1000);
        Range(nameof(o.Candidates), o.Candidates, 1, 1000);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
