using System.Text.RegularExpressions;
using ChatBot.Cli;
using ChatBot.Core;
using ChatBot.Discord;
using ChatBot.Teams;
using ChatBot.Hosting.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Hosting;

/// <summary>The `serve` command: one web host with the HTTP API, the chat page and the chat adapters.</summary>
public static partial class ServeHost
{
    /// <summary>
    /// Builds the web host. <paramref name="configArgs"/> are extra configuration in command-line form
    /// (e.g. "--RateLimits:PermitsPerMinute=60"); appsettings.json and environment variables also apply.
    /// </summary>
    public static WebApplication Build(ServeSettings settings, string[]? configArgs = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = configArgs ?? [],
            WebRootPath = WebRoot.Locate(),
        });

        var overrides = new Dictionary<string, string?>();
        if (settings.DataDir is not null) overrides[$"{ChatBotOptions.Section}:{nameof(ChatBotOptions.DataDir)}"] = settings.DataDir;
        if (settings.CorpusDir is not null) overrides[$"{ChatBotOptions.Section}:{nameof(ChatBotOptions.CorpusDir)}"] = settings.CorpusDir;
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.WebHost.UseUrls(settings.Urls);
        // An unhealthy /readyz while the index loads is expected, not an error per probe; the
        // warm-up service logs a real load failure itself and /readyz tells which check failed.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        // A start-up failure is reported once, as one line, by RunAsync (or as the unhandled exception): not also as the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        builder.Services.AddChatBotServices(builder.Configuration);
        builder.Services.AddDiscordBot(builder.Configuration);
        builder.Services.AddTeamsBot(builder.Configuration);
        builder.Services.AddChatBotHttpApi(builder.Configuration);
        builder.Services.AddChatBotRateLimits(builder.Configuration);
        builder.Services.AddChatBotTelemetry(builder.Configuration);
        settings.ConfigureBuilder?.Invoke(builder);

        var app = builder.Build();
        app.UseChatBotHttpPipeline();
        app.MapChatBotApi();
        app.MapDiscordInteractions();
        app.MapTeams();
        settings.ConfigureApp?.Invoke(app);
        return app;
    }

    /// <summary>
    /// Runs the server until <paramref name="cancellationToken"/> fires or the process is told to stop
    /// (Ctrl+C, SIGTERM), then shuts down gracefully. Returns the exit code: 0 after a clean stop,
    /// 2 for a configuration error (one line on stderr naming the key), 1 when the server cannot start.
    /// </summary>
    public static Task<int> RunAsync(ServeSettings settings, CancellationToken cancellationToken) =>
        RunAsync(settings, configArgs: null, Console.Error, cancellationToken);

    internal static async Task<int> RunAsync(ServeSettings settings, string[]? configArgs, TextWriter stderr, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = Build(settings, configArgs);
        }
        catch (Exception ex) when (ConfigurationError(ex) is { } message)
        {
            await stderr.WriteLineAsync("Configuration error: " + message);
            return 2;
        }

        try
        {
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
        catch (Exception ex) when (ConfigurationError(ex) is { } message)
        {
            await stderr.WriteLineAsync("Configuration error: " + message);
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Microsoft.Extensions.VectorData.VectorStoreException ex)
        {
            // The vector store's start-up check (e.g. Qdrant unreachable or too old): its message is the one line.
            await stderr.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (IOException ex)
        {
            // Typically the address is already in use.
            await stderr.WriteLineAsync($"Cannot listen on {settings.Urls}: {ex.Message}");
            return 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// For the container's HEALTHCHECK (`chatbot healthcheck`): GETs <paramref name="url"/> and returns
    /// 0 on a 2xx answer, 1 otherwise, saying why on stderr.
    /// </summary>
    public static async Task<int> HealthcheckAsync(string url = "http://127.0.0.1:8080/healthz", CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            if (response.IsSuccessStatusCode) return 0;
            await Console.Error.WriteLineAsync($"Unhealthy: {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"Unhealthy: {url} did not answer ({ex.Message}).");
            return 1;
        }
    }

    /// <summary>One line describing a configuration mistake, or null when <paramref name="ex"/> is something else.</summary>
    internal static string? ConfigurationError(Exception ex) => ex switch
    {
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0
            && aggregate.InnerExceptions.All(e => ConfigurationError(e) is not null)
            => string.Join(" ", aggregate.InnerExceptions.Select(e => ConfigurationError(e))),
        // The configuration binder: "Failed to convert configuration value 'x' at 'RateLimits:PermitsPerMinute' to type 'System.Int32'."
        // Reworded without the value, which could be a secret put under the wrong key.
        InvalidOperationException { Message: var message } when BinderFailure().Match(message) is { Success: true } match
            => $"{match.Groups["key"].Value} must be a value of type {match.Groups["type"].Value}.",
        _ => null,
    };

    [GeneratedRegex(@"^Failed to convert configuration value .*at '(?<key>[^']+)' to type '(?:System\.)?(?<type>[^']+)'")]
    private static partial Regex BinderFailure();
}
