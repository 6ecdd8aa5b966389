using ChatBot.Core.Corpus;

namespace ChatBot.Core.Tests.Search;

public class CorpusIndexTests
{
    [Fact]
    public async Task The_index_is_built_once_and_reused_while_the_corpus_is_unchanged()
    {
        using var f = new EngineFixture();
        var first = await f.Index.ReindexAsync();
        Assert.True(first.Rebuilt);
        f.Restart();
        var second = await f.Index.ReindexAsync();
        Assert.False(second.Rebuilt);
        Assert.Equal(first.CorpusHash, second.CorpusHash);
        Assert.Equal(first.Chunks, second.Chunks);
    }

    [Fact]
    public async Task A_changed_corpus_is_rebuilt_and_answers_from_the_new_text()
    {
        using var f = new EngineFixture();
        await f.Index.EnsureReadyAsync();
        File.WriteAllText(Path.Combine(f.CorpusDir, "900_new.txt"),
            "Binational Drone Accord Signed\n\nThe binational drone accord was signed in Ciudad Juárez by negotiators from both countries. It allows shared surveillance flights along the border.");
        var result = await f.Index.ReindexAsync();
        Assert.True(result.Rebuilt);
        var answer = await f.Engine.AskAsync("Where was the binational drone accord signed?");
        Assert.True(answer.Answered);
        Assert.Contains("Ciudad Juárez", answer.Text);
        Assert.Equal("900_new.txt", answer.Citations[0].Source);
    }

    [Fact]
    public async Task A_crash_mid_build_leaves_no_half_index_behind()
    {
        using var f = new EngineFixture();
        await f.Index.EnsureReadyAsync();
        var hash = CorpusLoader.ComputeHash(f.CorpusDir);
        var folder = Path.Combine(f.DataDir, "index", hash[..16]);
        // Simulate a crash during a build: a leftover temp folder, and an index folder missing its completion marker.
        Directory.CreateDirectory(Path.Combine(f.DataDir, "index", ".building-crashed"));
        File.Delete(Path.Combine(folder, "corpus.json"));
        f.Restart();
        var result = await f.Index.ReindexAsync();
        Assert.True(result.Rebuilt);
        Assert.True((await f.Engine.AskAsync("Which party did Enrique Peña Nieto belong to?")).Answered);
    }

    [Fact]
    public async Task A_bad_file_is_skipped_with_a_warning_and_the_rest_still_answers()
    {
        using var f = new EngineFixture();
        File.WriteAllBytes(Path.Combine(f.CorpusDir, "broken.txt"), [0x00, 0x01, 0xFF, 0x10]);
        var snapshot = await f.Index.EnsureReadyAsync();
        Assert.DoesNotContain(snapshot.Documents, d => d.Source == "broken.txt");
        Assert.True((await f.Engine.AskAsync("Which party did Enrique Peña Nieto belong to?")).Answered);
    }

    [Fact]
    public async Task A_missing_corpus_folder_is_a_clear_error()
    {
        using var f = new EngineFixture();
        Directory.Delete(f.CorpusDir, true);
        var ex = await Assert.ThrowsAsync<CorpusException>(() => f.Index.EnsureReadyAsync());
        Assert.Contains("does not exist", ex.Message);
    }
}
