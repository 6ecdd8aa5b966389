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

    private static readonly Lazy<Task<string>> IndexedTemplate = new(async () =>
    {
        var template = RepoPaths.NewTempDir("chatbot-cli-template");
        var built = await RunAsync(["index", "--corpus", RepoPaths.Corpus], dataDir: template);
        if (built.ExitCode != 0) throw new InvalidOperationException($"index failed: {built.Stderr}");
        return template;
    });

    /// <summary>
    /// A new data dir that already holds the index of the repository's corpus, copied from one built once per run.
    /// For tests that start from an indexed corpus but test something else (changes, quiz scores): they skip
    /// embedding the five articles again. The index is keyed by the corpus's content, so a copy of the corpus
    /// folder finds it up to date.
    /// </summary>
    public static async Task<string> IndexedDataDirAsync(string? dataDir = null)
    {
        var template = await IndexedTemplate.Value;
        dataDir ??= RepoPaths.NewTempDir("chatbot-cli-indexed");
        foreach (var dir in Directory.GetDirectories(template, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(dataDir, Path.GetRelativePath(template, dir)));
        foreach (var file in Directory.GetFiles(template, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(dataDir, Path.GetRelativePath(template, file)));
        return dataDir;
    }
}
