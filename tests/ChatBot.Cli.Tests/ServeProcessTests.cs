using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ChatBot.Testing;

namespace ChatBot.Cli.Tests;

/// <summary>`chatbot serve` as a real process: it comes up ready, answers, and stops cleanly on SIGTERM.</summary>
public class ServeProcessTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Serve_answers_over_http_and_exits_cleanly_on_sigterm()
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "chatbot.dll"), "serve", "--urls", $"http://127.0.0.1:{port}" }) psi.ArgumentList.Add(a);
        psi.Environment["ChatBot__DataDir"] = CliRunner.SharedDataDir;
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var ready = false;
            for (var i = 0; i < 120 && !ready; i++)
            {
                try { ready = (await http.GetAsync("/readyz")).IsSuccessStatusCode; }
                catch (HttpRequestException) { }
                if (!ready) await Task.Delay(500);
            }
            Assert.True(ready, "serve never became ready");

            var healthcheck = await CliRunner.RunAsync(["healthcheck", "--url", $"http://127.0.0.1:{port}/healthz"]);
            Assert.Equal(0, healthcheck.ExitCode);

            var response = await http.PostAsync("/api/ask", new StringContent("{\"question\":\"How large is the new super-police force Mexico planned?\"}", System.Text.Encoding.UTF8, "application/json"));
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains("10,000", doc.RootElement.GetProperty("answer").GetString());

            Assert.Equal(0, Kill(process.Id, 15)); // SIGTERM
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(cts.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.DoesNotContain("Unhandled", await stderr);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        var after = await CliRunner.RunAsync(["healthcheck", "--url", $"http://127.0.0.1:{port}/healthz"]);
        Assert.Equal(1, after.ExitCode);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
