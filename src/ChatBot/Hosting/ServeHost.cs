using ChatBot.Composition;
using ChatBot.Hosting.Options;
using ChatBot.Discord;
using ChatBot.Teams;
using ChatBot.Hosting.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Hosting;

/// <summary>The `serve` command: one web host with the HTTP API, the chat page and the chat adapters.</summary>
public static class ServeHost
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
            ContentRootPath = ChatBotComposition.ContentRoot,
            WebRootPath = WebRoot.Locate(),
        });
        builder.AddChatBot(new GlobalSettings(settings.DataDir, settings.CorpusDir, settings.Verbose), server: true);
        builder.WebHost.UseUrls(settings.Urls ?? ServerUrls.From(builder.Configuration));
        // An unhealthy /readyz while the index loads is expected, not an error per probe; the
        // warm-up service logs a real load failure itself and /readyz tells which check failed.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        // A start-up failure is reported once, as one line, by RunAsync (or as the unhandled exception): not also as the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        builder.Services.AddDiscordBot(builder.Configuration);
        builder.Services.AddTeamsBot(builder.Configuration);
        builder.Services.AddChatBotHttpApi(builder.Configuration);
        builder.Services.AddChatBotRateLimits(builder.Configuration);
        builder.Services.AddChatBotTelemetry(builder.Configuration);
        builder.Services.AddChatBotPages();
        settings.ConfigureBuilder?.Invoke(builder);

        var app = builder.Build();
        app.UseChatBotHttpPipeline();
        app.MapChatBotApi();
        app.MapChatBotPages();
        app.MapDiscordInteractions();
        app.MapTeams();
        settings.ConfigureApp?.Invoke(app);
        return app;
    }

    /// <summary>
    /// Runs the server until <paramref name="cancellationToken"/> fires or the process is told to stop
    /// (Ctrl+C, SIGTERM), then shuts down gracefully. Returns the exit code: 0 after a clean stop,
    /// 2 for a configuration error (one line on stderr per bad setting, naming the key), 1 when the
    /// server cannot start.
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
        catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } lines)
        {
            await WriteLinesAsync(stderr, lines);
            return 2;
        }
        catch (Exception ex)
        {
            await CannotStartAsync(stderr, ex, settings.Verbose);
            return 1;
        }

        try
        {
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
        catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } lines)
        {
            await WriteLinesAsync(stderr, lines);
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
            await stderr.WriteLineAsync($"Cannot listen on {settings.Urls ?? ServerUrls.From(app.Configuration)}: {ex.Message}");
            return 1;
        }
        catch (Exception ex)
        {
            await CannotStartAsync(stderr, ex, settings.Verbose);
            return 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// For the container's HEALTHCHECK (`chatbot healthcheck`): GETs <paramref name="url"/> (by default
    /// /healthz at the first address of Server:Urls, the one `serve` listens on) and returns 0 on a
    /// 2xx answer, 1 otherwise, saying why on stderr.
    /// </summary>
    public static async Task<int> HealthcheckAsync(string? url = null, CancellationToken cancellationToken = default)
    {
        if (url is null)
        {
            var urls = ServerUrls.From(ChatBotComposition.ReadConfiguration());
            if (ServerUrls.Health(urls) is not { } health)
            {
                await Console.Error.WriteLineAsync($"Unhealthy: Server:Urls ({urls}) has no address to probe; pass --url.");
                return 1;
            }
            url = health.ToString();
        }
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

    private static async Task CannotStartAsync(TextWriter stderr, Exception ex, bool verbose)
    {
        await stderr.WriteLineAsync($"Cannot start: {ex.GetBaseException().Message}" + (verbose ? "" : " (run with --verbose for details)"));
        if (verbose) await stderr.WriteLineAsync(ex.ToString());
    }

    private static async Task WriteLinesAsync(TextWriter stderr, IEnumerable<string> lines)
    {
        foreach (var line in lines) await stderr.WriteLineAsync(ConfigurationErrors.Prefix + line);
    }
}
