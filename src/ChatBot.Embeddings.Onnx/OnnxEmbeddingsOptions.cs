using ChatBot.Core.Embeddings;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.Onnx;

/// <summary>
/// The `Embeddings` section as the local model reads it (`Embeddings:Provider` = `Local`):
/// env `Embeddings__BatchSize`, `Embeddings__IntraOpThreads`, `Embeddings__ModelDir`.
/// </summary>
public sealed class OnnxEmbeddingsOptions
{
    public const string Section = EmbeddingsOptions.Section;

    /// <summary>
    /// Folder holding model.onnx and vocab.txt. Unset (the normal case): the copies the build puts
    /// beside the app, in models/snowflake-arctic-embed-xs.
    /// </summary>
    public string? ModelDir { get; set; }

    /// <summary>
    /// Most texts in one ONNX Runtime run. Texts are sorted by length first, so a batch pads to
    /// nearly its own length; see <see cref="ArcticEmbeddingGenerator.DefaultBatchSize"/> for the measurements.
    /// </summary>
    public int BatchSize { get; set; } = ArcticEmbeddingGenerator.DefaultBatchSize;

    /// <summary>ONNX Runtime threads per run; 0 = one, with one run per processor at once (batches in parallel).</summary>
    public int IntraOpThreads { get; set; }
}

/// <summary>Start-up checks of the local model's settings; every message names the key to fix.</summary>
public sealed class OnnxEmbeddingsOptionsValidator : IValidateOptions<OnnxEmbeddingsOptions>
{
    public ValidateOptionsResult Validate(string? name, OnnxEmbeddingsOptions options)
    {
        var errors = new List<string>();
        const string s = OnnxEmbeddingsOptions.Section;
        if (options.BatchSize is < 1 or > 256)
            errors.Add($"{s}:BatchSize must be between 1 and 256 (got {options.BatchSize}).");
        if (options.IntraOpThreads is < 0 or > 256)
            errors.Add($"{s}:IntraOpThreads must be 0 (one thread per run, one run per processor) or a thread count up to 256 (got {options.IntraOpThreads}).");
        if (!string.IsNullOrWhiteSpace(options.ModelDir) && !Directory.Exists(options.ModelDir))
            errors.Add($"{s}:ModelDir '{Path.GetFullPath(options.ModelDir)}' does not exist.");
        if (!BertUncasedTokenizer.IsUnicodeNormalizationAvailable)
            errors.Add($"{s}:Provider=Local needs Unicode normalisation (ICU), but this process runs with invariant globalization " +
                $"(DOTNET_SYSTEM_GLOBALIZATION_INVARIANT or InvariantGlobalization): install libicu and turn it off, or use {s}:Provider=OpenAI.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
