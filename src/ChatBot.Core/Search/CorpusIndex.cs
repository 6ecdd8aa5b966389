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
/// Builds hold the data dir's lock (<see cref="DataDirLock"/>), so processes sharing a data dir (a CLI
/// beside `serve`) take turns; an index folder a process has open is marked in use and never pruned by
/// another; `.building-*` folders left by a killed build are removed under the lock.
/// With a shared corpus (<see cref="ISharedCorpus"/>, CorpusIndex.Shared.cs) the corpus is the published
/// version instead of the corpus folder, and the index is held in memory.
/// </summary>
public sealed partial class CorpusIndex(
    IOptions<ChatBotOptions> options,
    CorpusLoader loader,
    IEnumerable<IIndexLeg> legs,
    ILogger<CorpusIndex> logger,
    DataDirLock? dataLock = null,
    IEnumerable<ICorpusPreparation>? preparations = null,
    ISharedCorpus? shared = null) : ICorpusIndex, IDisposable
{
    private const string CorpusFile = "corpus.json";
    private const string LuceneFolder = "lucene";
    private const string BuildingPrefix = ".building-";
    /// <summary>Held open (shared) while a snapshot of the folder is in use; pruning needs it exclusively.</summary>
    private const string InUseFile = ".in-use";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IReadOnlyList<IIndexLeg> _legs = legs.ToList();
    private readonly IReadOnlyList<ICorpusPreparation> _preparations = preparations?.ToList() ?? [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IndexSnapshot, FileStream> _inUse = new(ReferenceEqualityComparer.Instance);
    private volatile IndexSnapshot? _current;
    private bool _swept;

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

    public Task<IndexResult> ReindexAsync(bool force = false, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default) =>
        // The data dir's lock first, then this index's gate: a corpus change holds the lock and then re-indexes.
        dataLock is null
            ? ReindexGatedAsync(force, progress, cancellationToken)
            : dataLock.RunExclusiveAsync(() => ReindexGatedAsync(force, progress, cancellationToken), cancellationToken);

    private async Task<IndexResult> ReindexGatedAsync(bool force, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_swept)
            {
                // Under the lock no other process is building: any .building-* folder is a killed build's.
                SweepAbandonedBuilds();
                _swept = true;
            }
            if (shared is not null) return await ReindexSharedAsync(shared, force, progress, cancellationToken);
            foreach (var preparation in _preparations) await preparation.PrepareAsync(cancellationToken);
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
            try
            {
                var loaded = snapshot.Artifacts.All.ToHashSet<VectorArtifact>(ReferenceEqualityComparer.Instance);
                foreach (var leg in _legs) await leg.EnsureBuiltAsync(snapshot, force || rebuilt, progress, cancellationToken);
                // What the legs computed is kept with the index, so the next start loads it.
                foreach (var artifact in snapshot.Artifacts.All.Where(a => !loaded.Contains(a))) ArtifactFiles.Save(folder, artifact);
            }
            catch
            {
                Release(snapshot);
                throw;
            }
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

    private void SweepAbandonedBuilds()
    {
        if (!Directory.Exists(IndexRoot)) return;
        foreach (var dir in Directory.EnumerateDirectories(IndexRoot, BuildingPrefix + "*"))
        {
            try
            {
                Directory.Delete(dir, recursive: true);
                logger.LogInformation("Removed {Folder}, left by an index build that did not finish", Path.GetFileName(dir));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Could not remove the abandoned index build {Folder}", dir);
            }
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
        var temp = Path.Combine(IndexRoot, $"{BuildingPrefix}{Guid.NewGuid():N}");
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

    private IndexSnapshot Open(string folder)
    {
        // Marked in use before anything is read, so a pruning process that got the folder's name cannot pull it away.
        var marker = new FileStream(Path.Combine(folder, InUseFile), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, CorpusFile)), IndexJsonContext.Default.StoredCorpus)
                         ?? throw new InvalidDataException($"{folder}/{CorpusFile} is empty.");
            var snapshot = new IndexSnapshot(stored.CorpusHash, stored.Documents, stored.Chunks, LexicalIndex.Open(Path.Combine(folder, LuceneFolder)), folder, stored.Warnings);
            foreach (var artifact in ArtifactFiles.Load(folder)) snapshot.Artifacts.Set(artifact);
            _inUse[snapshot] = marker;
            return snapshot;
        }
        catch
        {
            marker.Dispose();
            throw;
        }
    }

    private void Release(IndexSnapshot snapshot)
    {
        // A shared version's snapshot is in memory and marked nowhere; this disposes its BM25 index.
        snapshot.Dispose();
        if (_inUse.TryRemove(snapshot, out var marker)) marker.Dispose();
    }

    private void Swap(IndexSnapshot snapshot)
    {
        var old = _current;
        _current = snapshot;
        // Requests in flight may still read the old snapshot: release it after they have surely finished.
        if (old is not null && !ReferenceEquals(old, snapshot))
            _ = Task.Delay(TimeSpan.FromMinutes(2)).ContinueWith(_ => Release(old), TaskScheduler.Default);
    }

    private void PruneOldFolders(string keep)
    {
        foreach (var dir in Directory.EnumerateDirectories(IndexRoot))
        {
            var name = Path.GetFileName(dir);
            if (dir == keep || name.StartsWith(BuildingPrefix, StringComparison.Ordinal)) continue;
            if (name.Length != 16) continue;
            if (InUseElsewhere(dir)) continue;
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException ex) { logger.LogDebug(ex, "Could not remove old index {Dir} yet", dir); }
            catch (UnauthorizedAccessException ex) { logger.LogDebug(ex, "Could not remove old index {Dir} yet", dir); }
        }
    }

    /// <summary>
    /// Whether a snapshot of <paramref name="dir"/> is open, here or in another process sharing the data
    /// dir (e.g. `serve` while a CLI changes the corpus): the in-use marker cannot be locked exclusively.
    /// </summary>
    private static bool InUseElsewhere(string dir)
    {
        var marker = Path.Combine(dir, InUseFile);
        if (!File.Exists(marker)) return false;
        try
        {
            using var exclusive = new FileStream(marker, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        if (_current is { } current) Release(current);
        foreach (var marker in _inUse.Values) marker.Dispose();
        _gate.Dispose();
    }
}

/// <summary>
/// Work done under the data dir's lock before the index reads the corpus, e.g. completing a corpus
/// change that a crash interrupted, so a build never reads a half-made change.
/// </summary>
public interface ICorpusPreparation
{
    Task PrepareAsync(CancellationToken cancellationToken);
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
