using Microsoft.Extensions.Hosting;

namespace ChatBot.Hosting.Shutdown;

/// <summary>
/// Whether shutdown has begun. The host fires ApplicationStopping only after the lifecycle services'
/// StoppingAsync (where the drain waits), so the drain marks the start itself; a Ctrl+C or SIGTERM
/// fires ApplicationStopping first. Either counts.
/// </summary>
public sealed class ShutdownState(IHostApplicationLifetime lifetime)
{
    private volatile bool _draining;

    public bool IsShuttingDown => _draining || lifetime.ApplicationStopping.IsCancellationRequested;

    internal void MarkDraining() => _draining = true;
}
