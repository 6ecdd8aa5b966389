using System.CommandLine;
using ChatBot.Hosting;
using ChatBot.Hosting.Options;

namespace ChatBot.Cli;

/// <summary>`serve [--urls URL]` (the hosted bot) and `healthcheck [--url URL]` (for container probes).</summary>
public static class ServeCommands
{
    public static Command Serve()
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen, e.g. http://0.0.0.0:8080 (default: Server:Urls, else {ServerOptions.DefaultUrls})." };
        var command = new Command("serve", "Run the HTTP API, the web chat page and the Discord and Teams endpoints.") { urls };
        command.SetAction((parse, ct) =>
        {
            var global = ChatBotCli.Settings(parse);
            return ServeHost.RunAsync(new ServeSettings
            {
                Urls = parse.GetValue(urls),
                DataDir = global.DataDir,
                CorpusDir = global.CorpusDir,
                Verbose = global.Verbose,
            }, ct);
        });
        return command;
    }

    public static Command Healthcheck()
    {
        var url = new Option<string?>("--url") { Description = "The liveness URL to probe (default: /healthz at the first address of Server:Urls, where serve listens)." };
        var command = new Command("healthcheck", "Exit 0 when the server at --url answers its health probe, 1 otherwise.") { url };
        command.SetAction((parse, ct) => ServeHost.HealthcheckAsync(parse.GetValue(url), ct));
        return command;
    }
}
