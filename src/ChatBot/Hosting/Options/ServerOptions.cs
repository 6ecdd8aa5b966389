using System.ComponentModel.DataAnnotations;

namespace ChatBot.Hosting.Options;

/// <summary>The `Server` section: how `serve` shuts down.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>How long answers in flight may take to finish once shutdown starts (HostOptions.ShutdownTimeout).</summary>
    [Range(1, 600, ErrorMessage = "must be between {1} and {2} seconds.")]
    public int ShutdownTimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// How long the server keeps listening after shutdown starts, answering new requests with 503 and
    /// /readyz with 503, so a load balancer moves traffic away before the port closes.
    /// </summary>
    [Range(0, 120, ErrorMessage = "must be between {1} and {2} seconds.")]
    public int ShutdownDrainSeconds { get; set; } = 2;
}
