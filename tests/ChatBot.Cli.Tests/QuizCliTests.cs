using System.Text.Json;
using ChatBot.Core.Feedback;
using ChatBot.Feedback.Sqlite;
using ChatBot.Testing;

namespace ChatBot.Cli.Tests;

public class QuizCliTests
{
    [Fact]
    public async Task Quiz_json_prints_one_reproducible_question_with_answer_and_citation()
    {
        var r = await CliRunner.RunAsync(["quiz", "--json", "--seed", "17"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var q = doc.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(q.GetProperty("id").GetString()));
        Assert.Contains(q.GetProperty("type").GetString(), new[] { "short", "multiple_choice" });
        Assert.Contains(q.GetProperty("difficulty").GetString(), new[] { "easy", "medium", "hard" });
        var answer = q.GetProperty("answer").GetString()!;
        var question = q.GetProperty("question").GetString()!;
        Assert.DoesNotContain(answer, question);
        Assert.Equal(JsonValueKind.Array, q.GetProperty("alternatives").ValueKind);
        if (q.GetProperty("type").GetString() == "multiple_choice")
            Assert.Contains(answer, q.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        else Assert.Equal(JsonValueKind.Null, q.GetProperty("choices").ValueKind);
        var citation = q.GetProperty("citation");
        Assert.StartsWith("00", citation.GetProperty("source").GetString());
        Assert.False(string.IsNullOrWhiteSpace(citation.GetProperty("title").GetString()));
        Assert.True(citation.TryGetProperty("outlet", out _));
        Assert.Contains(answer.Split(' ')[^1], citation.GetProperty("quote").GetString());

        var again = await CliRunner.RunAsync(["quiz", "--json", "--seed", "17"]);
        Assert.Equal(r.Stdout, again.Stdout);
    }

    [Fact]
    public async Task Interactive_quiz_grades_answers_from_stdin_and_prints_the_score()
    {
        var first = await CliRunner.RunAsync(["quiz", "--json", "--seed", "29"]);
        using var doc = JsonDocument.Parse(first.Stdout);
        var answer = doc.RootElement.GetProperty("answer").GetString()!;
        var source = doc.RootElement.GetProperty("citation").GetProperty("source").GetString()!;

        var r = await CliRunner.RunAsync(["quiz", "--seed", "29", "--count", "2"], stdin: answer + "\nnot the answer at all\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Question 1/2", r.Stdout);
        Assert.Contains("Question 2/2", r.Stdout);
        Assert.Contains("✔ Right!", r.Stdout);
        Assert.Contains("✘ Wrong.", r.Stdout);
        Assert.Contains(source, r.Stdout);
        Assert.Contains("Score: 1/2", r.Stdout);
    }

    [Fact]
    public async Task Quiz_stops_cleanly_when_input_ends()
    {
        var r = await CliRunner.RunAsync(["quiz", "--count", "3"], stdin: "");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Question 1/3", r.Stdout);
        Assert.Contains("No answers given", r.Stdout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    [InlineData("many")]
    public async Task A_bad_count_is_bad_usage(string count)
    {
        var r = await CliRunner.RunAsync(["quiz", "--count", count]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("count", r.Stderr);
    }

    [Fact]
    public async Task Feedback_report_lists_the_worst_rated_answers()
    {
        var dataDir = RepoPaths.NewTempDir("chatbot-cli-feedback");
        var empty = await CliRunner.RunAsync(["feedback", "report", "--json"], dataDir: dataDir);
        Assert.Equal(0, empty.ExitCode);
        Assert.Equal("[]", empty.Stdout.Trim());

        var store = SqliteFeedbackStore.Open(Path.Combine(dataDir, SqliteFeedbackStore.FileName));
        await store.RecordAsync(new FeedbackEntry("answer-1", "teams", "h1", "Who is Valdés?", "A former spy chief.", ["000_ec4c33d2d5d46252.txt"], true, DateTimeOffset.UtcNow));
        await store.RecordAsync(new FeedbackEntry("answer-2", "discord", "h2", "When did extraditions begin?", "In 1996.", ["002_d03fe261832cac16.txt"], false, DateTimeOffset.UtcNow));

        var r = await CliRunner.RunAsync(["feedback", "report", "--json", "--top", "5"], dataDir: dataDir);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("When did extraditions begin?", rows[0].GetProperty("question").GetString());
        Assert.Equal(1, rows[0].GetProperty("not_helpful").GetInt32());
        Assert.Equal("Who is Valdés?", rows[1].GetProperty("question").GetString());

        var table = await CliRunner.RunAsync(["feedback", "report", "--top", "1"], dataDir: dataDir);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("When did extraditions begin?", table.Stdout);
        Assert.DoesNotContain("Who is Valdés?", table.Stdout);

        var bad = await CliRunner.RunAsync(["feedback", "report", "--top", "0"], dataDir: dataDir);
        Assert.Equal(2, bad.ExitCode);
    }
}
