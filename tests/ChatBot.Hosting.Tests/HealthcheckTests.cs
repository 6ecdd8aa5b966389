using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ChatBot.Hosting.Options;
using ChatBot.Hosting.Tests.Support;
using ChatBot.Testing;

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

    [Theory]
    [InlineData(ServerOptions.DefaultUrls, "http://127.0.0.1:5080/healthz")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/healthz")]
    [InlineData("http://+:8080;https://*:8443", "http://127.0.0.1:8080/healthz")]
    [InlineData("http://[::]:9000/", "http://127.0.0.1:9000/healthz")]
    [InlineData("http://127.0.0.1:0", null)]
    [InlineData("ftp://127.0.0.1:21", null)]
    public void Healthcheck_probes_the_first_address_serve_listens_on(string urls, string? expected)
    {
        Assert.Equal(expected, ServerUrls.Health(urls)?.ToString());
    }

    [Fact]
    public void The_image_sets_one_address_that_serve_exposes_and_healthcheck_probes()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepoPaths.Root, "Dockerfile"));
        var urls = Regex.Match(dockerfile, @"Server__Urls=(\S+)").Groups[1].Value;
        var exposed = Regex.Match(dockerfile, @"^EXPOSE (\d+)", RegexOptions.Multiline).Groups[1].Value;

        Assert.Equal(new Uri($"http://127.0.0.1:{exposed}/healthz"), ServerUrls.Health(urls));
        Assert.Matches(@"HEALTHCHECK[^\n]*\n\s*CMD \[""dotnet"", ""chatbot.dll"", ""healthcheck""\]", dockerfile);
        Assert.Contains("CMD [\"serve\"]", dockerfile);
    }
}
