using System.ComponentModel.DataAnnotations;

namespace ChatBot.Qdrant;

/// <summary>The `Qdrant` configuration section (env `Qdrant__Url`, `Qdrant__ApiKey`, `Qdrant__Collection`).</summary>
public sealed class QdrantOptions : IValidatableObject
{
    public const string Section = "Qdrant";

    /// <summary>REST endpoint, e.g. http://localhost:6333.</summary>
    public string? Url { get; set; }

    /// <summary>Sent as the `api-key` header when set. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The alias ChatBot reads through; each index build is a collection `&lt;Collection&gt;_&lt;index&gt;`.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,100}$", ErrorMessage = "Qdrant:Collection may use letters, digits, '_' and '-' (at most 100).")]
    public string Collection { get; set; } = "chatbot";

    /// <summary>Per-attempt request timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries on 429, 5xx and timeouts (exponential backoff with jitter, Retry-After honoured).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; doubles each attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Points per upsert request while building an index.</summary>
    [Range(1, 10_000)]
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>The validated <see cref="Url"/> with a trailing slash, so relative paths resolve under it.</summary>
    public Uri GetBaseUri() => new(Url!.EndsWith('/') ? Url : Url + "/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Url))
        {
            yield return new ValidationResult("Qdrant:Url is required, e.g. http://localhost:6333.", [nameof(Url)]);
        }
        else if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"Qdrant:Url '{Url}' must be an absolute http or https URL, e.g. http://localhost:6333.", [nameof(Url)]);
        }
    }
}
