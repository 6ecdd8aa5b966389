using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatBot.Hosting.Options;

/// <summary>The `Server` section: where `serve` listens and how it shuts down.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>
    /// Where `serve` listens, several addresses separated by ';' (env `Server__Urls`; `serve --urls`
    /// overrides it). `healthcheck` probes the first one, so the two never disagree.
    /// </summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>How long answers in flight may take to finish once shutdown starts (HostOptions.ShutdownTimeout).</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// How long the server keeps listening after shutdown starts, answering new requests with 503 and
    /// /readyz with 503, so a load balancer moves traffic away before the port closes.
    /// </summary>
    public int ShutdownDrainSeconds { get; set; } = 2;
}

/// <summary>Reading Server:Urls before the host exists (Kestrel needs it while building; healthcheck has no host).</summary>
public static class ServerUrls
{
    /// <summary>Server:Urls from <paramref name="configuration"/>, or the default.</summary>
    public static string From(IConfiguration configuration) =>
        configuration[$"{ServerOptions.Section}:{nameof(ServerOptions.Urls)}"] is { Length: > 0 } urls ? urls : ServerOptions.DefaultUrls;

    /// <summary>The addresses in <paramref name="urls"/>, with wildcard hosts (0.0.0.0, [::], +, *) as 127.0.0.1; null if one is not an http(s) URL.</summary>
    public static IReadOnlyList<Uri>? Parse(string urls)
    {
        var parsed = new List<Uri>();
        foreach (var part in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var local = part.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
            if (!Uri.TryCreate(local, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)) return null;
            parsed.Add(uri);
        }
        return parsed.Count == 0 ? null : parsed;
    }

    /// <summary>The liveness URL of the first address in <paramref name="urls"/>; null when there is none to probe (port 0).</summary>
    public static Uri? Health(string urls) =>
        Parse(urls) is [var first, ..] && first.Port != 0 ? new Uri(first, "/healthz") : null;
}

internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var errors = new List<string>();
        if (ServerUrls.Parse(options.Urls) is null)
            errors.Add("Server:Urls must be one or more http(s) URLs separated by ';', e.g. http://0.0.0.0:8080.");
        if (options.ShutdownTimeoutSeconds is < 1 or > 600) errors.Add("Server:ShutdownTimeoutSeconds must be between 1 and 600 seconds.");
        if (options.ShutdownDrainSeconds is < 0 or > 120) errors.Add("Server:ShutdownDrainSeconds must be between 0 and 120 seconds.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
