using System.Net;
using Microsoft.Extensions.Options;

namespace ChatBot.Hosting.Options;

/// <summary>
/// The `ForwardedHeaders` section: which reverse proxies may tell the server the client's real address
/// (X-Forwarded-For) and scheme (X-Forwarded-Proto). Empty (the default): the headers are ignored and the
/// connection's address is the client's. Behind a proxy, list it here, or every user shares the proxy's
/// address and so one rate-limit bucket.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. "10.0.0.5" or "::1".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. "172.18.0.0/16" (a compose network).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row to believe (X-Forwarded-For entries read from the right).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

internal sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var errors = new List<string>();
        if (options.ForwardLimit is < 1 or > 10) errors.Add("ForwardedHeaders:ForwardLimit must be between 1 and 10.");
        for (var i = 0; i < options.KnownProxies.Count; i++)
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
                errors.Add($"ForwardedHeaders:KnownProxies:{i} '{options.KnownProxies[i]}' is not an IP address.");
        for (var i = 0; i < options.KnownNetworks.Count; i++)
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
                errors.Add($"ForwardedHeaders:KnownNetworks:{i} '{options.KnownNetworks[i]}' is not a network in CIDR form (e.g. 10.0.0.0/8).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
