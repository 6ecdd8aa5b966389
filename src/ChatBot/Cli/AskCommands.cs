using System.CommandLine;
using ChatBot.Core.Answering;
using Spectre.Console;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Cli;

/// <summary>`ask` (one question) and `chat` (a conversation that remembers the previous question).</summary>
public static class AskCommands
{
    public static Command Ask()
    {
        var question = new Argument<string>("question") { Description = "The question, in quotes; '-' reads it from standard input." };
        var json = new Option<bool>("--json") { Description = "Print the answer as one JSON object." };
        var command = new Command("ask", "Ask the corpus a question and get a cited answer.") { question, json };
        command.SetAction((parse, ct) => ChatBotCli.Guard(parse.GetValue(json), async () =>
        {
            var text = parse.GetValue(question) ?? "";
            if (text == "-") text = await ReadStdinAsync(ct);
            using var host = CliContext.BuildHost(ChatBotCli.Settings(parse));
            await CorpusCommands.EnsureIndexAsync(host.Services, ct);
            var engine = host.Services.GetRequiredService<IAnswerEngine>();
            if (parse.GetValue(json))
                Console.Out.WriteLine(CliJson.Serialize(await engine.AskAsync(text, new AskContext(Surface: "cli"), ct)));
            else
                await AnswerPrinter.AskAndPrintAsync(ChatBotCli.HumanConsole(), engine, text, new AskContext(Surface: "cli"), ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Chat()
    {
        var command = new Command("chat", "Ask questions one after another; follow-ups like \"and who said that?\" use the previous question.");
        command.SetAction((parse, ct) => ChatBotCli.Guard(false, async () =>
        {
            using var host = CliContext.BuildHost(ChatBotCli.Settings(parse));
            await CorpusCommands.EnsureIndexAsync(host.Services, ct);
            var engine = host.Services.GetRequiredService<IAnswerEngine>();
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
        }));
        return command;
    }

    private static string NewSession() => $"cli-{Guid.NewGuid():N}";

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
