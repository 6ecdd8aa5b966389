using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;

namespace ChatBot.Cli.Tests;

/// <summary>The real `chatbot` process with Qdrant__Url pointing at the fake Qdrant (gRPC on 127.0.0.1).</summary>
public sealed partial class QdrantCliTests : IAsyncLifetime
{
    private const string ApiKey = "qdrant-test-key";
    private FakeQdrantServer _qdrant = null!;
    private readonly string _dataDir = RepoPaths.NewTempDir("chatbot-qdrant");
    private readonly string _corpus = RepoPaths.NewTempDir("chatbot-qdrant-corpus");

    public async Task InitializeAsync()
    {
        _qdrant = await FakeQdrantServer.StartAsync(apiKey: ApiKey);
        foreach (var f in Directory.GetFiles(RepoPaths.Corpus)) File.Copy(f, Path.Combine(_corpus, Path.GetFileName(f)));
    }

    public async Task DisposeAsync() => await _qdrant.DisposeAsync();

    private Dictionary<string, string> Env => new()
    {
        ["Qdrant__Url"] = _qdrant.Url,
        ["Qdrant__ApiKey"] = ApiKey,
        ["Qdrant__Collection"] = "chatbot",
    };

    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync([.. args, "--corpus", _corpus], env: Env, dataDir: _dataDir);

    private static List<JsonElement> Lines(string evalJson) =>
        [.. evalJson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Index_then_eval_give_the_same_answers_as_the_embedded_store()
    {
        var index = await Run("index");
        Assert.True(index.ExitCode == 0, index.Stderr);
        var passages = int.Parse(IndexedPassages().Match(index.Stdout).Groups[1].Value);
        var serving = _qdrant.Aliases["chatbot"];
        Assert.StartsWith("chatbot_", serving);
        Assert.Equal((ulong)passages, Chunks(serving));
        Assert.All(_qdrant.Calls.Where(c => c.Method == "Points/Upsert"), c => Assert.True(c.Wait));

        var questions = Path.Combine(RepoPaths.Fixtures, "eval", "dev-questions.jsonl");
        var queriesBefore = _qdrant.Calls.Count(c => c.Method == "Points/Query");
        var withQdrant = await Run("eval", "--questions", questions, "--json");
        Assert.True(withQdrant.ExitCode == 0, withQdrant.Stderr);
        Assert.True(_qdrant.Calls.Count(c => c is { Method: "Points/Query" } && c.Collection == serving) > queriesBefore); // the dense leg answered from the version served
        Assert.DoesNotContain(_qdrant.Calls, c => c.Method == "Points/Upsert" && c.Collection != serving);

        var embedded = await CliRunner.RunAsync(["eval", "--questions", questions, "--json", "--corpus", _corpus], dataDir: RepoPaths.NewTempDir());
        Assert.True(embedded.ExitCode == 0, embedded.Stderr);
        var (q, e) = (Lines(withQdrant.Stdout), Lines(embedded.Stdout));
        Assert.Equal(e.Count, q.Count);
        Assert.Equal(e.SkipLast(1).Select(l => l.GetProperty("answer").GetString()), q.SkipLast(1).Select(l => l.GetProperty("answer").GetString()));
        Assert.Equal(e[^1].GetProperty("summary").GetProperty("answered_correctly").GetInt32(), q[^1].GetProperty("summary").GetProperty("answered_correctly").GetInt32());
        Assert.Equal(e[^1].GetProperty("summary").GetProperty("refused_correctly").GetInt32(), q[^1].GetProperty("summary").GetProperty("refused_correctly").GetInt32());
    }

    [Fact]
    public async Task A_reindex_killed_midway_leaves_the_old_version_serving_and_the_next_one_completes()
    {
        Assert.Equal(0, (await Run("index")).ExitCode);
        var serving = _qdrant.Aliases["chatbot"];

        // A forced re-index killed (SIGKILL) while its first documents are at the server.
        var held = _qdrant.HoldUpsertsAfter(1);
        using (var index = Start(["index", "--force", "--corpus", _corpus], Env, _dataDir))
        {
            var arrived = await Task.WhenAny(held, index.WaitForExitAsync());
            Assert.True(arrived == held, "the re-index never reached Qdrant");
            index.Kill(entireProcessTree: true);
            await index.WaitForExitAsync();
        }
        _qdrant.Recover();
        Assert.Equal(serving, _qdrant.Aliases["chatbot"]);
        Assert.Contains(_qdrant.CollectionNames, n => n != serving && !n.Contains("__")); // the half-written version, never served

        // Questions are answered from the old version, nothing is written.
        var upserts = _qdrant.Calls.Count(c => c.Method == "Points/Upsert");
        var ask = await Run("ask", "Which party did Enrique Peña Nieto belong to?", "--json");
        Assert.True(ask.ExitCode == 0, ask.Stderr);
        Assert.Contains("Institutional Revolutionary Party", ask.Stdout);
        Assert.Equal(upserts, _qdrant.Calls.Count(c => c.Method == "Points/Upsert"));
        Assert.Equal(serving, _qdrant.Aliases["chatbot"]);

        // The next re-index completes, into a version of its own.
        var again = await Run("index", "--force");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.NotEqual(serving, _qdrant.Aliases["chatbot"]);
    }

    [Fact]
    public async Task A_reindex_that_fails_midway_is_one_clear_line_and_the_old_version_keeps_serving()
    {
        Assert.Equal(0, (await Run("index")).ExitCode);
        var serving = _qdrant.Aliases["chatbot"];
        _qdrant.FailUpsertsAfter(1);

        var failed = await Run("index", "--force");

        Assert.Equal(1, failed.ExitCode);
        var error = Assert.Single(ErrorLines(failed.Stderr));
        Assert.Equal($"error: Qdrant at {_qdrant.Url} failed Upsert: Internal: Service internal error: the fake's storage died mid-build", error);
        Assert.DoesNotContain("   at ", failed.Stderr);
        Assert.Equal(serving, _qdrant.Aliases["chatbot"]);
        Assert.DoesNotContain(_qdrant.CollectionNames, n => n != serving && !n.Contains("__")); // a failed build drops what it wrote
    }

    [Fact]
    public async Task With_a_version_published_the_corpus_folder_only_seeds_and_index_says_so()
    {
        Assert.Equal(0, (await Run("index")).ExitCode);
        var serving = _qdrant.Aliases["chatbot"];
        File.WriteAllText(Path.Combine(_corpus, "902_local.txt"), "A local note about the border accord that was never published.");

        var index = await Run("index");

        Assert.True(index.ExitCode == 0, index.Stderr);
        Assert.Contains("up to date", index.Stdout);
        Assert.Contains("differs from the shared corpus", index.Stderr);
        Assert.Equal(serving, _qdrant.Aliases["chatbot"]);
    }

    [Theory]
    [InlineData("index")]
    [InlineData("ask", "Who won the election?")]
    public async Task An_unreachable_qdrant_is_one_clear_line_and_exit_1(params string[] command)
    {
        var r = await CliRunner.RunAsync([.. command, "--corpus", _corpus],
            env: new Dictionary<string, string> { ["Qdrant__Url"] = "http://127.0.0.1:1", ["Qdrant__ApiKey"] = "never-shown-key", ["Qdrant__MaxRetries"] = "1" },
            dataDir: RepoPaths.NewTempDir());
        Assert.Equal(1, r.ExitCode);
        var error = Assert.Single(ErrorLines(r.Stderr));
        Assert.StartsWith("error: Qdrant at http://127.0.0.1:1 is unreachable: ", error);
        Assert.DoesNotContain("never-shown-key", r.Stderr + r.Stdout);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public async Task Serve_with_an_unreachable_qdrant_exits_1_with_one_line()
    {
        using var serve = Start(["serve", "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["Qdrant__Url"] = "http://127.0.0.1:1", ["Qdrant__ApiKey"] = "never-shown-key" }, RepoPaths.NewTempDir());
        var (stdout, stderr) = (serve.StandardOutput.ReadToEndAsync(), serve.StandardError.ReadToEndAsync());
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await serve.WaitForExitAsync(limit.Token);

        Assert.Equal(1, serve.ExitCode);
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("Qdrant at http://127.0.0.1:1 is unreachable: Connection refused. Check Qdrant:Url (gRPC, usually port 6334) and that Qdrant is running.",
            line.TrimEnd());
        Assert.DoesNotContain("never-shown-key", await stdout + line);
        Assert.DoesNotContain("   at ", await stdout);
    }

    [Fact]
    public async Task Serve_refuses_a_qdrant_too_old_for_the_query_api()
    {
        _qdrant.Version = "1.9.2";
        using var serve = Start(["serve", "--urls", "http://127.0.0.1:0"], Env, RepoPaths.NewTempDir());
        var stderr = serve.StandardError.ReadToEndAsync();
        _ = serve.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await serve.WaitForExitAsync(limit.Token);

        Assert.Equal(1, serve.ExitCode);
        Assert.Equal($"Qdrant 1.9.2 at {_qdrant.Url} is too old; ChatBot needs Qdrant 1.10 or newer (Query API).", (await stderr).Trim());
    }

    [Fact]
    public async Task A_rest_port_url_is_a_configuration_error()
    {
        var r = await CliRunner.RunAsync(["ask", "Who won?", "--corpus", _corpus], env: new Dictionary<string, string> { ["Qdrant__Url"] = "http://127.0.0.1:6333" },
            dataDir: RepoPaths.NewTempDir());
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("Configuration error: Qdrant:Url 'http://127.0.0.1:6333' names Qdrant's REST port 6333; ChatBot speaks gRPC, which Qdrant serves on port 6334.",
            Assert.Single(ErrorLines(r.Stderr)));
    }

    private ulong Chunks(string collection) => _qdrant.Store.Count(new global::Qdrant.Client.Grpc.CountPoints
    {
        CollectionName = collection, Filter = new global::Qdrant.Client.Grpc.Filter { Must = { global::Qdrant.Client.Grpc.Conditions.MatchKeyword("kind", "chunk") } },
    });

    /// <summary>Lines that are not progress reports (index prints its stages on stderr when redirected).</summary>
    private static List<string> ErrorLines(string stderr) =>
        [.. stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).Where(l => !l.EndsWith('…'))];

    private static Process Start(IEnumerable<string> args, IDictionary<string, string> env, string dataDir)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chatbot.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ChatBot__DataDir"] = dataDir;
        foreach (var (k, v) in env) psi.Environment[k] = v;
        return Process.Start(psi)!;
    }

    [GeneratedRegex(@"into (\d+) passages")]
    private static partial Regex IndexedPassages();
}
