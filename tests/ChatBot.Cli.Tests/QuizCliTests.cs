using System.Text.Json;
using ChatBot.Core.Feedback;
using ChatBot.Feedback.Sqlite;
using ChatBot.Testing;

namespace ChatBot.Cli.Tests;

public class QuizCliTests
{
    [Fact]
    public async Task Quiz_json_prints_one_reproducible_question_with_kind_answer_and_citation()
    {
        var r = await CliRunner.RunAsync(["quiz", "--json", "--seed", "17"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var q = doc.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(q.GetProperty("id").GetString()));
        var type = q.GetProperty("type").GetString();
        Assert.Contains(type, new[] { "short", "multiple_choice", "true_false" });
        Assert.Contains(q.GetProperty("kind").GetString(), new[] { "who_said", "number", "date", "actor", "true_false", "which_article", "cloze" });
        Assert.Contains(q.GetProperty("difficulty").GetString(), new[] { "easy", "medium", "hard" });
        var answer = q.GetProperty("answer").GetString()!;
        var question = q.GetProperty("question").GetString()!;
        Assert.Equal(JsonValueKind.Array, q.GetProperty("alternatives").ValueKind);
        if (type == "short") Assert.Equal(JsonValueKind.Null, q.GetProperty("choices").ValueKind);
        else Assert.Contains(answer, q.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        var citation = q.GetProperty("citation");
        Assert.StartsWith("00", citation.GetProperty("source").GetString());
        Assert.False(string.IsNullOrWhiteSpace(citation.GetProperty("title").GetString()));
        Assert.True(citation.TryGetProperty("outlet", out _));
        if (type != "true_false" && q.GetProperty("kind").GetString() != "which_article")
        {
            Assert.DoesNotContain(answer, question);
            Assert.Contains(answer, citation.GetProperty("quote").GetString());
        }

        var again = await CliRunner.RunAsync(["quiz", "--json", "--seed", "17"]);
        Assert.Equal(r.Stdout, again.Stdout);
    }

    [Fact]
    public async Task Quiz_json_on_one_article_and_an_unknown_article_is_bad_usage()
    {
        var r = await CliRunner.RunAsync(["quiz", "--json", "--seed", "3", "--article", "004"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.StartsWith("004_", doc.RootElement.GetProperty("citation").GetProperty("source").GetString());

        var bad = await CliRunner.RunAsync(["quiz", "--article", "zzqx-nothing", "--count", "1"], stdin: "x\n");
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("error: No article or topic matches “zzqx-nothing”.", bad.Stderr.Trim());
    }

    /// <summary>The answer to the question a seed makes, from `quiz --json` (same corpus and data dir).</summary>
    private static async Task<(string Answer, string Type)> AnswerForSeedAsync(int seed, string? dataDir = null)
    {
        var json = await CliRunner.RunAsync(["quiz", "--json", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)], dataDir: dataDir);
        using var doc = JsonDocument.Parse(json.Stdout);
        return (doc.RootElement.GetProperty("answer").GetString()!, doc.RootElement.GetProperty("type").GetString()!);
    }

    [Fact]
    public async Task Interactive_quiz_grades_answers_from_stdin_and_shows_the_score_after_each()
    {
        var (answer, _) = await AnswerForSeedAsync(29);
        var user = "cli-test-" + Guid.NewGuid().ToString("N");
        var r = await CliRunner.RunAsync(["quiz", "--seed", "29", "--count", "2", "--user", user], stdin: answer + "\nnot the answer at all\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Question 1/2", r.Stdout);
        Assert.Contains("Question 2/2", r.Stdout);
        Assert.Contains("✔ Right!", r.Stdout);
        Assert.Contains("✘ Wrong.", r.Stdout);
        Assert.Contains("Score: 1/1 · streak 1 (best 1)", r.Stdout);
        Assert.Contains("Score: 1/2 · streak 0 (best 1) · it comes back in 3 questions", r.Stdout);
        Assert.Contains("This session: 1/2.", r.Stdout);
    }

    [Fact]
    public async Task Scores_survive_a_restart_of_the_cli()
    {
        var dataDir = await CliRunner.IndexedDataDirAsync();
        var (first, _) = await AnswerForSeedAsync(7, dataDir);
        var one = await CliRunner.RunAsync(["quiz", "--seed", "7", "--count", "1", "--user", "dana"], stdin: first + "\n", dataDir: dataDir);
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("Score: 1/1 · streak 1 (best 1)", one.Stdout);
        Assert.True(File.Exists(Path.Combine(dataDir, "quiz.db")));

        // A new process over the same data dir goes on from there; another user starts from nothing.
        var two = await CliRunner.RunAsync(["quiz", "--seed", "8", "--count", "1", "--user", "dana"], stdin: "not the answer at all\n", dataDir: dataDir);
        Assert.Contains("Score: 1/2 · streak 0 (best 1)", two.Stdout);
        Assert.Contains("All time: 1/2", two.Stdout);
        var other = await CliRunner.RunAsync(["quiz", "--seed", "8", "--count", "1", "--user", "eli"], stdin: "not the answer at all\n", dataDir: dataDir);
        Assert.Contains("Score: 0/1", other.Stdout);
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
