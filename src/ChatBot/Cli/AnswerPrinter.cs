using ChatBot.Core.Answering;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>Prints an answer for people: the text with its [n] markers, then each numbered source and its quote.</summary>
public static class AnswerPrinter
{
    /// <summary>
    /// Asks with streaming: partial text (an LLM's tokens) is printed as it arrives, then the checked
    /// answer's sources. If the citation check changed the text, the checked text is printed too.
    /// </summary>
    public static async Task AskAndPrintAsync(IAnsiConsole console, IAnswerEngine engine, string question, AskContext context, CancellationToken ct)
    {
        var streamed = "";
        var progress = new InlineProgress(text =>
        {
            if (!text.StartsWith(streamed, StringComparison.Ordinal)) return;
            Console.Out.Write(text[streamed.Length..]);
            streamed = text;
        });
        var answer = await engine.AskStreamingAsync(question, progress, context, ct);
        if (streamed.Length == 0)
        {
            Print(console, answer);
            return;
        }
        Console.Out.WriteLine();
        if (streamed.Trim() != answer.Text.Trim())
        {
            console.MarkupLine("[grey](checked against the sources:)[/]");
            console.MarkupLine(Markup.Escape(answer.Text));
        }
        console.WriteLine();
        PrintSources(console, answer);
    }

    private sealed class InlineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }

    public static void Print(IAnsiConsole console, Answer answer, bool showTiming = true)
    {
        if (!answer.Answered)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(answer.Text)}[/]");
            return;
        }
        console.MarkupLine(Markup.Escape(answer.Text));
        console.WriteLine();
        PrintSources(console, answer, showTiming);
    }

    private static void PrintSources(IAnsiConsole console, Answer answer, bool showTiming = true)
    {
        for (var i = 0; i < answer.Citations.Count; i++)
        {
            var c = answer.Citations[i];
            if (i > 0) console.WriteLine(); // several long quotes read better apart
            var outlet = c.Outlet is null ? "" : $" — {c.Outlet}";
            console.MarkupLine($"[bold][[{c.N}]][/] {Markup.Escape(c.Title)}{Markup.Escape(outlet)} [grey]({Markup.Escape(c.Source)})[/]");
            if (c.Url is not null) console.MarkupLine($"    [blue]{Markup.Escape(c.Url)}[/]");
            console.MarkupLine($"    [grey]> {Markup.Escape(c.Quote)}[/]");
        }
        if (showTiming) console.MarkupLine($"[grey]({answer.ElapsedMs:0.#} ms)[/]");
    }
}
