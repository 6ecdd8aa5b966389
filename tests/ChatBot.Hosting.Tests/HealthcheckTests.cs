using System.Net;
using System.Net.Sockets;
using ChatBot.Hosting.Tests.Support;

namespace ChatBot.Hosting.Tests;

public sealed class HealthcheckTests
{
    [Fact]
    public async Task Healthcheck_is_0_against_a_running_server()
    {
        await using var server = await ChatBotServer.StartAsync(new() { WaitUntilReady = false });

        Assert.Equal(0, await ServeHost.HealthcheckAsync(new Uri(server.BaseAddress, "healthz").ToString()));
    }

    [Fact]
    public async Task Healthcheck_is_1_when_nothing_listens()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        Assert.Equal(1, await ServeHost.HealthcheckAsync($"http://127.0.0.1:{port}/healthz"));
    }

    [Fact]
    public async Task Healthcheck_is_1_on_an_error_status()
    {
        await using var server = await ChatBotServer.StartAsync(new() { WaitUntilReady = false });

        Assert.Equal(1, await ServeHost.HealthcheckAsync(new Uri(server.BaseAddress, "no-such-route").ToString()));
    }
}
