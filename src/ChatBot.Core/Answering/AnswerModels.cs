using ChatBot.Core.Embeddings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Answering;

/// <summary>The `Answering` section.</summary>
public sealed class AnsweringOptions
{
    public const string Section = "Answering";

    /// <summary>
    /// A folder of calibration files (<c>&lt;model id&gt;.json</c>, as `chatbot calibrate` writes them)
    /// that take precedence over the ones built into the engine; unset = the built-in ones.
    /// </summary>
    public string? CalibrationDirectory { get; set; }
}

/// <summary>
/// The calibration answering uses: the one fitted for the configured embedding model, or — when no
/// embedding provider is configured, retrieval is lexical, or no calibration exists for the model — the
/// lexical one, with a warning logged once (thresholds belong to the model they were fitted with).
/// </summary>
public sealed class AnswerModels(IOptions<AnsweringOptions> options, ILogger<AnswerModels> logger, IEmbeddingModelInfo? model = null)
{
    private readonly Lazy<AnswerCalibration> _lexical = new(() =>
        AnswerCalibration.Load(AnswerCalibration.LexicalId, options.Value.CalibrationDirectory)
        ?? throw new InvalidOperationException("The built-in lexical calibration is missing."));
    private readonly Lazy<AnswerCalibration?> _dense = new(() => model is null ? null : AnswerCalibration.Load(model.ModelId, options.Value.CalibrationDirectory));
    private int _warned;

    /// <summary>The embedding model's id, or null without an embedding provider.</summary>
    public string? ModelId => model?.ModelId;

    /// <summary>The calibration for answering with (<paramref name="dense"/>) or without the embedding model.</summary>
    public AnswerCalibration For(bool dense)
    {
        if (dense && _dense.Value is { } fitted) return fitted;
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            if (model is null) logger.LogWarning("No embedding provider is configured: answers and refusals rest on lexical evidence only (less accurate; see docs/retrieval.md).");
            else if (dense) logger.LogWarning("No answering calibration for embedding model {Model}: answers and refusals rest on lexical evidence only until `chatbot calibrate` is run for it (docs/retrieval.md).", model.ModelId);
            else logger.LogWarning("Retrieval runs without the dense leg: answers and refusals rest on lexical evidence only.");
        }
        return _lexical.Value;
    }
}
