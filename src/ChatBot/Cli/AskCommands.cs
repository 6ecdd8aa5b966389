using System.CommandLine;
using ChatBot.Core.Answering;
using ChatBot.Core.Search;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>`ask` (one question) and `chat` (a conversation that remembers the previous question).</summary>
public static class AskCommands
{
    public static Command Ask()
    {
        var question = new Argument<string>("question") { Description = "The question, in quotes; '-' reads it from standard input." };
        var json = new Option<bool>("--json") { Description = "Print the answer as one JSON object." };
        var command = new Command("ask", "Ask the corpus a question and get a cited answer.") { question, json };
        command.SetAction((parse, ct) => CliHost.RunAsync<AskHandler>(parse, parse.GetValue(json), async handler =>
        {
            var text = parse.GetValue(question) ?? "";
            if (text == "-") text = await ReadStdinAsync(ct);
            return await handler.AskAsync(text, parse.GetValue(json), ct);
        }));
        return command;
    }

    public static Command Chat()
    {
        var command = new Command("chat", "Ask questions one after another; follow-ups like \"and who said that?\" use the previous question.");
        command.SetAction((parse, ct) => CliHost.RunAsync<AskHandler>(parse, false, handler => handler.ChatAsync(ct)));
        return command;
    }

    /// <summary>Reads a question piped in, refusing more than the question limit allows (64 KB of junk must not hang us).</summary>
    private static async Task<string> ReadStdinAsync(CancellationToken ct)
    {
        var buffer = new char[70_000];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await Console.In.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        return new string(buffer, 0, read);
    }
}

/// <summary>Answers on the console: one question, or a conversation read line by line.</summary>
public sealed class AskHandler(CorpusIndex index, IAnswerEngine engine)
{
    public async Task<int> AskAsync(string question, bool json, CancellationToken ct)
    {
        await IndexProgressDisplay.EnsureReadyAsync(index, ct);
        if (json)
            Console.Out.WriteLine(CliJson.Serialize(await engine.AskAsync(question, new AskContext(Surface: "cli"), ct)));
        else
            await AnswerPrinter.AskAndPrintAsync(ChatBotCli.HumanConsole(), engine, question, new AskContext(Surface: "cli"), ct);
        return ExitCodes.Ok;
    }

    public async Task<int> ChatAsync(CancellationToken ct)
    {
        await IndexProgressDisplay.EnsureReadyAsync(index, ct);
        var console = ChatBotCli.HumanConsole();
        // One conversation per chat session; /new starts another, so follow-ups stop leaning on the old topic.
        var conversation = NewSession();
        console.MarkupLine("[grey]Ask a question about the corpus. /new starts a new conversation; an empty line or 'exit' quits.[/]");
        while (!ct.IsCancellationRequested)
        {
            Console.Out.Write("> ");
            var line = Console.In.ReadLine();
            if (line is null || line.Trim() is "" or "exit" or "quit") break;
            if (line.Trim() is "/new")
            {
                conversation = NewSession();
                console.MarkupLine("[grey]New conversation: follow-ups no longer refer to the earlier questions.[/]");
                continue;
            }
            try
            {
                await AnswerPrinter.AskAndPrintAsync(console, engine, line, AskContext.For("cli", conversation, Environment.UserName), ct);
            }
            catch (InvalidQuestionException ex)
            {
                Console.Error.WriteLine(ex.Message);
            }
            console.WriteLine();
        }
        return ExitCodes.Ok;
    }

    private static string NewSession() => $"cli-{Guid.NewGuid():N}";
}
