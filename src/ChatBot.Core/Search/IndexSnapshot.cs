using ChatBot.Core.Corpus;

namespace ChatBot.Core.Search;

/// <summary>
/// The corpus and its indexes as loaded at one moment. Immutable: a re-index builds a new snapshot and
/// swaps it in, while requests in flight finish on this one.
/// </summary>
public sealed class IndexSnapshot : IIndexSnapshot, IDisposable
{
    private readonly Dictionary<string, CorpusDocument> _documents;
    private readonly Dictionary<string, Chunk> _chunks;
    private readonly Lazy<IReadOnlyDictionary<string, DocumentAnalysis>> _analysis;

    public IndexSnapshot(string corpusHash, IReadOnlyList<CorpusDocument> documents, IReadOnlyList<Chunk> chunks, LexicalIndex lexical, string? folder,
        IReadOnlyList<string>? warnings = null, string? version = null)
    {
        Warnings = warnings ?? [];
        Version = version;
        CorpusHash = corpusHash;
        Documents = documents;
        Chunks = chunks;
        Lexical = lexical;
        Folder = folder;
        _documents = documents.ToDictionary(d => d.Source, StringComparer.Ordinal);
        _chunks = chunks.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var counts = chunks.GroupBy(c => c.Source).ToDictionary(g => g.Key, g => g.Count());
        Sources = documents
            .Select(d => new SourceInfo(d.Source, d.Metadata, counts.GetValueOrDefault(d.Source), d.ContentHash, d.DuplicateOf))
            .ToList();
        _analysis = new(() => documents.ToDictionary(d => d.Source, d => DocumentAnalysis.Analyze(d), StringComparer.Ordinal));
        TermStats = new TermStatistics(chunks.Count, lexical.DocFrequency);
    }

    public string CorpusHash { get; }
    public IReadOnlyList<CorpusDocument> Documents { get; }
    public IReadOnlyList<Chunk> Chunks { get; }
    public IReadOnlyList<SourceInfo> Sources { get; }
    public LexicalIndex Lexical { get; }

    /// <summary>Files skipped when the corpus was read, and why.</summary>
    public IReadOnlyList<string> Warnings { get; }
    public TermStatistics TermStats { get; }

    /// <summary>The folder this snapshot's indexes live in (inside the data dir); null when they are held in memory (a shared corpus version).</summary>
    public string? Folder { get; }

    /// <summary>The published version this snapshot is (<see cref="ISharedCorpus"/>), or null for the data dir's own index.</summary>
    public string? Version { get; internal set; }

    /// <summary>Per-version vectors the index legs computed or loaded beside the chunk vectors (e.g. sentence vectors).</summary>
    public IndexArtifacts Artifacts { get; } = new();

    public CorpusDocument? FindDocument(string source) => _documents.GetValueOrDefault(source);

    public Chunk? FindChunk(string id) => _chunks.GetValueOrDefault(id);

    /// <summary>Sentences, their terms and speakers, per document (computed once, on first use).</summary>
    public DocumentAnalysis Analysis(string source) => _analysis.Value[source];

    /// <summary>
    /// One embedding per unit of every document, from the dense leg (null without one). Attached once,
    /// before the snapshot is handed to readers.
    /// </summary>
    public Hybrid.SentenceVectors? SentenceVectors { get; private set; }

    public void AttachSentenceVectors(Hybrid.SentenceVectors vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.CorpusHash != CorpusHash) throw new ArgumentException("The sentence vectors belong to another corpus version.", nameof(vectors));
        SentenceVectors = vectors;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Lazy<object>> _derived = new();

    /// <summary>
    /// Something computed from this snapshot once, on first use, and kept as long as it lives (e.g. the
    /// corpus vocabulary for spelling correction); one instance per type.
    /// </summary>
    public T Derived<T>(Func<IndexSnapshot, T> create) where T : class =>
        (T)_derived.GetOrAdd(typeof(T), _ => new Lazy<object>(() => create(this))).Value;

    public void Dispose() => Lexical.Dispose();
}

/// <summary>Inverse document frequency over chunks, with a cache (terms repeat across questions).</summary>
public sealed class TermStatistics(int chunkCount, Func<string, int> docFrequency)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, double> _idf = new(StringComparer.Ordinal);

    public int ChunkCount { get; } = chunkCount;

    public int DocFrequency(string term) => docFrequency(term);

    /// <summary>BM25-style idf; a term the corpus never uses gets the highest value.</summary>
    public double Idf(string term) => _idf.GetOrAdd(term, t =>
    {
        var df = docFrequency(t);
        return Math.Log(1 + (ChunkCount - df + 0.5) / (df + 0.5));
    });
}
