using System.Text.Json;

namespace ChatBot.Cli.Tests;

/// <summary>`chatbot serve` as a real process: it comes up ready, answers, and stops cleanly on SIGTERM.</summary>
public class ServeProcessTests
{
    [Fact]
    public async Task Serve_answers_over_http_and_exits_cleanly_on_sigterm()
    {
        await using var serve = ServeProcess.Start();
        await serve.WaitUntilReadyAsync();

        var healthcheck = await CliRunner.RunAsync(["healthcheck", "--url", $"http://127.0.0.1:{serve.Port}/healthz"]);
        Assert.Equal(0, healthcheck.ExitCode);

        var response = await serve.Http.PostAsync("/api/ask", new StringContent("{\"question\":\"How large is the new super-police force Mexico planned?\"}", System.Text.Encoding.UTF8, "application/json"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("10,000", doc.RootElement.GetProperty("answer").GetString());

        Assert.Equal(0, await serve.StopAsync());
        Assert.DoesNotContain("Unhandled", serve.Stderr);

        var after = await CliRunner.RunAsync(["healthcheck", "--url", $"http://127.0.0.1:{serve.Port}/healthz"]);
        Assert.Equal(1, after.ExitCode);
    }

    [Fact]
    public async Task Serve_and_healthcheck_take_their_address_from_the_one_Server_Urls_setting()
    {
        await using var serve = ServeProcess.Start(urlsFromSetting: true);
        await serve.WaitUntilReadyAsync();
        var setting = new Dictionary<string, string> { ["Server__Urls"] = $"http://0.0.0.0:{serve.Port}" };

        var healthy = await CliRunner.RunAsync(["healthcheck"], env: setting);
        Assert.Equal(0, healthy.ExitCode);

        Assert.Equal(0, await serve.StopAsync());
        var after = await CliRunner.RunAsync(["healthcheck"], env: setting);
        Assert.Equal(1, after.ExitCode);
        Assert.StartsWith($"Unhealthy: http://127.0.0.1:{serve.Port}/healthz did not answer", after.Stderr);
    }
}
