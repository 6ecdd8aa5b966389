using ChatBot.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Cli;

/// <summary>Global options every command shares.</summary>
public sealed record GlobalSettings(string? DataDir, string? CorpusDir, bool Verbose);

/// <summary>
/// Builds the services a CLI command needs, from configuration (appsettings.json, environment
/// `Section__Key`, then the command line's --data-dir / --corpus), with logs to stderr only.
/// </summary>
public static class CliContext
{
    public static IHost BuildHost(GlobalSettings settings, Action<IServiceCollection, IConfiguration>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = false,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(Overrides(settings, builder.Configuration));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; }).AddFilter(l => l >= (settings.Verbose ? LogLevel.Debug : LogLevel.Warning));
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddChatBotServices(builder.Configuration);
        configure?.Invoke(builder.Services, builder.Configuration);
        return builder.Build();
    }

    /// <summary>
    /// Command-line values win; otherwise configured values; otherwise the repository's corpus/ found
    /// from the current directory upward, with the data dir beside it in .data/.
    /// </summary>
    public static Dictionary<string, string?> Overrides(GlobalSettings settings, IConfiguration configuration)
    {
        var corpus = settings.CorpusDir ?? configuration[$"{ChatBotOptions.Section}:CorpusDir"] ?? PathResolver.FindUp("corpus") ?? "corpus";
        var dataDir = settings.DataDir ?? configuration[$"{ChatBotOptions.Section}:DataDir"]
                      ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(corpus)) ?? ".", ".data");
        return new()
        {
            [$"{ChatBotOptions.Section}:CorpusDir"] = Path.GetFullPath(corpus),
            [$"{ChatBotOptions.Section}:DataDir"] = Path.GetFullPath(dataDir),
        };
    }
}
