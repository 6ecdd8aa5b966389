using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Corpus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Search;

/// <summary>
/// Keeps the corpus indexes in the data dir, one folder per corpus hash: built into a temporary folder
/// and renamed into place when complete (a crash mid-build leaves the last good index), reused while
/// the corpus is unchanged, rebuilt when it changes. Readers always get a whole snapshot.
/// </summary>
public sealed class CorpusIndex(IOptions<ChatBotOptions> options, CorpusLoader loader, IEnumerable<IIndexLeg> legs, ILogger<CorpusIndex> logger) : ICorpusIndex, IDisposable
{
    private const string CorpusFile = "corpus.json";
    private const string LuceneFolder = "lucene";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IReadOnlyList<IIndexLeg> _legs = legs.ToList();
    private volatile IndexSnapshot? _current;

    public bool IsReady => _current is not null;

    public IIndexSnapshot Current => Snapshot;

    public IndexSnapshot Snapshot => _current ?? throw new InvalidOperationException("The index is not loaded yet.");

    public string IndexRoot => Path.Combine(Path.GetFullPath(options.Value.DataDir), "index");

    public string CorpusDir => Path.GetFullPath(options.Value.CorpusDir);

    async Task<IIndexSnapshot> ICorpusIndex.EnsureReadyAsync(IProgress<IndexProgress>? progress, CancellationToken cancellationToken) =>
        await EnsureReadyAsync(progress, cancellationToken);

    public async Task<IndexSnapshot> EnsureReadyAsync(IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (_current is { } ready) return ready;
        await ReindexAsync(false, progress, cancellationToken);
        return Snapshot;
    }

    public async Task<IndexResult> ReindexAsync(bool force = false, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var watch = Stopwatch.StartNew();
            var hash = CorpusLoader.ComputeHash(CorpusDir);
            if (!force && _current is { } cur && cur.CorpusHash == hash && await LegsReadyAsync(cur, cancellationToken))
                return new IndexResult(hash, cur.Documents.Count, cur.Chunks.Count, false, watch.Elapsed);

            var folder = Path.Combine(IndexRoot, hash[..16]);
            var rebuilt = false;
            if (force || !File.Exists(Path.Combine(folder, CorpusFile)))
            {
                progress?.Report(new IndexProgress("Reading corpus", 0, 1));
                var corpus = loader.Load(CorpusDir);
                progress?.Report(new IndexProgress("Reading corpus", 1, 1));
                BuildFolder(folder, corpus, progress);
                rebuilt = true;
            }
            var snapshot = Open(folder);
            foreach (var leg in _legs) await leg.EnsureBuiltAsync(snapshot, force || rebuilt, progress, cancellationToken);
            Swap(snapshot);
            PruneOldFolders(folder);
            logger.LogInformation("Index {Hash} ready: {Documents} documents, {Chunks} chunks ({Action} in {Ms:0} ms)",
                hash[..12], snapshot.Documents.Count, snapshot.Chunks.Count, rebuilt ? "built" : "loaded", watch.Elapsed.TotalMilliseconds);
            return new IndexResult(hash, snapshot.Documents.Count, snapshot.Chunks.Count, rebuilt, watch.Elapsed);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> LegsReadyAsync(IndexSnapshot snapshot, CancellationToken ct)
    {
        foreach (var leg in _legs) if (!await leg.IsBuiltAsync(snapshot, ct)) return false;
        return true;
    }

    private void BuildFolder(string folder, LoadedCorpus corpus, IProgress<IndexProgress>? progress)
    {
        Directory.CreateDirectory(IndexRoot);
        var temp = Path.Combine(IndexRoot, $".building-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temp);
            progress?.Report(new IndexProgress("Building BM25 index", 0, corpus.Chunks.Count));
            LexicalIndex.Build(Path.Combine(temp, LuceneFolder), corpus.Chunks);
            progress?.Report(new IndexProgress("Building BM25 index", corpus.Chunks.Count, corpus.Chunks.Count));
            var stored = new StoredCorpus(corpus.CorpusHash, corpus.Documents.ToList(), corpus.Chunks.ToList(), corpus.Warnings.ToList());
            // corpus.json is written last: its presence marks a complete index.
            AtomicFile.WriteAllText(Path.Combine(temp, CorpusFile), JsonSerializer.Serialize(stored, IndexJsonContext.Default.StoredCorpus));
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.Move(temp, folder);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    private static IndexSnapshot Open(string folder)
    {
        var stored = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, CorpusFile)), IndexJsonContext.Default.StoredCorpus)
                     ?? throw new InvalidDataException($"{folder}/{CorpusFile} is empty.");
        return new IndexSnapshot(stored.CorpusHash, stored.Documents, stored.Chunks, LexicalIndex.Open(Path.Combine(folder, LuceneFolder)), folder, stored.Warnings);
    }

    private void Swap(IndexSnapshot snapshot)
    {
        var old = _current;
        _current = snapshot;
        // Requests in flight may still read the old snapshot: release it after they have surely finished.
        if (old is not null && !ReferenceEquals(old, snapshot))
            _ = Task.Delay(TimeSpan.FromMinutes(2)).ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
    }

    private void PruneOldFolders(string keep)
    {
        foreach (var dir in Directory.EnumerateDirectories(IndexRoot))
        {
            var name = Path.GetFileName(dir);
            if (dir == keep || name.StartsWith(".building-", StringComparison.Ordinal)) continue;
            if (name.Length != 16) continue;
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException ex) { logger.LogDebug(ex, "Could not remove old index {Dir} yet", dir); }
            catch (UnauthorizedAccessException ex) { logger.LogDebug(ex, "Could not remove old index {Dir} yet", dir); }
        }
    }

    public void Dispose()
    {
        _current?.Dispose();
        _gate.Dispose();
    }
}

/// <summary>An extra index built beside BM25 from the same snapshot (e.g. the dense vectors).</summary>
public interface IIndexLeg
{
    Task<bool> IsBuiltAsync(IndexSnapshot snapshot, CancellationToken cancellationToken);
    Task EnsureBuiltAsync(IndexSnapshot snapshot, bool force, IProgress<IndexProgress>? progress, CancellationToken cancellationToken);
}

internal sealed record StoredCorpus(string CorpusHash, List<CorpusDocument> Documents, List<Chunk> Chunks, List<string> Warnings);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StoredCorpus))]
internal sealed partial class IndexJsonContext : JsonSerializerContext;
