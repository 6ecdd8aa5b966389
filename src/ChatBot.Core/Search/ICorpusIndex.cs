using ChatBot.Core.Corpus;

namespace ChatBot.Core.Search;

/// <summary>What the corpus holds, per file, for `sources` and the adapters' /sources.</summary>
public sealed record SourceInfo(string Source, DocumentMetadata Metadata, int Chunks, string ContentHash, string? DuplicateOf);

/// <summary>Progress of indexing work, for progress bars and logs.</summary>
public sealed record IndexProgress(string Stage, int Done, int Total);

/// <summary>The loaded corpus and its indexes at one moment; immutable, swapped whole on re-index.</summary>
public interface IIndexSnapshot
{
    string CorpusHash { get; }
    IReadOnlyList<CorpusDocument> Documents { get; }
    IReadOnlyList<Chunk> Chunks { get; }
    IReadOnlyList<SourceInfo> Sources { get; }
    CorpusDocument? FindDocument(string source);
}

/// <summary>Outcome of a (re)index.</summary>
public sealed record IndexResult(string CorpusHash, int Documents, int Chunks, bool Rebuilt, TimeSpan Elapsed);

/// <summary>
/// Owns the corpus indexes in the data dir: loads them, rebuilds them when the corpus changed,
/// and swaps a new snapshot in atomically so requests in flight keep the old one.
/// </summary>
public interface ICorpusIndex
{
    bool IsReady { get; }
    IIndexSnapshot Current { get; }
    Task<IIndexSnapshot> EnsureReadyAsync(IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default);
    Task<IndexResult> ReindexAsync(bool force = false, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default);
}
