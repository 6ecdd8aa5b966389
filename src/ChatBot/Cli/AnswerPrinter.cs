using ChatBot.Core.Answering;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>Prints an answer for people: the text with its [n] markers, then each numbered source and its quote.</summary>
public static class AnswerPrinter
{
    public static void Print(IAnsiConsole console, Answer answer, bool showTiming = true)
    {
        if (!answer.Answered)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(answer.Text)}[/]");
            return;
        }
        console.MarkupLine(Markup.Escape(answer.Text));
        console.WriteLine();
        foreach (var c in answer.Citations)
        {
            var outlet = c.Outlet is null ? "" : $" — {c.Outlet}";
            console.MarkupLine($"[bold][[{c.N}]][/] {Markup.Escape(c.Title)}{Markup.Escape(outlet)} [grey]({Markup.Escape(c.Source)})[/]");
            if (c.Url is not null) console.MarkupLine($"    [blue]{Markup.Escape(c.Url)}[/]");
            console.MarkupLine($"    [grey]> {Markup.Escape(c.Quote)}[/]");
        }
        if (showTiming) console.MarkupLine($"[grey]({answer.ElapsedMs:0.#} ms)[/]");
    }
}
