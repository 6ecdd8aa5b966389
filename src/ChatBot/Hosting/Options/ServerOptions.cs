using Microsoft.Extensions.Options;

namespace ChatBot.Hosting.Options;

/// <summary>The `Server` section: how `serve` shuts down.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>How long answers in flight may take to finish once shutdown starts (HostOptions.ShutdownTimeout).</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// How long the server keeps listening after shutdown starts, answering new requests with 503 and
    /// /readyz with 503, so a load balancer moves traffic away before the port closes.
    /// </summary>
    public int ShutdownDrainSeconds { get; set; } = 2;
}

internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var errors = new List<string>();
        if (options.ShutdownTimeoutSeconds is < 1 or > 600) errors.Add("Server:ShutdownTimeoutSeconds must be between 1 and 600 seconds.");
        if (options.ShutdownDrainSeconds is < 0 or > 120) errors.Add("Server:ShutdownDrainSeconds must be between 0 and 120 seconds.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
