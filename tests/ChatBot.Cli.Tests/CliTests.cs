using System.Text.Json;
using ChatBot.Testing;

namespace ChatBot.Cli.Tests;

public class CliTests
{
    [Fact]
    public async Task Ask_json_prints_one_answer_object_with_citations()
    {
        var r = await CliRunner.RunAsync(["ask", "Which party did Enrique Peña Nieto belong to?", "--json"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("answered").GetBoolean());
        Assert.Contains("Institutional Revolutionary Party", root.GetProperty("answer").GetString());
        var citation = root.GetProperty("citations")[0];
        Assert.Equal(1, citation.GetProperty("n").GetInt32());
        Assert.Equal("001_f689064de2772c6a.txt", citation.GetProperty("source").GetString());
        Assert.True(root.GetProperty("elapsed_ms").GetDouble() >= 0);
    }

    [Fact]
    public async Task Ask_prints_the_answer_and_numbered_sources_for_people()
    {
        var r = await CliRunner.RunAsync(["ask", "How large is the new super-police force Mexico planned?"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("10,000", r.Stdout);
        Assert.Contains("[1] Is US-Mexico anti-drug intelligence cooperation about to end?", r.Stdout);
        Assert.Contains("(001_f689064de2772c6a.txt)", r.Stdout);
    }

    [Fact]
    public async Task A_refusal_exits_zero_with_answered_false()
    {
        var r = await CliRunner.RunAsync(["ask", "What is the capital of Australia?", "--json"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.False(doc.RootElement.GetProperty("answered").GetBoolean());
        Assert.Equal(0, doc.RootElement.GetProperty("citations").GetArrayLength());
    }

    [Fact]
    public async Task An_empty_question_is_bad_input_with_exit_code_2()
    {
        var r = await CliRunner.RunAsync(["ask", "  "]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Please type a question", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // no stack trace
    }

    [Fact]
    public async Task A_64_KB_question_from_stdin_is_rejected_with_exit_code_2()
    {
        var r = await CliRunner.RunAsync(["ask", "-", "--json"], stdin: new string('x', 64 * 1024));
        Assert.Equal(2, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Contains("limit", doc.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Binary_input_is_rejected_with_exit_code_2()
    {
        var r = await CliRunner.RunAsync(["ask", "-"], stdin: "\u0001\u0002PK\u0003\u0004binary");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("control characters", r.Stderr);
    }

    [Fact]
    public async Task Unknown_commands_and_options_are_usage_errors()
    {
        Assert.Equal(2, (await CliRunner.RunAsync(["frobnicate"])).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync(["ask", "x", "--no-such-option"])).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync(["eval"])).ExitCode); // --questions is required
    }

    [Fact]
    public async Task A_missing_corpus_is_a_clear_error()
    {
        var r = await CliRunner.RunAsync(["ask", "Who is Valdés?", "--corpus", "/nonexistent/corpus"], dataDir: RepoPaths.NewTempDir());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("does not exist", r.Stderr);
    }

    [Fact]
    public async Task Eval_json_prints_a_line_per_question_then_the_summary()
    {
        var file = Path.Combine(RepoPaths.Fixtures, "eval", "dev-questions.jsonl");
        var r = await CliRunner.RunAsync(["eval", "--questions", file, "--json"]);
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(File.ReadAllLines(file).Count(l => l.Trim().Length > 0) + 1, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("d01", first.RootElement.GetProperty("id").GetString());
        Assert.True(first.RootElement.TryGetProperty("citations", out _));
        // The decision behind each answer (the refusal model's p and features), for diagnosing a run without `ask -v`.
        Assert.Contains("p=", first.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(lines[^1]);
        var s = summary.RootElement.GetProperty("summary");
        Assert.Equal(12, s.GetProperty("answered_correctly").GetInt32());
        Assert.Equal(2, s.GetProperty("refused_correctly").GetInt32());
        Assert.InRange(s.GetProperty("recall_at1").GetDouble(), 0, 1);
        Assert.InRange(s.GetProperty("mrr").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Eval_reports_a_broken_question_file_by_line()
    {
        var file = Path.Combine(RepoPaths.NewTempDir(), "q.jsonl");
        File.WriteAllText(file, "{\"id\":\"a\",\"question\":\"Who?\"}\n{broken\n");
        var r = await CliRunner.RunAsync(["eval", "--questions", file]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(":2:", r.Stderr);
    }

    [Fact]
    public async Task Sources_lists_every_article_with_the_duplicate_marked()
    {
        var r = await CliRunner.RunAsync(["sources", "--json"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var sources = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(5, sources.Count);
        var dup = sources.Single(s => s.GetProperty("source").GetString()!.StartsWith("003", StringComparison.Ordinal));
        Assert.StartsWith("002", dup.GetProperty("duplicate_of").GetString());
    }

    [Fact]
    public async Task Index_builds_once_then_reports_up_to_date()
    {
        var dataDir = RepoPaths.NewTempDir();
        var first = await CliRunner.RunAsync(["index"], dataDir: dataDir);
        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("Indexed 5 documents", first.Stdout);
        var second = await CliRunner.RunAsync(["index"], dataDir: dataDir);
        Assert.StartsWith("Index is up to date", second.Stdout);
    }

    [Fact]
    public async Task Chat_remembers_the_conversation_until_exit()
    {
        var r = await CliRunner.RunAsync(["chat"], stdin: "Which party did Enrique Peña Nieto belong to?\nWhat is the capital of Australia?\nexit\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Institutional Revolutionary Party", r.Stdout);
        Assert.Contains("I can only answer from the documents", r.Stdout);
    }
}

public class EmbedCliTests
{
    /// <summary>The reference embedding (computed outside .NET) of a text in a role, from tests/fixtures/models/arctic-xs-reference.json.</summary>
    private static double[] Reference(string text, string role)
    {
        var folder = Path.Combine(RepoPaths.Fixtures, "models");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "arctic-xs-reference.json")));
        var item = doc.RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("text").GetString() == text && i.GetProperty("role").GetString() == role);
        return item.GetProperty("embedding").EnumerateArray().Select(e => e.GetDouble()).ToArray();
    }

    private static (JsonElement Root, double[] Vector) Parse(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Stderr);
        var root = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal("snowflake-arctic-embed-xs", root.GetProperty("model").GetString());
        Assert.Equal(384, root.GetProperty("dimensions").GetInt32());
        var vector = root.GetProperty("embedding").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(384, vector.Length);
        Assert.InRange(Math.Sqrt(vector.Sum(v => v * v)), 0.999, 1.001);
        return (root, vector);
    }

    private static void AssertClose(double[] expected, double[] actual) =>
        Assert.All(expected.Zip(actual), pair => Assert.True(Math.Abs(pair.First - pair.Second) < 1e-4, $"{pair.First} vs {pair.Second}"));

    [Fact]
    public async Task Embed_json_prints_the_local_models_384_dimension_document_vector()
    {
        var (root, vector) = Parse(await CliRunner.RunAsync(["embed", "What is the capital of Australia?", "--json"]));
        Assert.Equal("document", root.GetProperty("role").GetString());
        AssertClose(Reference("What is the capital of Australia?", "document"), vector);
    }

    [Fact]
    public async Task Embed_query_embeds_the_text_as_a_search_query()
    {
        var (root, vector) = Parse(await CliRunner.RunAsync(["embed", "--query", "--json", "what is the capital of australia"]));
        Assert.Equal("query", root.GetProperty("role").GetString());
        AssertClose(Reference("what is the capital of australia", "query"), vector);
    }

    [Fact]
    public async Task Embed_dash_reads_a_long_text_from_standard_input_and_uses_its_first_512_tokens()
    {
        var article = File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "models", "arctic-xs-reference-long-text.txt"));
        var (root, vector) = Parse(await CliRunner.RunAsync(["embed", "--json", "-"], stdin: article));
        Assert.Equal(512, root.GetProperty("tokens").GetInt32());
        AssertClose(Reference("(corpus/004_3efa1be4316af08c.txt, whole file)", "document"), vector);
    }

    [Fact]
    public async Task Embed_dash_with_nothing_on_standard_input_is_bad_input()
    {
        var r = await CliRunner.RunAsync(["embed", "--json", "-"], stdin: "  \n");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Give a text to embed", JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Embed_without_text_is_bad_input()
    {
        var r = await CliRunner.RunAsync(["embed", " ", "--json"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error", r.Stdout);
    }
}
