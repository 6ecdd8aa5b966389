using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using ChatBot.Testing;

namespace ChatBot.Cli.Tests;

/// <summary>
/// Corpus changes from real `chatbot` processes sharing one data dir (issue 17's probe): concurrent adds,
/// a change beside a running `serve`, kill -9 in the middle of a change or of an index build, and names
/// that differ only in case. Only the wire (processes, files, HTTP) is used. Each test starts from a copy of
/// the corpus and of its built index.
/// </summary>
public sealed class ModerationProcessTests : IAsyncLifetime
{
    private readonly string _root = RepoPaths.NewTempDir("chatbot-cli-moderation");
    private string CorpusDir => Path.Combine(_root, "corpus");
    private string DataDir => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(CorpusDir);
        foreach (var f in Directory.GetFiles(RepoPaths.Corpus)) File.Copy(f, Path.Combine(CorpusDir, Path.GetFileName(f)));
        await CliRunner.IndexedDataDirAsync(DataDir);
    }

    private static string Article(string topic, int number) => $"""
        {topic} Program Expands

        The United States and Mexico agreed to expand a joint {topic.ToLowerInvariant()} program, officials said on Monday.
        The program will add {number} inspectors who share findings with federal police around the clock.
        "Shared work makes the border safer," said Director Ana Ruiz, who runs the {topic.ToLowerInvariant()} program.
        """;

    private string WriteArticle(string name, string topic, int number)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, Article(topic, number));
        return path;
    }

    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync(["--corpus", CorpusDir, .. args], dataDir: DataDir);

    private Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chatbot.dll"));
        foreach (var a in (string[])["--corpus", CorpusDir, .. args]) psi.ArgumentList.Add(a);
        psi.Environment["ChatBot__DataDir"] = DataDir;
        var process = Process.Start(psi)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private List<JsonElement> Audit()
    {
        var path = Path.Combine(DataDir, "audit.jsonl");
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList() : [];
    }

    private string Manifest => File.ReadAllText(Path.Combine(CorpusDir, "manifest.json"));

    /// <summary>Completes when <paramref name="name"/> appears in <paramref name="folder"/> (created or renamed into place).</summary>
    private static (FileSystemWatcher Watcher, Task Appeared) WatchFor(string folder, Func<string, bool> name)
    {
        Directory.CreateDirectory(folder);
        var appeared = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = new FileSystemWatcher(folder) { EnableRaisingEvents = true };
        watcher.Created += (_, e) => { if (name(e.Name ?? "")) appeared.TrySetResult(); };
        watcher.Renamed += (_, e) => { if (name(e.Name ?? "")) appeared.TrySetResult(); };
        return (watcher, appeared.Task);
    }

    [Fact]
    public async Task Two_corpus_adds_at_once_both_land_and_are_audited()
    {
        Assert.Equal(0, (await Run("index")).ExitCode);
        for (var trial = 0; trial < 2; trial++)
        {
            var a = WriteArticle($"drones-{trial}.txt", "Drone", 40 + trial);
            var b = WriteArticle($"scanners-{trial}.txt", "Scanner", 60 + trial);
            var results = await Task.WhenAll(Run("corpus", "add", a), Run("corpus", "add", b));
            Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
            Assert.Contains($"drones-{trial}.txt", Manifest);
            Assert.Contains($"scanners-{trial}.txt", Manifest);
        }

        var list = await Run("corpus", "list", "--json");
        using var files = JsonDocument.Parse(list.Stdout);
        Assert.Equal(9, files.RootElement.GetArrayLength());
        Assert.Equal(4, Audit().Count(e => e.GetProperty("action").GetString() == "add" && e.GetProperty("outcome").GetString() == "ok"));
    }

    [Fact]
    public async Task Names_that_differ_only_in_case_are_refused_with_a_clear_message()
    {
        Assert.Equal(0, (await Run("corpus", "add", WriteArticle("Case.txt", "Drone", 40))).ExitCode);
        var twin = Path.Combine(_root, "twin");
        Directory.CreateDirectory(twin);
        File.WriteAllText(Path.Combine(twin, "case.txt"), Article("Scanner", 60));

        var r = await Run("corpus", "add", Path.Combine(twin, "case.txt"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("only in upper/lower case", r.Stderr);
        Assert.Equal(["Case.txt"], Directory.GetFiles(CorpusDir).Select(Path.GetFileName).Where(n => string.Equals(n, "case.txt", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_corpus_add_killed_mid_change_is_finished_or_undone_at_the_next_start_and_audited()
    {
        Assert.Equal(0, (await Run("index")).ExitCode);
        var article = WriteArticle("drones.txt", "Drone", 40);
        var (watcher, landed) = WatchFor(CorpusDir, n => n == "drones.txt");
        using (watcher)
        using (var add = Start("corpus", "add", article))
        {
            await landed.WaitAsync(TimeSpan.FromSeconds(120));
            add.Kill(); // SIGKILL: no finally blocks, no flush
            await add.WaitForExitAsync();
        }

        var next = await Run("corpus", "list", "--json");
        Assert.True(next.ExitCode == 0, next.Stderr);
        var entry = Assert.Single(Audit(), e => e.GetProperty("action").GetString() == "add");
        var outcome = entry.GetProperty("outcome").GetString();
        using var files = JsonDocument.Parse(next.Stdout);
        var listed = files.RootElement.EnumerateArray().Any(f => f.GetProperty("file").GetString() == "drones.txt");
        if (outcome == "ok")
        {
            Assert.True(File.Exists(Path.Combine(CorpusDir, "drones.txt")));
            Assert.Contains("drones.txt", Manifest);
            Assert.True(listed);
        }
        else
        {
            Assert.Equal("rolled-back", outcome);
            Assert.False(File.Exists(Path.Combine(CorpusDir, "drones.txt")));
            Assert.DoesNotContain("drones.txt", Manifest);
            Assert.False(listed);
        }
    }

    [Fact]
    public async Task An_index_build_killed_midway_leaves_no_building_folder_after_the_next_start()
    {
        Assert.Equal(0, (await Run("index")).ExitCode);
        var index = Path.Combine(DataDir, "index");
        var killedMidBuild = false;
        for (var attempt = 0; attempt < 3 && !killedMidBuild; attempt++)
        {
            var (watcher, building) = WatchFor(index, n => n.StartsWith(".building-", StringComparison.Ordinal));
            using (watcher)
            using (var build = Start("index", "--force"))
            {
                await building.WaitAsync(TimeSpan.FromSeconds(120));
                build.Kill();
                await build.WaitForExitAsync();
            }
            killedMidBuild = Directory.GetDirectories(index, ".building-*").Length > 0;
        }
        Assert.True(killedMidBuild, "the kill never landed during a build");

        Assert.Equal(0, (await Run("sources", "--json")).ExitCode);
        Assert.Empty(Directory.GetDirectories(index, ".building-*"));
    }

    [Fact]
    public async Task A_cli_change_beside_a_running_serve_leaves_serves_index_in_place()
    {
        await using var serve = ServeProcess.Start(new Dictionary<string, string> { ["ChatBot__DataDir"] = DataDir }, ["--corpus", CorpusDir]);
        await serve.WaitUntilReadyAsync();
        var served = Directory.GetDirectories(Path.Combine(DataDir, "index")).Where(d => !Path.GetFileName(d).StartsWith('.')).ToList();
        var folder = Assert.Single(served);

        var add = await Run("corpus", "add", WriteArticle("drones.txt", "Drone", 40));
        Assert.True(add.ExitCode == 0, add.Stderr);

        Assert.True(Directory.Exists(folder), "the CLI deleted the index folder serve is using");
        Assert.True(File.Exists(Path.Combine(folder, "corpus.json")));
        using var response = await serve.Http.PostAsync("/api/ask", new StringContent("{\"question\":\"How large is the new super-police force Mexico planned?\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
