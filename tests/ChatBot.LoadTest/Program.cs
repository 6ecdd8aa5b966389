// Load test for `serve`: starts the real server in-process on 127.0.0.1 (real engine, a temp data
// dir, rate limits raised), fires N asks from C concurrent clients and reports errors and latency.
//   dotnet run --project tests/ChatBot.LoadTest -c Release -- [--requests 1000] [--concurrency 50]
// Exit code 0 when every request got 200, 1 otherwise. Loopback only; nothing leaves the machine.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ChatBot.Hosting;
using ChatBot.Testing;
using Microsoft.Extensions.Logging;

var requests = Option(args, "--requests", 1000);
var concurrency = Option(args, "--concurrency", 50);

var questions = File.ReadLines(Path.Combine(RepoPaths.Fixtures, "eval", "dev-questions.jsonl"))
    .Where(line => line.Trim().Length > 0)
    .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("question").GetString()!)
    .ToArray();

var dataDir = RepoPaths.NewTempDir("chatbot-load");
var app = ServeHost.Build(
    new ServeSettings
    {
        Urls = "http://127.0.0.1:0",
        DataDir = dataDir,
        CorpusDir = RepoPaths.Corpus,
        ConfigureBuilder = builder => builder.Logging.SetMinimumLevel(LogLevel.Warning),
    },
    ["--RateLimits:PermitsPerMinute=100000", "--RateLimits:GlobalPermitsPerMinute=1000000", "--Server:ShutdownDrainSeconds=0"]);
await app.StartAsync();
var baseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
var startup = Stopwatch.StartNew();
while (!(await http.GetAsync("readyz")).IsSuccessStatusCode)
{
    if (startup.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("/readyz did not turn green.");
    await Task.Delay(50);
}
Console.WriteLine($"Server on {baseAddress} ready in {startup.Elapsed.TotalMilliseconds:F0} ms ({Environment.ProcessorCount} cores).");

// Warm-up: each question once, not counted (JIT, first index touches).
foreach (var question in questions) (await Ask(question)).Dispose();

var latencies = new double[requests];
var statuses = new HttpStatusCode?[requests];
var answered = 0;
var next = -1;
var wall = Stopwatch.StartNew();
var clients = Enumerable.Range(0, concurrency).Select(async _ =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < requests)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await Ask(questions[i % questions.Length]);
            var body = await response.Content.ReadAsStringAsync();
            latencies[i] = stopwatch.Elapsed.TotalMilliseconds;
            statuses[i] = response.StatusCode;
            if (response.IsSuccessStatusCode && JsonDocument.Parse(body).RootElement.GetProperty("answered").GetBoolean())
                Interlocked.Increment(ref answered);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            latencies[i] = stopwatch.Elapsed.TotalMilliseconds;
            Console.Error.WriteLine($"request {i}: {ex.Message}");
        }
    }
}).ToArray();
await Task.WhenAll(clients);
wall.Stop();

await app.StopAsync();
await app.DisposeAsync();
try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }

var errors = statuses.Count(s => s != HttpStatusCode.OK);
var sorted = latencies.Order().ToArray();
Console.WriteLine($"requests={requests} concurrency={concurrency} errors={errors} answered={answered} refused={requests - errors - answered}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"wall={wall.Elapsed.TotalSeconds:F2}s throughput={requests / wall.Elapsed.TotalSeconds:F0} req/s " +
    $"p50={Percentile(sorted, 50):F1}ms p90={Percentile(sorted, 90):F1}ms p99={Percentile(sorted, 99):F1}ms max={sorted[^1]:F1}ms"));
foreach (var group in statuses.Where(s => s != HttpStatusCode.OK).GroupBy(s => s?.ToString() ?? "no response"))
    Console.WriteLine($"  {group.Key}: {group.Count()}");
return errors == 0 ? 0 : 1;

Task<HttpResponseMessage> Ask(string question) =>
    http.PostAsync("api/ask", new StringContent(JsonSerializer.Serialize(new { question }), Encoding.UTF8, "application/json"));

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

static int Option(string[] args, string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value > 0 ? value : fallback;
}
