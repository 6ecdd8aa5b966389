using ChatBot.Testing.Logging;
using ChatBot.Core.Answering;
using ChatBot.Core.Search;
using ChatBot.Testing;
using Microsoft.AspNetCore.Builder;
using ChatBot.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ChatBot.Testing.Engine;

namespace ChatBot.Hosting.Tests.Support;

/// <summary>
/// `serve` as the CLI builds it (ServeHost.Build), listening on 127.0.0.1 with an OS-chosen port,
/// with the shared fake engine over a stand-in index of the repository's corpus unless <see cref="Options.RealEngine"/>.
/// </summary>
public sealed class ChatBotServer : IAsyncDisposable
{
    public sealed record Options
    {
        /// <summary>Configuration on top of the test defaults, as "Section:Key" → value.</summary>
        public IReadOnlyDictionary<string, string?> Config { get; init; } = new Dictionary<string, string?>();

        /// <summary>Use the engine AddChatBotCore registers instead of the stand-ins.</summary>
        public bool RealEngine { get; init; }

        /// <summary>Holds the start-up index load until completed.</summary>
        public TaskCompletionSource? IndexLoadGate { get; init; }

        /// <summary>Registrations after the engine's, e.g. another IAnswerEngine.</summary>
        public Action<IServiceCollection>? ConfigureServices { get; init; }

        /// <summary>Endpoints or middleware after the standard ones.</summary>
        public Action<WebApplication>? ConfigureApp { get; init; }

        /// <summary>Wait for /readyz to turn green before returning.</summary>
        public bool WaitUntilReady { get; init; } = true;

        /// <summary>The corpus folder (default: the repository's, which tests must not change: give a copy to change it).</summary>
        public string? CorpusDir { get; init; }

        /// <summary>The data dir (default: a fresh temp folder, deleted afterwards).</summary>
        public string? DataDir { get; init; }
    }

    private static readonly Lazy<ArcticEmbeddingGenerator> SharedModel = new(() => new ArcticEmbeddingGenerator());

    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["RateLimits:PermitsPerMinute"] = "100000",
        ["RateLimits:GlobalPermitsPerMinute"] = "1000000",
        ["Server:ShutdownDrainSeconds"] = "0",
    };

    private ChatBotServer(WebApplication app, Uri baseAddress, CapturingLoggerProvider logs, string dataDir)
    {
        App = app;
        BaseAddress = baseAddress;
        Logs = logs;
        DataDir = dataDir;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public CapturingLoggerProvider Logs { get; }
    public string DataDir { get; }

    public StandInCorpusIndex Index => (StandInCorpusIndex)App.Services.GetRequiredService<ICorpusIndex>();
    public FakeAnswerEngine Engine => (FakeAnswerEngine)App.Services.GetRequiredService<IAnswerEngine>();

    public static async Task<ChatBotServer> StartAsync(Options? options = null)
    {
        options ??= new Options();
        var config = new Dictionary<string, string?>(Defaults);
        foreach (var (key, value) in options.Config) config[key] = value;
        var configArgs = config.Select(kv => $"--{kv.Key}={kv.Value}").ToArray();

        var logs = new CapturingLoggerProvider();
        var dataDir = options.DataDir ?? RepoPaths.NewTempDir("chatbot-hosting");
        var corpusDir = options.CorpusDir ?? RepoPaths.Corpus;
        var settings = new ServeSettings
        {
            Urls = "http://127.0.0.1:0",
            DataDir = dataDir,
            CorpusDir = corpusDir,
            ConfigureBuilder = builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(logs);
                builder.Logging.SetMinimumLevel(LogLevel.Debug);
                if (options.RealEngine)
                {
                    // The real engine, but one loaded model for every server in this process (the model is a large part
                    // of a server's memory; instances are not disposed by the host, so the next server reuses it).
                    builder.Services.Replace(ServiceDescriptor.Singleton(SharedModel.Value));
                    builder.Services.Replace(ServiceDescriptor.Singleton<IEmbeddingGenerator<string, Embedding<float>>>(SharedModel.Value));
                }
                else
                {
                    builder.Services.AddSingleton<ICorpusIndex>(new StandInCorpusIndex(corpusDir) { LoadGate = options.IndexLoadGate });
                    builder.Services.AddSingleton<IAnswerEngine>(sp => new FakeAnswerEngine(sp.GetRequiredService<ICorpusIndex>()));
                }
                options.ConfigureServices?.Invoke(builder.Services);
            },
            ConfigureApp = options.ConfigureApp,
        };

        var app = ServeHost.Build(settings, configArgs);
        await app.StartAsync();
        var address = app.Urls.First();
        var server = new ChatBotServer(app, new Uri(address.EndsWith('/') ? address : address + "/"), logs, dataDir);
        if (options.WaitUntilReady) await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>A fresh temp copy of the repository's corpus, for tests that change it.</summary>
    public static string CopyOfCorpus()
    {
        var dir = RepoPaths.NewTempDir("chatbot-hosting-corpus");
        foreach (var file in Directory.GetFiles(RepoPaths.Corpus)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }

    public Task WaitUntilReadyAsync(TimeSpan? timeout = null) =>
        Eventually.WaitUntilAsync(async () =>
        {
            using var response = await Client.GetAsync("readyz");
            return response.IsSuccessStatusCode;
        }, "/readyz to turn green", timeout ?? TimeSpan.FromSeconds(90));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        // A test that stopped the host itself is done with it: stopping again would run the drain a second time.
        if (!App.Lifetime.ApplicationStopped.IsCancellationRequested) await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
