using ChatBot.Cli;
using ChatBot.Testing.Answers;
using Spectre.Console;

namespace ChatBot.Cli.Tests;

/// <summary>What `ask` and `chat` print for people: the text with its [n] markers, then every numbered source with its quote.</summary>
public sealed class AnswerPrinterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void Every_citation_is_listed_with_its_number_title_file_link_and_quote(int count)
    {
        var answer = CitedAnswers.Build(count);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Profile.Width = 100_000; // one line per line: no wrapping to match across

        AnswerPrinter.Print(console, answer, showTiming: false);

        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(answer.Text, lines[0]);
        foreach (var c in answer.Citations)
        {
            var heading = Array.FindIndex(lines, l => l.StartsWith($"[{c.N}] ", StringComparison.Ordinal));
            Assert.True(heading > 0, $"[{c.N}] is listed in:\n" + output);
            Assert.Equal($"[{c.N}] {c.Title}{(c.Outlet is null ? "" : " — " + c.Outlet)} ({c.Source})", lines[heading]);
            var next = heading + 1;
            if (c.Url is not null) Assert.Equal("    " + c.Url, lines[next++]);
            Assert.Equal("    > " + c.Quote, lines[next]);
        }
        var headings = Enumerable.Range(1, lines.Length - 1).Where(i => lines[i].StartsWith('[')).ToList();
        Assert.Equal(count, headings.Count);
        // Each source is set apart by a blank line, so six long quotes stay readable.
        Assert.All(headings, i => Assert.Equal("", lines[i - 1]));
    }
}
