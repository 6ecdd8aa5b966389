using System.ComponentModel.DataAnnotations;

namespace ChatBot.Hosting.Options;

/// <summary>The `Telemetry` section: OpenTelemetry export.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>OTLP collector address, e.g. http://otel-collector:4317. Unset: nothing is exported.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>`grpc` (default, port 4317) or `http/protobuf` (port 4318).</summary>
    [RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "must be 'grpc' or 'http/protobuf'.")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>service.name of the exported resource.</summary>
    [Required(ErrorMessage = "must not be empty.")]
    public string ServiceName { get; set; } = "chatbot";

    internal Uri? OtlpEndpointUri =>
        Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && OtlpEndpointUri is null)
        {
            yield return new ValidationResult("must be an absolute http:// or https:// URL.", [nameof(OtlpEndpoint)]);
        }
    }
}
