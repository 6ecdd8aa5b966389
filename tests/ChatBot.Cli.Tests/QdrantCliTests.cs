using System.Text.Json;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;

namespace ChatBot.Cli.Tests;

/// <summary>`index` and `ask` with Qdrant__Url pointing at a fake Qdrant on 127.0.0.1.</summary>
public sealed class QdrantCliTests : IAsyncLifetime
{
    private FakeQdrantServer _qdrant = null!;
    private readonly string _dataDir = RepoPaths.NewTempDir("chatbot-qdrant");
    private readonly string _corpus = RepoPaths.NewTempDir("chatbot-qdrant-corpus");

    public async Task InitializeAsync()
    {
        _qdrant = await FakeQdrantServer.StartAsync(apiKey: "qdrant-test-key");
        foreach (var f in Directory.GetFiles(RepoPaths.Corpus)) File.Copy(f, Path.Combine(_corpus, Path.GetFileName(f)));
    }

    public async Task DisposeAsync() => await _qdrant.DisposeAsync();

    private Dictionary<string, string> Env => new()
    {
        ["Qdrant__Url"] = _qdrant.BaseAddress.ToString(),
        ["Qdrant__ApiKey"] = "qdrant-test-key",
        ["Qdrant__Collection"] = "chatbot",
        ["Qdrant__MaxRetries"] = "1",
    };

    /// <summary>One point per indexed passage of the corpus, however ingestion cuts it.</summary>
    private int PassageCount => new ChatBot.Core.Corpus.CorpusLoader().Load(_corpus).Chunks.Count;

    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync([.. args, "--corpus", _corpus], env: Env, dataDir: _dataDir);

    private static IReadOnlyList<string> Answers(string evalJson) =>
        evalJson.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipLast(1)
            .Select(l => { using var d = JsonDocument.Parse(l); return d.RootElement.GetProperty("answer").GetString()!; }).ToList();

    [Fact]
    public async Task Index_then_ask_give_the_same_answers_as_the_embedded_store()
    {
        var index = await Run("index");
        Assert.True(index.ExitCode == 0, index.Stderr);
        Assert.Contains("chatbot", _qdrant.Aliases.Keys);
        Assert.Equal(PassageCount, _qdrant.PointCount("chatbot"));

        var questions = Path.Combine(RepoPaths.Fixtures, "eval", "dev-questions.jsonl");
        var withQdrant = await Run("eval", "--questions", questions, "--json");
        Assert.True(withQdrant.ExitCode == 0, withQdrant.Stderr);
        Assert.Contains(_qdrant.Requests, r => r.Path.EndsWith("/points/query", StringComparison.Ordinal));
        using (var summary = JsonDocument.Parse(withQdrant.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]))
        {
            Assert.Equal(12, summary.RootElement.GetProperty("summary").GetProperty("answered_correctly").GetInt32());
            Assert.Equal(2, summary.RootElement.GetProperty("summary").GetProperty("refused_correctly").GetInt32());
        }

        var embedded = await CliRunner.RunAsync(["eval", "--questions", questions, "--json", "--corpus", _corpus], dataDir: RepoPaths.NewTempDir());
        Assert.Equal(Answers(embedded.Stdout), Answers(withQdrant.Stdout));
    }

    [Fact]
    public async Task A_reindex_that_dies_halfway_leaves_the_old_collection_serving()
    {
        Assert.Equal(0, (await Run("index")).ExitCode);
        var serving = _qdrant.Aliases["chatbot"];
        var published = PassageCount;

        File.WriteAllText(Path.Combine(_corpus, "900_new.txt"), string.Join("\n\n", Enumerable.Range(1, 40).Select(i =>
            $"Paragraph {i} of a new report says the binational drone accord covers sector {i} of the border and its shared surveillance flights.")));
        _qdrant.CrashAfterUpserts(0);
        var failed = await Run("index");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("error:", failed.Stderr);
        Assert.DoesNotContain("   at ", failed.Stderr);
        Assert.Equal(serving, _qdrant.Aliases["chatbot"]);
        Assert.Equal(published, _qdrant.PointCount("chatbot"));

        // The corpus goes back to what was published: answers come from the old collection, nothing is rebuilt.
        _qdrant.Recover();
        File.Delete(Path.Combine(_corpus, "900_new.txt"));
        var upsertsBefore = _qdrant.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/points", StringComparison.Ordinal));
        var ask = await Run("ask", "Which party did Enrique Peña Nieto belong to?", "--json");
        Assert.True(ask.ExitCode == 0, ask.Stderr);
        Assert.Contains("Institutional Revolutionary Party", ask.Stdout);
        Assert.Equal(upsertsBefore, _qdrant.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/points", StringComparison.Ordinal)));
        Assert.Equal(serving, _qdrant.Aliases["chatbot"]);
    }

    [Fact]
    public async Task An_unreachable_qdrant_is_a_clear_error()
    {
        var r = await CliRunner.RunAsync(["index", "--corpus", _corpus], env: new Dictionary<string, string> { ["Qdrant__Url"] = "http://127.0.0.1:9", ["Qdrant__MaxRetries"] = "0" }, dataDir: _dataDir);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("Qdrant", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }
}
