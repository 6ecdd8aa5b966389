using System.ComponentModel.DataAnnotations;

namespace ChatBot.Qdrant;

/// <summary>The `Qdrant` configuration section (env `Qdrant__Url`, `Qdrant__ApiKey`, `Qdrant__Collection`, ...).</summary>
public sealed class QdrantOptions : IValidatableObject
{
    public const string Section = "Qdrant";

    /// <summary>Qdrant's gRPC port when the URL names none.</summary>
    public const int DefaultGrpcPort = 6334;

    /// <summary>Qdrant's REST port: a URL with it is almost certainly a leftover from the REST client.</summary>
    public const int RestPort = 6333;

    /// <summary>gRPC endpoint, e.g. http://localhost:6334; https means TLS (checked against the system's trusted roots).</summary>
    public string? Url { get; set; }

    /// <summary>Sent as the `api-key` metadata on every call. Never logged or echoed.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The alias naming the published corpus version; each version is a collection `&lt;Collection&gt;_&lt;version&gt;`.</summary>
    [Required(ErrorMessage = "Qdrant:Collection is required."), RegularExpression("^[A-Za-z0-9_-]{1,100}$", ErrorMessage = "Qdrant:Collection may use letters, digits, '_' and '-' (at most 100).")]
    public string Collection { get; set; } = "chatbot";

    /// <summary>
    /// Per-attempt deadline of one call. A query takes milliseconds and an upsert of 256 points well
    /// under a second on a healthy server, so 10 s only cuts off a server that is stuck.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Qdrant:Timeout must be between 00:00:00.1 and 00:10:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the TCP (and TLS) connection before counting the server unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Qdrant:ConnectTimeout must be between 00:00:00.1 and 00:05:00.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries after an Unavailable or ResourceExhausted answer or a timed-out attempt, with exponential
    /// backoff and jitter (a server's `retry-after` is honoured). 3 retries from 0.5 s ride out a
    /// restart of a few seconds without making a dead server take long to report.
    /// </summary>
    [Range(0, 10, ErrorMessage = "Qdrant:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; doubles each attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "Qdrant:RetryDelay must be between 00:00:00.001 and 00:01:00.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Points per upsert call while building an index. 256 keeps a request of 384-d vectors with their
    /// text near 1 MB, far under gRPC's 4 MB message limit; see docs/qdrant.md for the measured rates.
    /// </summary>
    [Range(1, 2_000, ErrorMessage = "Qdrant:UpsertBatchSize must be between 1 and 2000.")]
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>
    /// How often `serve` asks which corpus version is published. A new version is served within one
    /// interval plus its load (about 0.1 s for the five articles): 2 s keeps that well inside the 10 s a
    /// change may take to reach every replica, for one tiny call (ListAliases) per replica every 2 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Qdrant:PollInterval must be between 00:00:00.1 and 00:05:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a superseded corpus version is kept before it is dropped. Replicas switch within seconds,
    /// but one cut off from Qdrant for a while still answers from its version; 10 minutes covers that and
    /// any request in flight, for the disk of one extra small collection.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Qdrant:RetainVersionsFor must be between 00:00:00 and 7.00:00:00.")]
    public TimeSpan RetainVersionsFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The endpoint to dial: <see cref="Url"/> with Qdrant's gRPC port when it names none.</summary>
    public Uri GetEndpoint()
    {
        var uri = new Uri(Url!, UriKind.Absolute);
        if (!uri.IsDefaultPort || HasExplicitPort(Url!)) return new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri;
        return new UriBuilder(uri.Scheme, uri.Host, DefaultGrpcPort).Uri;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Url))
        {
            yield return new ValidationResult("Qdrant:Url is required, e.g. http://localhost:6334.", [nameof(Url)]);
            yield break;
        }
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"Qdrant:Url '{Url}' must be an absolute http or https URL, e.g. http://localhost:6334.", [nameof(Url)]);
            yield break;
        }
        if (!string.IsNullOrEmpty(uri.UserInfo) || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
        {
            // A path or credentials in the URL would be silently ignored by gRPC; the key belongs in Qdrant:ApiKey.
            yield return new ValidationResult($"Qdrant:Url must be only scheme, host and port (e.g. http://localhost:6334); put the key in Qdrant:ApiKey.", [nameof(Url)]);
        }
        else if (uri.Port == RestPort && HasExplicitPort(Url))
        {
            yield return new ValidationResult(
                $"Qdrant:Url '{Url}' names Qdrant's REST port {RestPort}; ChatBot speaks gRPC, which Qdrant serves on port {DefaultGrpcPort}.", [nameof(Url)]);
        }
    }

    private static bool HasExplicitPort(string url)
    {
        var authority = url[(url.IndexOf("//", StringComparison.Ordinal) + 2)..].Split('/', '?', '#')[0];
        var colon = authority.LastIndexOf(':');
        return colon > authority.LastIndexOf(']') && colon < authority.Length - 1;
    }
}

/// <summary>The options' rules as plain lines naming the key (no "DataAnnotation validation failed for ..." wrapper).</summary>
internal sealed class QdrantOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<QdrantOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, QdrantOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(results.Select(r => r.ErrorMessage ?? "Qdrant options are invalid."));
    }
}
