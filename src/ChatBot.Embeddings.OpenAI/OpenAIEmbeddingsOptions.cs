using ChatBot.Core.Embeddings;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.OpenAI;

/// <summary>
/// The `Embeddings` section as the OpenAI-compatible provider reads it (`Embeddings:Provider` = `OpenAI`):
/// env `Embeddings__Endpoint`, `Embeddings__Model`, `Embeddings__ApiKey`, ...
/// </summary>
public sealed class OpenAIEmbeddingsOptions
{
    public const string Section = EmbeddingsOptions.Section;

    /// <summary>Base address of the API, e.g. https://api.openai.com/v1, http://localhost:11434/v1 (Ollama),
    /// https://RESOURCE.openai.azure.com/openai/v1 (Azure OpenAI).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model (or Azure deployment) name, e.g. text-embedding-3-small, nomic-embed-text.</summary>
    public string? Model { get; set; }

    /// <summary>Sent as `Authorization: Bearer ...`. Optional (Ollama needs none). Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Vector size to ask for (models that support it) and to expect; unset = the model's own.</summary>
    public int? Dimensions { get; set; }

    /// <summary>
    /// Put before every query (a question) and every document (a passage) for models trained with such
    /// prefixes, e.g. nomic-embed-text's `search_query: ` and `search_document: `. Unset for symmetric
    /// models such as text-embedding-3. Changing them re-embeds the corpus (they are part of the model id).
    /// </summary>
    public string? QueryPrefix { get; set; }

    /// <inheritdoc cref="QueryPrefix"/>
    public string? DocumentPrefix { get; set; }
}

/// <summary>Start-up checks of the OpenAI-compatible provider's settings; every message names the key to fix.</summary>
public sealed class OpenAIEmbeddingsOptionsValidator : IValidateOptions<OpenAIEmbeddingsOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenAIEmbeddingsOptions options)
    {
        var errors = new List<string>();
        const string s = OpenAIEmbeddingsOptions.Section;
        if (string.IsNullOrWhiteSpace(options.Endpoint))
            errors.Add($"{s}:Endpoint is required when {s}:Provider is OpenAI (e.g. https://api.openai.com/v1).");
        else if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            errors.Add($"{s}:Endpoint must be an absolute http(s) URL (got '{options.Endpoint}').");
        if (string.IsNullOrWhiteSpace(options.Model))
            errors.Add($"{s}:Model is required when {s}:Provider is OpenAI (e.g. text-embedding-3-small).");
        if (options.Dimensions is <= 0)
            errors.Add($"{s}:Dimensions must be positive when set (got {options.Dimensions}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
