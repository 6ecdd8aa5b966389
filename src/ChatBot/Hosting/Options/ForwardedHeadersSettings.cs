using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ChatBot.Hosting.Options;

/// <summary>
/// The `ForwardedHeaders` section: which reverse proxies may tell the server the client's real address
/// (X-Forwarded-For) and scheme (X-Forwarded-Proto). Empty (the default): the headers are ignored and the
/// connection's address is the client's. Behind a proxy, list it here, or every user shares the proxy's
/// address and so one rate-limit bucket.
/// </summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. "10.0.0.5" or "::1".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. "172.18.0.0/16" (a compose network).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row to believe (X-Forwarded-For entries read from the right).</summary>
    [Range(1, 10, ErrorMessage = "must be between {1} and {2}.")]
    public int ForwardLimit { get; set; } = 1;

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Count; i++)
            if (!IPAddress.TryParse(KnownProxies[i], out _))
                yield return new ValidationResult($"'{KnownProxies[i]}' is not an IP address.", [$"{nameof(KnownProxies)}:{i}"]);
        for (var i = 0; i < KnownNetworks.Count; i++)
            if (!IPNetwork.TryParse(KnownNetworks[i], out _))
                yield return new ValidationResult($"'{KnownNetworks[i]}' is not a network in CIDR form (e.g. 10.0.0.0/8).", [$"{nameof(KnownNetworks)}:{i}"]);
    }
}
