using ChatBot.Core.Corpus;
using ChatBot.Core.Search;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Moderation;

/// <summary>
/// Where a corpus change is applied: the corpus's source of truth (the article files and their
/// manifest). Applying a change and publishing it (<see cref="ICorpusPublisher"/>) are separate steps,
/// so a provider can publish the corpus elsewhere (e.g. a search service's alias) without changing this.
/// </summary>
public interface ICorpusStore
{
    /// <summary>The names of the corpus files.</summary>
    IReadOnlyList<string> FileNames();

    /// <summary>The file's bytes, or null when there is no such file (exact name).</summary>
    byte[]? Read(string fileName);

    /// <summary>Writes the file whole (a crash leaves the old bytes or the new, never half).</summary>
    void Write(string fileName, byte[] content);

    void Delete(string fileName);

    /// <summary>The manifest as stored (JSON), or null when there is none.</summary>
    string? ReadManifest();

    /// <summary>Replaces the manifest whole; null removes it.</summary>
    void WriteManifest(string? json);

    /// <summary>
    /// Applies a change of the manifest from <paramref name="before"/> to <paramref name="after"/> (both
    /// whole manifests). A store that others change too (a shared corpus) applies only the entries that
    /// differ, so an entry another writer changed meanwhile is kept; the corpus folder just writes <paramref name="after"/>.
    /// </summary>
    void PatchManifest(string? before, string? after) => WriteManifest(after);

    /// <summary>
    /// Called under the data dir's lock before a change reads the store: a store that others change too
    /// (a shared corpus) catches up with what is published, so the change applies on top of it.
    /// </summary>
    Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Makes the corpus as it now stands the one questions are answered from.</summary>
public interface ICorpusPublisher
{
    Task<IndexResult> PublishAsync(bool force, CancellationToken cancellationToken);
}

/// <summary>The corpus folder (ChatBot:CorpusDir).</summary>
public sealed class FileCorpusStore(IOptions<ChatBotOptions> options) : ICorpusStore
{
    public string CorpusDir => Path.GetFullPath(options.Value.CorpusDir);

    public IReadOnlyList<string> FileNames() =>
        Directory.Exists(CorpusDir) ? CorpusLoader.ListFiles(CorpusDir).Select(f => Path.GetFileName(f)).ToList() : [];

    public byte[]? Read(string fileName)
    {
        var path = PathOf(fileName);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public void Write(string fileName, byte[] content) => AtomicFile.WriteAllBytes(PathOf(fileName), content);

    public void Delete(string fileName)
    {
        var path = PathOf(fileName);
        if (File.Exists(path)) File.Delete(path);
    }

    public string? ReadManifest()
    {
        var path = Path.Combine(CorpusDir, CorpusManifest.FileName);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public void WriteManifest(string? json)
    {
        var path = Path.Combine(CorpusDir, CorpusManifest.FileName);
        if (json is null) { if (File.Exists(path)) File.Delete(path); }
        else AtomicFile.WriteAllText(path, json);
    }

    /// <summary>Names reach here validated (plain names, no folders); this is the last guard all the same.</summary>
    private string PathOf(string fileName)
    {
        var path = Path.GetFullPath(Path.Combine(CorpusDir, fileName));
        if (!string.Equals(Path.GetDirectoryName(path), CorpusDir.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            throw new CorpusException($"'{fileName}' is not a plain file name.");
        return path;
    }
}

/// <summary>Publishes by re-indexing the data dir's index (the embedded default).</summary>
public sealed class IndexCorpusPublisher(ICorpusIndex index) : ICorpusPublisher
{
    public Task<IndexResult> PublishAsync(bool force, CancellationToken cancellationToken) =>
        index.ReindexAsync(force, null, cancellationToken);
}
