using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatBot.Testing;

namespace ChatBot.Cli.Tests;

/// <summary>`chatbot serve` as a real process on a free port, stopped with SIGTERM.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();

    private ServeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }
    public HttpClient Http { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public string Stdout
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Where serve listens: <c>--urls</c>, or with <paramref name="urlsFromSetting"/> the Server__Urls environment variable.</summary>
    public static ServeProcess Start(IDictionary<string, string>? env = null, IEnumerable<string>? extraArgs = null, bool urlsFromSetting = false)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "chatbot.dll"), "serve" }) psi.ArgumentList.Add(a);
        if (urlsFromSetting) psi.Environment["Server__Urls"] = $"http://127.0.0.1:{port}";
        else foreach (var a in new[] { "--urls", $"http://127.0.0.1:{port}" }) psi.ArgumentList.Add(a);
        foreach (var a in extraArgs ?? []) psi.ArgumentList.Add(a);
        psi.Environment["ChatBot__DataDir"] = CliRunner.SharedDataDir;
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var process = Process.Start(psi)!;
        var serve = new ServeProcess(process, port);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (serve._stderr) serve._stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (serve._stdout) serve._stdout.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return serve;
    }

    /// <summary>Polls /readyz until it answers 200 (the index loads in the background) or the process ends.</summary>
    public Task WaitUntilReadyAsync() =>
        Eventually.WaitUntilAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"serve exited with {_process.ExitCode}: {Stderr}");
            try
            {
                using var ready = await Http.GetAsync("/readyz");
                return ready.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, "serve to become ready", TimeSpan.FromMinutes(2));

    /// <summary>Waits for the process to end by itself (a start-up failure).</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as a container runtime stops it; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        Assert.Equal(0, Kill(_process.Id, 15));
        return await WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
