using System.Text;
using System.Text.Json;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;
using ChatBot.Testing;
using Xunit;

namespace ChatBot.Qdrant.Tests;

/// <summary>
/// The writer's working copy of the shared corpus: changes kept apart from the base so they apply again on
/// a newer version (files whole, the manifest entry by entry), a rolled-back change leaving nothing, and the
/// pending changes surviving a restart.
/// </summary>
public sealed class QdrantWorkingCopyTests
{
    private readonly string _folder = RepoPaths.NewTempDir("working-copy");

    private static CorpusFiles Corpus(string? manifest, params (string Name, string Text)[] files) =>
        new(files.ToDictionary(f => f.Name, f => Encoding.UTF8.GetBytes(f.Text), StringComparer.Ordinal), manifest);

    private static string Manifest(params ManifestEntry[] entries) =>
        JsonSerializer.Serialize(new CorpusManifest { Documents = [.. entries] }, QdrantManifestJson.Default.CorpusManifest) + "\n";

    private static ManifestEntry Entry(string file, string? title = null, string? outlet = null) => new(file, title, outlet, null, null, null);

    [Fact]
    public void Changes_made_on_one_version_apply_on_a_newer_one_without_undoing_its_changes()
    {
        var v1 = Corpus(Manifest(Entry("a.txt", "A"), Entry("b.txt", "B")), ("a.txt", "alpha"), ("b.txt", "beta"));
        var copy = new QdrantWorkingCopy(_folder);
        copy.Attach("v1", v1);

        // This writer adds c.txt with metadata and retitles a.txt...
        copy.Write("c.txt", Encoding.UTF8.GetBytes("gamma"));
        var before = copy.ReadManifest();
        copy.PatchManifest(before, Manifest(Entry("a.txt", "A, retitled"), Entry("b.txt", "B"), Entry("c.txt", "C")));
        // ...while another published v2: b.txt rewritten and given an outlet, d.txt added.
        var v2 = Corpus(Manifest(Entry("a.txt", "A"), Entry("b.txt", "B", "Outlet"), Entry("d.txt", "D")), ("a.txt", "alpha"), ("b.txt", "beta 2"), ("d.txt", "delta"));

        var merged = copy.View(v2);

        Assert.Equal(["a.txt", "b.txt", "c.txt", "d.txt"], merged.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("beta 2", Encoding.UTF8.GetString(merged.Files["b.txt"]));
        var entries = JsonSerializer.Deserialize(merged.Manifest!, QdrantManifestJson.Default.CorpusManifest)!.Documents;
        Assert.Equal([Entry("a.txt", "A, retitled"), Entry("b.txt", "B", "Outlet"), Entry("c.txt", "C"), Entry("d.txt", "D")], entries);
        Assert.False(QdrantWorkingCopy.SameContent(merged, v2));
    }

    [Fact]
    public void A_rolled_back_change_leaves_nothing_to_publish()
    {
        var v1 = Corpus(Manifest(Entry("a.txt", "A")), ("a.txt", "alpha"));
        var copy = new QdrantWorkingCopy(_folder);
        copy.Attach("v1", v1);
        var manifestBefore = copy.ReadManifest();
        var manifestAfter = Manifest(Entry("a.txt", "A2"));

        // What the journal does: apply, then (the publication failed) undo with what it backed up.
        copy.Write("a.txt", Encoding.UTF8.GetBytes("alpha 2"));
        copy.Write("n.txt", Encoding.UTF8.GetBytes("new"));
        copy.PatchManifest(manifestBefore, manifestAfter);
        Assert.True(copy.HasChanges);
        copy.Write("a.txt", Encoding.UTF8.GetBytes("alpha"));
        copy.Delete("n.txt");
        copy.PatchManifest(manifestAfter, manifestBefore);

        Assert.False(copy.HasChanges);
        // So a newer version is published as it is, nothing of it undone.
        var v2 = Corpus(Manifest(Entry("a.txt", "Z")), ("a.txt", "omega"));
        Assert.True(QdrantWorkingCopy.SameContent(copy.View(v2), v2));
    }

    [Fact]
    public void Pending_changes_survive_a_restart_until_they_are_published()
    {
        var v1 = Corpus(null, ("a.txt", "alpha"));
        var copy = new QdrantWorkingCopy(_folder);
        // A change recovered from the journal before the base is known (nothing read it yet).
        copy.Write("b.txt", Encoding.UTF8.GetBytes("beta"));
        copy.Delete("a.txt");

        var restarted = new QdrantWorkingCopy(_folder);
        Assert.True(restarted.HasChanges);
        restarted.Attach("v1", v1);
        Assert.Equal(["b.txt"], restarted.FileNames());
        Assert.Equal("beta", Encoding.UTF8.GetString(restarted.Read("b.txt")!));

        restarted.Published("v2", restarted.View(v1));
        Assert.False(new QdrantWorkingCopy(_folder).HasChanges);
        Assert.Equal(["pending.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Reading_before_the_base_is_known_is_a_programming_error()
    {
        var copy = new QdrantWorkingCopy(_folder);
        Assert.Throws<InvalidOperationException>(() => copy.FileNames());
    }
}
