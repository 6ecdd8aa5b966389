using Microsoft.Extensions.Options;

namespace ChatBot.Core.Embeddings;

/// <summary>Start-up checks of the `Embeddings` section; every message names the key to fix.</summary>
public sealed class EmbeddingsOptionsValidator : IValidateOptions<EmbeddingsOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingsOptions options)
    {
        var errors = new List<string>();
        const string s = EmbeddingsOptions.Section;
        switch (options.Provider)
        {
            case EmbeddingProvider.Local:
                if (options.BatchSize is < 1 or > 1024)
                    errors.Add($"{s}:BatchSize must be between 1 and 1024 (got {options.BatchSize}).");
                if (options.IntraOpThreads < 0)
                    errors.Add($"{s}:IntraOpThreads must be 0 (one thread per run, one run per processor) or more (got {options.IntraOpThreads}).");
                if (!string.IsNullOrWhiteSpace(options.ModelDir) && !Directory.Exists(options.ModelDir))
                    errors.Add($"{s}:ModelDir '{Path.GetFullPath(options.ModelDir)}' does not exist.");
                break;
            case EmbeddingProvider.OpenAI:
                if (string.IsNullOrWhiteSpace(options.Endpoint))
                    errors.Add($"{s}:Endpoint is required when {s}:Provider is OpenAI (e.g. https://api.openai.com/v1).");
                else if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    errors.Add($"{s}:Endpoint must be an absolute http(s) URL (got '{options.Endpoint}').");
                if (string.IsNullOrWhiteSpace(options.Model))
                    errors.Add($"{s}:Model is required when {s}:Provider is OpenAI (e.g. text-embedding-3-small).");
                if (options.Dimensions is <= 0)
                    errors.Add($"{s}:Dimensions must be positive when set (got {options.Dimensions}).");
                break;
            default:
                errors.Add($"{s}:Provider must be Local or OpenAI (got '{options.Provider}').");
                break;
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
