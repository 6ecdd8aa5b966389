using ChatBot.Hosting.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Hosting.Shutdown;

/// <summary>
/// Keeps the listener open for Server:ShutdownDrainSeconds once shutdown starts. StoppingAsync runs
/// before any hosted service (Kestrel included) stops, so in that window /readyz says 503 and new
/// requests get a clean 503 instead of a refused connection, while requests in flight go on.
/// </summary>
internal sealed partial class ShutdownDrainService(IOptions<ServerOptions> options, ShutdownState state, TimeProvider time, ILogger<ShutdownDrainService> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        state.MarkDraining();
        var drain = TimeSpan.FromSeconds(options.Value.ShutdownDrainSeconds);
        if (drain <= TimeSpan.Zero) return;
        LogDraining(logger, drain.TotalSeconds);
        try
        {
            await Task.Delay(drain, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out first: carry on stopping.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: refusing new requests for {Seconds} s while requests in flight finish.")]
    private static partial void LogDraining(ILogger logger, double seconds);
}
