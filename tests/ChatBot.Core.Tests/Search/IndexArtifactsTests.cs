using ChatBot.Core.Corpus;
using ChatBot.Core.Search;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests.Search;

/// <summary>
/// Per-version artifacts (e.g. sentence vectors) an index leg computes beside the chunks: kept with the
/// embedded index so a restart loads them instead of computing them again (the shared corpus publishes them
/// with the version: ChatBot.Qdrant.Tests).
/// </summary>
public sealed class IndexArtifactsTests : IDisposable
{
    private readonly string _root = RepoPaths.NewTempDir("artifacts");

    private CorpusIndex NewIndex(CountingLeg leg) => new(
        Options.Create(new ChatBotOptions { CorpusDir = Path.Combine(_root, "corpus"), DataDir = Path.Combine(_root, "data") }),
        new CorpusLoader(), [leg], NullLogger<CorpusIndex>.Instance);

    [Fact]
    public async Task An_artifact_a_leg_computed_is_loaded_after_a_restart_instead_of_computed_again()
    {
        Directory.CreateDirectory(Path.Combine(_root, "corpus"));
        File.WriteAllText(Path.Combine(_root, "corpus", "a.txt"), "A title\n\nThe first paragraph says one thing. It has two sentences.\n\nThe second paragraph says another.");
        var leg = new CountingLeg();
        using (var index = NewIndex(leg))
        {
            var snapshot = await index.EnsureReadyAsync();
            Assert.True(snapshot.Artifacts.TryGet(CountingLeg.Name, out _));
        }
        Assert.Equal(1, leg.Computed);

        using var restarted = NewIndex(leg);
        var loaded = await restarted.EnsureReadyAsync();

        Assert.Equal(1, leg.Computed);
        Assert.True(loaded.Artifacts.TryGet(CountingLeg.Name, out var artifact));
        Assert.Equal(CountingLeg.Expected(loaded), artifact.Items.Select(i => (i.Key, i.Text, i.Vector.ToArray())));
    }

    [Fact]
    public void An_artifact_with_a_bad_name_a_wrong_length_or_a_repeated_key_is_refused()
    {
        var ok = new ArtifactVector("k", "a.txt", "text", new float[] { 1, 0 });
        var artifacts = new IndexArtifacts();
        Assert.Throws<ArgumentException>(() => artifacts.Set(new VectorArtifact("bad name", 2, [ok])));
        Assert.Throws<ArgumentException>(() => artifacts.Set(new VectorArtifact("s", 3, [ok])));
        Assert.Throws<ArgumentException>(() => artifacts.Set(new VectorArtifact("s", 2, [ok, ok])));
        Assert.Empty(artifacts.All);
        artifacts.Set(new VectorArtifact("s", 2, [ok]));
        Assert.Single(artifacts.All);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>One vector per sentence, made from its length (no model needed), counting how often it computes.</summary>
    private sealed class CountingLeg : IIndexLeg
    {
        public const string Name = "sentences";

        public int Computed { get; private set; }

        public static IEnumerable<(string Key, string Text, float[] Vector)> Expected(IndexSnapshot snapshot) =>
            snapshot.Documents.SelectMany(d => d.Layout.Units(d.Text).Select((u, i) => ($"{d.Source}#{i}", u.Of(d.Text), new float[] { u.Length, i, 1 })));

        public Task<bool> IsBuiltAsync(IndexSnapshot snapshot, CancellationToken cancellationToken) => Task.FromResult(snapshot.Artifacts.TryGet(Name, out _));

        public Task EnsureBuiltAsync(IndexSnapshot snapshot, bool force, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
        {
            if (snapshot.Artifacts.TryGet(Name, out _)) return Task.CompletedTask;
            Computed++;
            snapshot.Artifacts.Set(new VectorArtifact(Name, 3, [.. Expected(snapshot).Select(e => new ArtifactVector(e.Key, "a.txt", e.Text, e.Vector))]));
            return Task.CompletedTask;
        }
    }
}
