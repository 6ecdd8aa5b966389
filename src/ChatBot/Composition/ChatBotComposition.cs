using ChatBot.Core;
using ChatBot.Core.Embeddings;
using ChatBot.Core.Quiz;
using ChatBot.Core.Search.Hybrid;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Embeddings.Onnx;
using ChatBot.Embeddings.OpenAI;
using ChatBot.Feedback.Sqlite;
using ChatBot.Llm;
using ChatBot.Qdrant;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ChatBot.Composition;

/// <summary>
/// The one composition root of `chatbot`: the CLI commands and `serve` both build their host here,
/// so they read the same configuration (appsettings.json beside the executable, environment
/// variables `Section__Key`, then --data-dir / --corpus), log the same way and get the same engine
/// with the providers the configuration asks for.
/// </summary>
public static class ChatBotComposition
{
    /// <summary>Where configuration files are read from: beside the executable, whatever the working directory.</summary>
    public static string ContentRoot => AppContext.BaseDirectory;

    /// <summary>The configuration a host would read (appsettings.json beside the executable, environment variables), without building one.</summary>
    public static IConfiguration ReadConfiguration()
    {
        var configuration = new ConfigurationManager();
        configuration["hostBuilder:reloadConfigOnChange"] = "false";
        return Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = ContentRoot, Configuration = configuration }).Configuration;
    }

    /// <summary>
    /// Adds the command line's overrides to <paramref name="builder"/>'s configuration, sets up
    /// logging (<paramref name="server"/>: information on stdout; else warnings only, on stderr)
    /// and registers the engine and its providers.
    /// </summary>
    public static T AddChatBot<T>(this T builder, GlobalSettings settings, bool server) where T : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(settings);
        builder.Configuration.AddInMemoryCollection(DirectoryOverrides(settings, builder.Configuration));
        ConfigureLogging(builder.Logging, settings.Verbose, server);
        builder.Services.AddChatBotServices(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The engine and the providers the configuration picks, in this one place: embeddings
    /// (Embeddings:Provider: the local ONNX model or an OpenAI-compatible endpoint), the vector store
    /// (Qdrant when VectorStore:Provider or Qdrant:Url says so, else the embedded one), the LLM (when
    /// the Llm section names an endpoint, model or key), plus the quiz, corpus moderation and the
    /// SQLite feedback and quiz progress stores.
    /// </summary>
    public static IServiceCollection AddChatBotServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddChatBotCore(configuration);
        if (EmbeddingsOptions.ResolveProvider(configuration) == EmbeddingProvider.OpenAI) services.AddOpenAIEmbeddings();
        else services.AddOnnxEmbeddings();
        if (VectorStoreOptions.ResolveProvider(configuration) == VectorStoreProvider.Qdrant) services.AddQdrant();
        else services.AddEmbeddedVectorStore(configuration);
        services.AddChatBotHybridRetrieval(configuration);
        if (LlmServiceCollectionExtensions.IsRequested(configuration)) services.AddLlm(configuration);
        services.AddChatBotStudentsAndModerators(configuration);
        services.AddSqliteFeedback(configuration);
        services.AddSqliteQuizProgressStore();
        return services;
    }

    /// <summary>
    /// ChatBot:CorpusDir and ChatBot:DataDir as absolute paths. The command line wins, then
    /// configuration; otherwise the repository's corpus/ found from the current directory upward,
    /// with the data dir beside it in .data/.
    /// </summary>
    public static Dictionary<string, string?> DirectoryOverrides(GlobalSettings settings, IConfiguration configuration)
    {
        var corpus = settings.CorpusDir ?? configuration[$"{ChatBotOptions.Section}:{nameof(ChatBotOptions.CorpusDir)}"] ?? PathResolver.FindUp("corpus") ?? "corpus";
        var dataDir = settings.DataDir ?? configuration[$"{ChatBotOptions.Section}:{nameof(ChatBotOptions.DataDir)}"]
                      ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(corpus)) ?? ".", ".data");
        return new()
        {
            [$"{ChatBotOptions.Section}:{nameof(ChatBotOptions.CorpusDir)}"] = Path.GetFullPath(corpus),
            [$"{ChatBotOptions.Section}:{nameof(ChatBotOptions.DataDir)}"] = Path.GetFullPath(dataDir),
        };
    }

    /// <summary>
    /// One line per log entry and no stack traces unless verbose. A server logs information on
    /// stdout (warnings and errors on stderr); a CLI command logs warnings only, all on stderr, so
    /// its stdout stays the answer. Libraries whose failures the callers already report in one line
    /// (Polly's retry telemetry, Semantic Kernel's function log, the host's start-up failure) are
    /// quiet unless verbose.
    /// </summary>
    public static void ConfigureLogging(ILoggingBuilder logging, bool verbose, bool server)
    {
        logging.ClearProviders();
        logging.AddConsole(o =>
        {
            o.FormatterName = OneLineConsoleFormatter.FormatterName;
            o.LogToStandardErrorThreshold = server ? LogLevel.Warning : LogLevel.Trace;
        });
        logging.AddConsoleFormatter<OneLineConsoleFormatter, OneLineConsoleFormatterOptions>(o => o.IncludeStackTraces = verbose);
        if (verbose)
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            return;
        }
        logging.SetMinimumLevel(server ? LogLevel.Information : LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        logging.AddFilter("Polly", LogLevel.None);
        logging.AddFilter(LlmChat.KernelLogCategoryPrefix, LogLevel.None);
        // Start-up failures are reported by the entry point as one line each (ConfigurationErrors).
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    }
}
