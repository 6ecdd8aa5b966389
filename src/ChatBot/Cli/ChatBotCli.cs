using System.CommandLine;
using ChatBot.Composition;
using ChatBot.Core.Answering;
using ChatBot.Core.Corpus;
using ChatBot.Core.Quiz;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>The command line: parses, runs one command, and maps failures to the exit codes 0 (ok), 2 (bad usage or input), 1 (internal failure).</summary>
public static class ChatBotCli
{
    public static readonly Option<string?> DataDirOption = new("--data-dir")
    {
        Description = "Where indexes live (default: .data beside the corpus; env ChatBot__DataDir).",
        Recursive = true,
    };

    public static readonly Option<string?> CorpusOption = new("--corpus")
    {
        Description = "The corpus folder (default: corpus/ found from the current directory; env ChatBot__CorpusDir).",
        Recursive = true,
    };

    public static readonly Option<bool> VerboseOption = new("--verbose", "-v")
    {
        Description = "Show diagnostic logs on stderr.",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("Run 'chatbot --help' for usage.");
            return ExitCodes.BadInput;
        }
        // serve drains in-flight answers on Ctrl+C/SIGTERM: give it longer than the default 2 s before the process is killed.
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
    }

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("ChatBot: answers questions about a curated article corpus, quoting and citing its sources.");
        root.Options.Add(DataDirOption);
        root.Options.Add(CorpusOption);
        root.Options.Add(VerboseOption);
        root.Subcommands.Add(AskCommands.Ask());
        root.Subcommands.Add(AskCommands.Chat());
        root.Subcommands.Add(CorpusCommands.Index());
        root.Subcommands.Add(CorpusCommands.Sources());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(CalibrateCommand.Create());
        root.Subcommands.Add(EmbedCommand.Create());
        root.Subcommands.Add(DiscordCommands.Create());
        root.Subcommands.Add(ServeCommands.Serve());
        root.Subcommands.Add(ServeCommands.Healthcheck());
        root.Subcommands.Add(QuizCommand.Create());
        root.Subcommands.Add(CorpusAdminCommands.Create());
        root.Subcommands.Add(FeedbackCommand.Create());
        return root;
    }

    public static GlobalSettings Settings(ParseResult parse) =>
        new(parse.GetValue(DataDirOption), parse.GetValue(CorpusOption), parse.GetValue(VerboseOption));

    /// <summary>Runs a command body with clear messages instead of stack traces (unless verbose), and the right exit code.</summary>
    public static async Task<int> Guard(bool json, bool verbose, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (InvalidQuestionException ex) { return Fail(json, ex.Message, ExitCodes.BadInput); }
        catch (CorpusException ex) { return Fail(json, ex.Message, ExitCodes.BadInput); }
        catch (InvalidDataException ex) { return Fail(json, ex.Message, ExitCodes.BadInput); }
        catch (FileNotFoundException ex) { return Fail(json, ex.Message, ExitCodes.BadInput); }
        catch (QuizScopeException ex) { return Fail(json, ex.Message, ExitCodes.BadInput); }
        catch (OperationCanceledException) { return Fail(json, "Cancelled.", ExitCodes.InternalFailure); }
        catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } lines)
        {
            if (json) Console.Out.WriteLine(CliJson.Serialize(new ErrorOutput(ConfigurationErrors.Prefix + string.Join(" ", lines))));
            foreach (var line in lines) Console.Error.WriteLine(ConfigurationErrors.Prefix + line);
            return ExitCodes.BadInput;
        }
        catch (Microsoft.Extensions.VectorData.VectorStoreException ex) { return Fail(json, ex.Message, ExitCodes.InternalFailure, verbose ? ex : null); }
        catch (Exception ex)
        {
            return Fail(json, $"Something went wrong inside ChatBot: {ex.Message} (run with --verbose for details)", ExitCodes.InternalFailure, verbose ? ex : null);
        }
    }

    private static int Fail(bool json, string message, int code, Exception? details = null)
    {
        if (json) Console.Out.WriteLine(CliJson.Serialize(new ErrorOutput(message)));
        Console.Error.WriteLine($"error: {message}");
        if (details is not null) Console.Error.WriteLine(details);
        return code;
    }

    /// <summary>A console for human output; plain (no colour codes) when output is redirected.</summary>
    public static IAnsiConsole HumanConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        // Piped output is read by programs: don't hard-wrap it at 80 columns.
        if (Console.IsOutputRedirected) console.Profile.Width = 4096;
        return console;
    }
}
