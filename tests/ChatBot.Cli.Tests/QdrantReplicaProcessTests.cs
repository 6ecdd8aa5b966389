using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Xunit.Abstractions;

namespace ChatBot.Cli.Tests;

/// <summary>
/// Replicas sharing one Qdrant (the fake, over gRPC): real `chatbot serve` processes, each with its own data
/// dir, and `chatbot corpus ...` from other shells. A change through any of them is served by every replica
/// within 10 seconds; a publication killed midway leaves the old version serving everywhere; two writers at
/// once both land. Only the wire is used (processes, HTTP, gRPC).
/// </summary>
public sealed class QdrantReplicaProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string QdrantKey = "replica-qdrant-key";
    private const string ModeratorKey = "replica-moderator-key-0123456789";
    /// <summary>What the issue asks of a change: served by every replica within 10 s of its publication.</summary>
    private static readonly TimeSpan SwitchBound = TimeSpan.FromSeconds(10);

    private const string DronesQuestion = "How many surveillance drones will the border drone program add?";
    private const string ScannersQuestion = "How many cargo scanners will the port scanner program install?";

    private readonly string _root = RepoPaths.NewTempDir("chatbot-replicas");
    private readonly List<Process> _processes = [];
    private FakeQdrantServer _qdrant = null!;

    public async Task InitializeAsync() => _qdrant = await FakeQdrantServer.StartAsync(apiKey: QdrantKey);

    public async Task DisposeAsync()
    {
        foreach (var process in _processes.Where(p => !p.HasExited)) process.Kill(entireProcessTree: true);
        foreach (var process in _processes) process.Dispose();
        await _qdrant.DisposeAsync();
    }

    private static string Drones => """
        Border Drone Program Expands to Sonora

        The United States and Mexico agreed to expand a joint border drone program to the state of Sonora, officials said on Monday.
        The program will add 40 surveillance drones that share video with Mexican federal police in Hermosillo around the clock.
        "Shared eyes in the sky make smuggling routes visible to both sides," said Commander Elena Barragán, who runs the program.
        """;

    private static string Scanners => """
        Port Scanner Program Reaches Manzanillo

        Mexico and the United States will extend a port scanner program to the harbour of Manzanillo, customs officials said on Tuesday.
        The program will install 25 cargo scanners that check containers for weapons before they leave the docks.
        "Every container is looked at, not one in ten," said Inspector Tomás Rivera, who leads the port scanner program.
        """;

    private Dictionary<string, string> Env => new()
    {
        ["Qdrant__Url"] = _qdrant.Url,
        ["Qdrant__ApiKey"] = QdrantKey,
        ["Qdrant__PollInterval"] = "00:00:02",
    };

    /// <summary>A shell on its own machine: its own data dir and corpus folder (a copy of the repository's, or empty).</summary>
    private (string DataDir, string Corpus) Machine(string name, bool seeded)
    {
        var data = Path.Combine(_root, name, "data");
        var corpus = Path.Combine(_root, name, "corpus");
        Directory.CreateDirectory(corpus);
        if (seeded) foreach (var f in Directory.GetFiles(RepoPaths.Corpus)) File.Copy(f, Path.Combine(corpus, Path.GetFileName(f)));
        return (data, corpus);
    }

    private Task<CliRunner.Result> Cli((string DataDir, string Corpus) machine, params string[] args) =>
        CliRunner.RunAsync(["--corpus", machine.Corpus, .. args], env: Env, dataDir: machine.DataDir);

    private string WriteArticle(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Process StartProcess((string DataDir, string Corpus) machine, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chatbot.dll"));
        foreach (var a in (string[])["--corpus", machine.Corpus, .. args]) psi.ArgumentList.Add(a);
        psi.Environment["ChatBot__DataDir"] = machine.DataDir;
        foreach (var (k, v) in Env) psi.Environment[k] = v;
        psi.Environment["Api__ModeratorApiKey"] = ModeratorKey;
        psi.Environment["RateLimits__PermitsPerMinute"] = "1000"; // the tests poll /api/ask
        var process = Process.Start(psi)!;
        _processes.Add(process);
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>A `serve` replica, once /readyz says it serves a version.</summary>
    private async Task<HttpClient> ServeAsync((string DataDir, string Corpus) machine)
    {
        var port = FreePort();
        var process = StartProcess(machine, "serve", "--urls", $"http://127.0.0.1:{port}");
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < TimeSpan.FromMinutes(3))
        {
            Assert.False(process.HasExited, "serve exited");
            try
            {
                if ((await http.GetAsync("/readyz")).IsSuccessStatusCode) return http;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("serve never became ready");
    }

    private static async Task<JsonElement> AskAsync(HttpClient http, string question)
    {
        using var response = await http.PostAsync("/api/ask", new StringContent(JsonSerializer.Serialize(new { question }), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static bool Cites(JsonElement answer, string source) =>
        answer.GetProperty("answered").GetBoolean() && answer.GetProperty("citations").EnumerateArray().Any(c => c.GetProperty("source").GetString() == source);

    /// <summary>Asks until the answer cites <paramref name="source"/>; how long that took, measured from <paramref name="since"/>, or fails past the bound.</summary>
    private static async Task<TimeSpan> ServedWithinAsync(HttpClient http, string question, string source, Stopwatch since)
    {
        while (true)
        {
            var answer = await AskAsync(http, question);
            if (Cites(answer, source)) return since.Elapsed;
            Assert.True(since.Elapsed < SwitchBound, $"{http.BaseAddress} still did not answer from {source} after {since.Elapsed.TotalSeconds:0.0} s: {answer}");
            await Task.Delay(100); // the poll's pace; the bound above is what is tested
        }
    }

    [Fact]
    public async Task A_change_through_one_replica_or_a_shell_is_served_by_every_replica_within_10_seconds()
    {
        var seed = Machine("seed", seeded: true);
        Assert.Equal(0, (await Cli(seed, "index")).ExitCode);
        // A was built with the corpus; B's folder is empty: it serves what Qdrant holds.
        var a = await ServeAsync(Machine("a", seeded: true));
        var b = await ServeAsync(Machine("b", seeded: false));
        Assert.False(Cites(await AskAsync(b, DronesQuestion), "drones-sonora.txt"));

        // A moderator uploads through A.
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Drones)) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } }, "file", "drones-sonora.txt" },
            { new StringContent("Desert Ledger"), "outlet" },
        };
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/corpus") { Content = form, Headers = { { "X-Api-Key", ModeratorKey } } };
        using var uploaded = await a.SendAsync(upload);
        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        var published = Stopwatch.StartNew();

        var onB = await ServedWithinAsync(b, DronesQuestion, "drones-sonora.txt", published);
        Assert.True(Cites(await AskAsync(a, DronesQuestion), "drones-sonora.txt")); // the writer serves it at once
        var answer = await AskAsync(b, DronesQuestion);
        Assert.Contains("40", answer.GetProperty("answer").GetString());
        Assert.Equal("Desert Ledger", answer.GetProperty("citations")[0].GetProperty("outlet").GetString());

        // A shell with the same Qdrant settings (and no corpus of its own) adds an article: both replicas serve it.
        var shell = Machine("shell", seeded: false);
        var add = await Cli(shell, "corpus", "add", WriteArticle("scanners-manzanillo.txt", Scanners));
        Assert.True(add.ExitCode == 0, add.Stderr);
        var added = Stopwatch.StartNew();
        var onA = await ServedWithinAsync(a, ScannersQuestion, "scanners-manzanillo.txt", added);
        var onB2 = await ServedWithinAsync(b, ScannersQuestion, "scanners-manzanillo.txt", added);
        Assert.True(Cites(await AskAsync(b, DronesQuestion), "drones-sonora.txt")); // the first change is still there

        var list = await Cli(shell, "corpus", "list", "--json");
        Assert.Equal(7, JsonDocument.Parse(list.Stdout).RootElement.GetArrayLength());
        output.WriteLine($"Served by the other replica after: upload through A → B {onB.TotalSeconds:0.00} s; shell add → A {onA.TotalSeconds:0.00} s, B {onB2.TotalSeconds:0.00} s (poll interval 2 s, bound 10 s)");
    }

    [Fact]
    public async Task A_publication_killed_midway_leaves_the_old_version_everywhere_and_the_next_change_completes()
    {
        var seed = Machine("seed", seeded: true);
        Assert.Equal(0, (await Cli(seed, "index")).ExitCode);
        var served = _qdrant.Aliases["chatbot"];
        var a = await ServeAsync(Machine("a", seeded: true));
        var b = await ServeAsync(Machine("b", seeded: false));

        // A shell's `corpus add` killed (SIGKILL) while its documents are at the server.
        var doomed = Machine("doomed", seeded: false);
        var held = _qdrant.HoldUpsertsAfter(1);
        var add = StartProcess(doomed, "corpus", "add", WriteArticle("drones-sonora.txt", Drones));
        var arrived = await Task.WhenAny(held, add.WaitForExitAsync());
        Assert.True(arrived == held, "the change never reached Qdrant");
        add.Kill(entireProcessTree: true);
        await add.WaitForExitAsync();
        _qdrant.Recover();

        Assert.Equal(served, _qdrant.Aliases["chatbot"]);
        foreach (var replica in new[] { a, b })
        {
            Assert.False(Cites(await AskAsync(replica, DronesQuestion), "drones-sonora.txt"));
            Assert.True((await AskAsync(replica, "How large is the new super-police force Mexico planned?")).GetProperty("answered").GetBoolean());
        }

        // Another writer's change completes and reaches both replicas.
        var other = Machine("other", seeded: false);
        var scanners = await Cli(other, "corpus", "add", WriteArticle("scanners-manzanillo.txt", Scanners));
        Assert.True(scanners.ExitCode == 0, scanners.Stderr);
        var published = Stopwatch.StartNew();
        await ServedWithinAsync(a, ScannersQuestion, "scanners-manzanillo.txt", published);
        await ServedWithinAsync(b, ScannersQuestion, "scanners-manzanillo.txt", published);
        Assert.False(Cites(await AskAsync(b, DronesQuestion), "drones-sonora.txt"));

        // The killed shell's next start completes its interrupted change (journaled) on top of what is published, and audits it.
        var resumed = await Cli(doomed, "index");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        published.Restart();
        await ServedWithinAsync(b, DronesQuestion, "drones-sonora.txt", published);
        Assert.True(Cites(await AskAsync(b, ScannersQuestion), "scanners-manzanillo.txt"));
        var audit = File.ReadAllLines(Path.Combine(doomed.DataDir, "audit.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "add" && e.GetProperty("detail").GetString()!.Contains("completed at start-up"));
    }

    [Fact]
    public async Task Two_shells_changing_the_corpus_at_once_both_land()
    {
        var seed = Machine("seed", seeded: true);
        Assert.Equal(0, (await Cli(seed, "index")).ExitCode);

        // Both build on the same version: their writes are held until both have begun.
        var upserts = _qdrant.Calls.Count(c => c.Method == "Points/Upsert");
        _ = _qdrant.HoldUpsertsAfter(0);
        var first = Cli(Machine("one", seeded: false), "corpus", "add", WriteArticle("drones-sonora.txt", Drones));
        var second = Cli(Machine("two", seeded: false), "corpus", "add", WriteArticle("scanners-manzanillo.txt", Scanners));
        await _qdrant.WhenCalls("Points/Upsert", upserts + 2).WaitAsync(TimeSpan.FromMinutes(3));
        _qdrant.Recover();
        var results = await Task.WhenAll(first, second);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.Contains(_qdrant.Calls, c => c is { Method: "Collections/UpdateAliases", Status: Grpc.Core.StatusCode.NotFound }); // one lost the race and built again
        var list = await Cli(Machine("reader", seeded: false), "corpus", "list", "--json");
        var files = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Select(f => f.GetProperty("file").GetString()).ToList();
        Assert.Contains("drones-sonora.txt", files);
        Assert.Contains("scanners-manzanillo.txt", files);
        Assert.Equal(7, files.Count);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
