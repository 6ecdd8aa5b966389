using System.Security.Cryptography;
using System.Text;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;

namespace ChatBot.Hosting.Tests.Support;

/// <summary>
/// A small real ICorpusIndex over the corpus files (paragraph chunks, no persistence), standing in
/// for the engine's index in tests of the HTTP layer. <see cref="LoadGate"/> lets a test hold the
/// start-up load to watch /readyz; <see cref="ReindexCalls"/> counts re-indexes.
/// </summary>
public sealed class StandInCorpusIndex(string corpusDir) : ICorpusIndex
{
    private volatile Snapshot? _current;
    private int _reindexCalls;

    /// <summary>When set, EnsureReadyAsync waits for it before loading.</summary>
    public TaskCompletionSource? LoadGate { get; init; }

    /// <summary>When set, ReindexAsync waits for it after counting the call.</summary>
    public TaskCompletionSource? ReindexGate { get; set; }

    public int ReindexCalls => Volatile.Read(ref _reindexCalls);

    /// <summary>Completes when the first re-index has been counted (and is waiting at <see cref="ReindexGate"/>, if set).</summary>
    public TaskCompletionSource FirstReindex { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _current is not null;

    public IIndexSnapshot Current => _current ?? throw new InvalidOperationException("The index is not loaded yet.");

    public async Task<IIndexSnapshot> EnsureReadyAsync(IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (_current is { } loaded) return loaded;
        if (LoadGate is not null) await LoadGate.Task.WaitAsync(cancellationToken);
        var snapshot = Load(corpusDir);
        progress?.Report(new IndexProgress("load", snapshot.Documents.Count, snapshot.Documents.Count));
        _current = snapshot;
        return snapshot;
    }

    public async Task<IndexResult> ReindexAsync(bool force = false, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reindexCalls);
        FirstReindex.TrySetResult();
        if (ReindexGate is { } gate) await gate.Task.WaitAsync(cancellationToken);
        var started = DateTime.UtcNow;
        var previous = _current;
        var snapshot = Load(corpusDir);
        _current = snapshot; // swapped whole: readers holding the old snapshot keep it
        var rebuilt = force || previous?.CorpusHash != snapshot.CorpusHash;
        return new IndexResult(snapshot.CorpusHash, snapshot.Documents.Count, snapshot.Chunks.Count, rebuilt, DateTime.UtcNow - started);
    }

    private static Snapshot Load(string dir)
    {
        var documents = new List<CorpusDocument>();
        var chunks = new List<Chunk>();
        foreach (var path in Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal))
        {
            var source = Path.GetFileName(path);
            var text = File.ReadAllText(path).Replace("\r\n", "\n");
            var title = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? source;
            documents.Add(new CorpusDocument(source, new DocumentMetadata(title, Outlet: "Test outlet"), text, Hash(text)));
            var ordinal = 0;
            var start = 0;
            foreach (var paragraph in text.Split("\n\n"))
            {
                var trimmed = paragraph.Trim();
                if (trimmed.Length >= 40)
                {
                    chunks.Add(new Chunk($"{source}#{ordinal}", source, ordinal, trimmed, text.IndexOf(trimmed, start, StringComparison.Ordinal), trimmed.Length));
                    ordinal++;
                }
                start += paragraph.Length + 2;
            }
        }
        return new Snapshot(documents, chunks);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private sealed class Snapshot : IIndexSnapshot
    {
        public Snapshot(List<CorpusDocument> documents, List<Chunk> chunks)
        {
            Documents = documents;
            Chunks = chunks;
            Sources = documents.Select(d => new SourceInfo(d.Source, d.Metadata, chunks.Count(c => c.Source == d.Source), d.ContentHash, null)).ToList();
            CorpusHash = Hash(string.Join("|", documents.Select(d => d.ContentHash)));
        }

        public string CorpusHash { get; }
        public IReadOnlyList<CorpusDocument> Documents { get; }
        public IReadOnlyList<Chunk> Chunks { get; }
        public IReadOnlyList<SourceInfo> Sources { get; }
        public CorpusDocument? FindDocument(string source) => Documents.FirstOrDefault(d => d.Source == source);
    }
}
