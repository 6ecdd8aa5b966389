using System.Diagnostics;
using ChatBot.Testing;

namespace ChatBot.Cli.Tests;

/// <summary>Runs the real `chatbot` executable (the built chatbot.dll) as a separate process.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(IEnumerable<string> args, string? stdin = null, IDictionary<string, string>? env = null, string? dataDir = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "chatbot.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = RepoPaths.Root,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ChatBot__DataDir"] = dataDir ?? SharedDataDir;
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>One data dir for the CLI tests, so the index is built once.</summary>
    public static string SharedDataDir { get; } = RepoPaths.NewTempDir("chatbot-cli");
}
