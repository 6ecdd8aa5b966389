using Microsoft.Extensions.Options;

namespace ChatBot.Hosting.Options;

/// <summary>The `Telemetry` section: OpenTelemetry export.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>OTLP collector address, e.g. http://otel-collector:4317. Unset: nothing is exported.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>`grpc` (default, port 4317) or `http/protobuf` (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>service.name of the exported resource.</summary>
    public string ServiceName { get; set; } = "chatbot";

    internal Uri? OtlpEndpointUri =>
        Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;
}

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && options.OtlpEndpointUri is null)
            errors.Add("Telemetry:OtlpEndpoint must be an absolute http:// or https:// URL.");
        if (options.OtlpProtocol is not ("grpc" or "http/protobuf")) errors.Add("Telemetry:OtlpProtocol must be 'grpc' or 'http/protobuf'.");
        if (string.IsNullOrWhiteSpace(options.ServiceName)) errors.Add("Telemetry:ServiceName must not be empty.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
