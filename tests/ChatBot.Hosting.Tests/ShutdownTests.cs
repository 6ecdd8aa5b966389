using System.Net;
using ChatBot.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using ChatBot.Hosting.Shutdown;
using ChatBot.Testing;

namespace ChatBot.Hosting.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task An_answer_in_flight_completes_while_new_requests_get_503()
    {
        var clock = new TestClock();
        var drain = TimeSpan.FromSeconds(3);
        await using var server = await ChatBotServer.StartAsync(new()
        {
            Config = new Dictionary<string, string?> { ["Server:ShutdownDrainSeconds"] = "3", ["Server:ShutdownTimeoutSeconds"] = "60" },
            ConfigureServices = services => services.AddSingleton<TimeProvider>(clock),
        });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Engine.Hold = gate;

        var inFlight = server.Client.PostAsync("api/ask", Json.Ask("Who was arrested in Sinaloa?"));
        await server.Engine.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var shutdown = server.App.Services.GetRequiredService<ShutdownState>();
        var stopping = server.App.StopAsync();
        await clock.WaitForTimerAsync(drain); // draining: the drain lasts until the test clock moves on
        Assert.True(shutdown.IsShuttingDown);

        // A new client, so a new connection: the listener is still open during the drain.
        using (var late = new HttpClient { BaseAddress = server.BaseAddress })
        {
            using var refused = await late.PostAsync("api/ask", Json.Ask("Who is Mexico's economy minister?"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains("shutting down", (string?)(await Json.ReadObjectAsync(refused))["error"]);

            using var readiness = await late.GetAsync("readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        }
        Assert.False(inFlight.IsCompleted);

        gate.SetResult();
        using var answered = await inFlight.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.True((bool)(await Json.ReadObjectAsync(answered))["answered"]!);

        Assert.False(stopping.IsCompleted);
        clock.Advance(drain);
        await stopping.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
