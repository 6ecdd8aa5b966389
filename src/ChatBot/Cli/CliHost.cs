using System.CommandLine;
using ChatBot.Composition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Cli;

/// <summary>
/// Runs one CLI command: builds the host through the composition root (not started: no background
/// services), checks every registered option at once, then creates the command's handler with its
/// dependencies through its constructor and runs it.
/// </summary>
public static class CliHost
{
    public static Task<int> RunAsync<THandler>(
        ParseResult parse,
        bool json,
        Func<THandler, Task<int>> run,
        Action<IHostApplicationBuilder>? configure = null)
        where THandler : class
    {
        var settings = ChatBotCli.Settings(parse);
        return ChatBotCli.Guard(json, settings.Verbose, async () =>
        {
            using var host = Build(settings, configure);
            return await run(ActivatorUtilities.CreateInstance<THandler>(host.Services));
        });
    }

    /// <summary>The CLI's host: configuration beside the executable (not watched for changes), logs on stderr.</summary>
    public static IHost Build(GlobalSettings settings, Action<IHostApplicationBuilder>? configure = null)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationManager();
        // A command runs for seconds: watching appsettings.json would only cost start-up time.
        configuration["hostBuilder:reloadConfigOnChange"] = "false";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = ChatBotComposition.ContentRoot,
            Configuration = configuration,
        });
        builder.AddChatBot(settings, server: false);
        configure?.Invoke(builder);
        var host = builder.Build();
        try
        {
            // What ValidateOnStart would check if the host were started: a bad setting stops every command the same way.
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }
}
