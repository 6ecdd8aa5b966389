using ChatBot.Core.Search;
using ChatBot.Core.Search.Hybrid;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Search;

/// <summary>Sentence vectors (the dense leg's per-version artifact), the corpus vocabulary, and identifier analysis.</summary>
public class SentenceEvidenceTests
{
    [Fact]
    public async Task Sentence_vectors_are_built_once_stored_with_the_index_and_loaded_on_restart()
    {
        using var f = new EngineFixture(hybrid: true);
        var snapshot = await f.Index.EnsureReadyAsync();
        var vectors = Assert.IsType<SentenceVectors>(snapshot.SentenceVectors);
        var units = SentenceVectors.UnitsOf(snapshot);
        Assert.Equal(units.Count, vectors.Count);
        Assert.Equal(384, vectors.Dimensions);
        var file = Path.Combine(snapshot.Folder!, "artifacts", SentenceVectors.ArtifactName(vectors.ModelId) + ".bin");
        Assert.True(File.Exists(file));
        var written = File.GetLastWriteTimeUtc(file);

        f.Restart();
        var reopened = await f.Index.EnsureReadyAsync();
        Assert.NotNull(reopened.SentenceVectors);
        Assert.Equal(written, File.GetLastWriteTimeUtc(file)); // loaded, not embedded again
        var (source, unit) = units[3];
        Assert.Equal(vectors.Of(source, unit.Index).ToArray(), reopened.SentenceVectors!.Of(source, unit.Index).ToArray());
    }

    [Fact]
    public async Task Vectors_round_trip_through_their_artifact_and_are_refused_for_another_model_or_segmentation()
    {
        using var f = new EngineFixture();
        var snapshot = await f.Index.EnsureReadyAsync();
        var units = SentenceVectors.UnitsOf(snapshot);
        var vectors = SentenceVectors.Create(snapshot, "test:model:3", units.Select((_, i) => (ReadOnlyMemory<float>)new float[] { i, 1, 0 }).ToList());
        var artifact = vectors.ToArtifact(snapshot);
        Assert.Equal("sentences_test_model_3", artifact.Name);
        var loaded = SentenceVectors.FromArtifact(snapshot, "test:model:3", artifact);
        Assert.NotNull(loaded);
        var (source, unit) = units[5];
        // Stored normalised: (5, 1, 0) / |(5, 1, 0)|.
        Assert.Equal(5 / Math.Sqrt(26), loaded!.Of(source, unit.Index)[0], 5);
        Assert.Equal(1.0, loaded.Similarity(source, unit.Index, loaded.Of(source, unit.Index))!.Value, 5);
        Assert.Null(SentenceVectors.FromArtifact(snapshot, "test:other-model:3", artifact));
        // One unit's text differs (the corpus was segmented differently): embedded again, never matched to the wrong sentence.
        var changed = artifact.Items.Select((item, i) => i == 5 ? item with { Text = item.Text + " more" } : item).ToList();
        Assert.Null(SentenceVectors.FromArtifact(snapshot, "test:model:3", artifact with { Items = changed }));
    }

    [Fact]
    public async Task A_snapshot_refuses_sentence_vectors_of_another_corpus_version()
    {
        using var f = new EngineFixture();
        var snapshot = await f.Index.EnsureReadyAsync();
        using var other = new EngineFixture(Path.Combine(RepoPaths.Fixtures, "corpora", "tidewatch"));
        var otherSnapshot = await other.Index.EnsureReadyAsync();
        var foreign = SentenceVectors.Create(otherSnapshot, "m", SentenceVectors.UnitsOf(otherSnapshot).Select(_ => (ReadOnlyMemory<float>)new float[] { 1, 0 }).ToList());
        Assert.Throws<ArgumentException>(() => snapshot.AttachSentenceVectors(foreign));
        Assert.False(foreign.Matches(snapshot, "m"));
    }

    [Fact]
    public async Task Misspellings_of_corpus_words_are_corrected_and_correct_or_short_words_left_alone()
    {
        using var f = new EngineFixture();
        var vocabulary = CorpusVocabulary.For(await f.Index.EnsureReadyAsync());
        var corrections = vocabulary.Corrections("who is eduardo medina morra and what did kerlikowski say in tapachulla");
        Assert.Equal("mora", corrections["morra"]);
        Assert.Equal("kerlikowsk", corrections["kerlikowski"]);
        Assert.Equal("tapachula", corrections["tapachulla"]);
        Assert.DoesNotContain("eduardo", corrections.Keys);
        Assert.Empty(vocabulary.Corrections("who is shay")); // four letters: too many neighbours to guess
        Assert.Empty(vocabulary.Corrections("what is the capital of australia"));
        Assert.Equal("who is eduardo medina mora", vocabulary.CorrectedText("who is eduardo medina morra"));
    }

    [Fact]
    public async Task An_acronym_the_corpus_never_writes_stands_for_the_name_with_those_initials()
    {
        using var f = new EngineFixture();
        var vocabulary = CorpusVocabulary.For(await f.Index.EnsureReadyAsync());
        Assert.Equal(["homeland", "secur", "investig"], vocabulary.Expand("HSI"));
        Assert.Equal(["homeland", "secur", "investig"], vocabulary.Expansions("what is hsi")["hsi"]);
        Assert.Null(vocabulary.Expand("QZX"));
        Assert.DoesNotContain("dea", vocabulary.Expansions("what is the DEA").Keys); // written in the corpus: known as is
        Assert.True(vocabulary.InMetadata("fitsanaki")); // an author in the manifest
    }

    [Theory]
    [InlineData("Setting: server.port; Default: 8420", new[] { "set", "server", "port", "default", "8420" })]
    [InlineData("checks.default_interval", new[] { "check", "default", "interv" })]
    [InlineData("The U.S. and the U.K.", new[] { "us", "uk" })]
    [InlineData("version 4.2.1 of tidewatch.toml", new[] { "version", "4.2.1", "tidewatch", "toml" })]
    public void Identifiers_are_their_words_acronyms_lose_their_dots_versions_stay_whole(string text, string[] terms) =>
        Assert.Equal(terms, SearchAnalyzer.Shared.Terms(text));
}
