using ChatBot.Core.Corpus;

namespace ChatBot.Core.Search;

/// <summary>
/// A corpus published as versions in a store every instance reads (the Qdrant provider registers one).
/// With it, <see cref="CorpusIndex"/> serves the published version instead of its own corpus folder:
/// it loads a version whole (documents, chunks, artifacts; BM25 is built in memory, nothing is
/// embedded), follows newer versions (<see cref="SharedCorpusFollower"/>), and publishes a change as a
/// new version built on the one published, so every instance serves every instance's changes.
/// </summary>
public interface ISharedCorpus
{
    /// <summary>Where the versions live, for logs ("Qdrant alias 'chatbot' at http://qdrant:6334").</summary>
    string Description { get; }

    /// <summary>The version published now, or null when none is. Cheap: followers call it every few seconds.</summary>
    Task<string?> PublishedVersionAsync(CancellationToken cancellationToken);

    /// <summary>A published version as a replica serves it.</summary>
    /// <exception cref="Microsoft.Extensions.VectorData.VectorStoreException">It cannot be read, is incomplete, or was embedded with another model.</exception>
    Task<PublishedCorpus> LoadAsync(string version, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a publication: the published version it builds on and the corpus files to build (that
    /// version's files with this instance's pending changes applied). Dispose it when done.
    /// </summary>
    Task<ICorpusPublication> BeginPublicationAsync(CancellationToken cancellationToken);

    /// <summary>This instance now answers from <paramref name="version"/> (e.g. its dense searches go there).</summary>
    void Serving(string version);
}

/// <summary>One attempt at publishing a new version on top of <see cref="BaseVersion"/>.</summary>
public interface ICorpusPublication : IAsyncDisposable
{
    /// <summary>The published version this one builds on; null when nothing is published yet.</summary>
    string? BaseVersion { get; }

    /// <summary>Whether this instance has changes the base version lacks (always true without a base).</summary>
    bool HasChanges { get; }

    /// <summary>
    /// The corpus to build the new version from (the base's files with the changes applied). Call it before
    /// building: from then on the build may reuse what the base holds (e.g. its vectors).
    /// </summary>
    Task<CorpusFiles> PrepareAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the version built from the prepared files (<paramref name="snapshot"/>: its documents, chunks,
    /// the vectors the index legs produced and its artifacts), checks it is complete, and makes it the
    /// published one only if no other writer published since <see cref="BaseVersion"/>.
    /// </summary>
    /// <returns>The new version; null when another writer published first (build again on theirs: nothing is lost).</returns>
    Task<string?> CommitAsync(IndexSnapshot snapshot, IProgress<IndexProgress>? progress, CancellationToken cancellationToken);
}

/// <summary>A published version's contents, as <see cref="ISharedCorpus.LoadAsync"/> reads them.</summary>
/// <param name="Pipeline">The corpus pipeline (<see cref="CorpusLoader.PipelineVersion"/>) that built it.</param>
public sealed record PublishedCorpus(
    string Version,
    string CorpusHash,
    string Pipeline,
    IReadOnlyList<CorpusDocument> Documents,
    IReadOnlyList<Chunk> Chunks,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<VectorArtifact> Artifacts);

/// <summary>
/// A corpus as its files: the original bytes by plain file name, and the text of manifest.json (null:
/// none). What a writer builds a version from, written to a folder for <see cref="CorpusLoader"/>.
/// </summary>
public sealed record CorpusFiles(IReadOnlyDictionary<string, byte[]> Files, string? Manifest)
{
    /// <summary>Writes the files and the manifest into <paramref name="folder"/> (created; expected empty).</summary>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, content) in Files)
        {
            if (name != Path.GetFileName(name) || name.StartsWith('.')) throw new CorpusException($"'{name}' is not a plain file name.");
            File.WriteAllBytes(Path.Combine(folder, name), content);
        }
        if (Manifest is not null) File.WriteAllText(Path.Combine(folder, CorpusManifest.FileName), Manifest);
    }

    /// <summary>The corpus files and manifest of a folder (an absent folder is an empty corpus).</summary>
    public static CorpusFiles ReadFrom(string folder)
    {
        if (!Directory.Exists(folder)) return new CorpusFiles(new Dictionary<string, byte[]>(StringComparer.Ordinal), null);
        var files = CorpusLoader.ListFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
        var manifest = Path.Combine(folder, CorpusManifest.FileName);
        return new CorpusFiles(files, File.Exists(manifest) ? File.ReadAllText(manifest) : null);
    }
}
