using System.Text.Json;
using ChatBot.Testing;

namespace ChatBot.Cli.Tests;

/// <summary>`eval --conversations FILE [--json]` through the built executable: its lines, its summary, its usage errors.</summary>
public class ConversationEvalCliTests
{
    // Built here: one conversation over the seed articles (a question, then "who said that?") and one whose gold
    // is in no file of this corpus, which is skipped.
    private static string WriteFile()
    {
        var file = Path.Combine(RepoPaths.NewTempDir(), "conversations.jsonl");
        File.WriteAllLines(file,
        [
            """{"id":"k1","turns":[{"question":"who ran mexico's intelligence agency from 2007 to 2011","gold":["000"],"expect":[["Valdés"]]},{"question":"and who said that?","gold":["000"],"expect":[["Valdés"]]}]}""",
            """{"id":"k2","turns":[{"question":"what port does the server listen on?","gold":["no-such-file"],"expect":[["8420"]]}]}""",
        ]);
        return file;
    }

    [Fact]
    public async Task Json_prints_a_line_per_turn_then_the_summary_and_skips_other_corpora()
    {
        var r = await CliRunner.RunAsync(["eval", "--conversations", WriteFile(), "--json"]);
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length); // two turns of k1, then the summary; k2 is skipped

        using var first = JsonDocument.Parse(lines[0]);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("k1", first.RootElement.GetProperty("id").GetString());
        Assert.Equal(1, first.RootElement.GetProperty("turn").GetInt32());
        Assert.Equal(2, second.RootElement.GetProperty("turn").GetInt32());
        // The follow-up is answered from the conversation: the speaker of the quote the first turn showed, cited in the same article.
        Assert.True(second.RootElement.GetProperty("answered").GetBoolean());
        Assert.True(second.RootElement.GetProperty("correct").GetBoolean(), second.RootElement.GetProperty("answer").GetString());
        var firstSource = first.RootElement.GetProperty("citations")[0].GetProperty("source").GetString();
        Assert.Equal(firstSource, second.RootElement.GetProperty("citations")[0].GetProperty("source").GetString());

        using var summary = JsonDocument.Parse(lines[^1]);
        var s = summary.RootElement.GetProperty("summary");
        Assert.Equal(1, s.GetProperty("conversations").GetInt32());
        Assert.Equal(1, s.GetProperty("skipped").GetInt32());
        Assert.Equal(2, s.GetProperty("turns").GetInt32());
        Assert.Equal(1, s.GetProperty("follow_ups").GetInt32());
        Assert.Equal(s.GetProperty("right").GetInt32() / 2.0, s.GetProperty("accuracy").GetDouble(), 3);
    }

    [Fact]
    public async Task Human_output_ends_with_the_turns_right()
    {
        var r = await CliRunner.RunAsync(["eval", "--conversations", WriteFile()]);
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"Turns: \d/2 right", r.Stdout);
        Assert.Contains("1 skipped", r.Stdout);
    }

    [Fact]
    public async Task Usage_errors_exit_2_with_a_one_line_reason()
    {
        var both = await CliRunner.RunAsync(["eval", "--conversations", WriteFile(), "--questions", WriteFile()]);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("exactly one of", both.Stderr);

        var file = Path.Combine(RepoPaths.NewTempDir(), "c.jsonl");
        File.WriteAllText(file, "{\"id\":\"a\",\"turns\":[{\"question\":\"Who?\",\"gold\":[\"000\"],\"expect\":[[\"x\"]]}]}\n{broken\n");
        var broken = await CliRunner.RunAsync(["eval", "--conversations", file]);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains(":2:", broken.Stderr);
        Assert.DoesNotContain("   at ", broken.Stderr); // no stack trace
    }
}
