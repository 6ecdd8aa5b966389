using System.Diagnostics;
using ChatBot.Core.Corpus;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Search;

/// <summary>
/// The shared corpus (<see cref="ISharedCorpus"/>): the corpus served is the published version, loaded
/// whole into memory (BM25 built from its chunks; vectors and artifacts come with it, nothing is
/// embedded); a re-index or a moderator's change publishes a new version built on the published one.
/// The corpus folder only seeds a store where nothing is published yet.
/// </summary>
public sealed partial class CorpusIndex
{
    /// <summary>A writer that keeps losing the race to publish gives up after this many attempts (each one lets another writer's change land).</summary>
    private const int MaxPublishAttempts = 20;

    private bool _folderWarned;

    /// <summary>
    /// When the store publishes a version other than the one served, loads it and swaps it in (requests in
    /// flight finish on the old one). Returns whether it switched. For <see cref="SharedCorpusFollower"/>.
    /// </summary>
    public async Task<bool> FollowPublishedAsync(CancellationToken cancellationToken = default)
    {
        if (shared is null || _current is not { } current) return false; // not loaded yet: the warm-up loads it
        var published = await shared.PublishedVersionAsync(cancellationToken);
        if (published is null || published == current.Version) return false;
        // A build in this process holds the gate and swaps in what it publishes: skip this round.
        if (!await _gate.WaitAsync(0, cancellationToken)) return false;
        try
        {
            if (_current?.Version == published) return false;
            var watch = Stopwatch.StartNew();
            var snapshot = await LoadSharedAsync(shared, published, cancellationToken);
            LogFollowed(logger, published, snapshot.Documents.Count, snapshot.Chunks.Count, watch.Elapsed.TotalMilliseconds);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Under the data dir's lock and the gate: publish what changed (or serve what is published).</summary>
    private async Task<IndexResult> ReindexSharedAsync(ISharedCorpus store, bool force, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        // An interrupted change is completed into the working copy first, so it is published below.
        foreach (var preparation in _preparations) await preparation.PrepareAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var publication = await store.BeginPublicationAsync(cancellationToken);
            if (publication.BaseVersion is { } published && !publication.HasChanges && !force)
            {
                await publication.DisposeAsync(); // before loading: nothing is being published
                var served = _current is { } current && current.Version == published ? current : await LoadSharedAsync(store, published, cancellationToken);
                WarnIfFolderDiffers(store, served);
                return new IndexResult(served.CorpusHash, served.Documents.Count, served.Chunks.Count, false, watch.Elapsed);
            }
            await using var publishing = publication;

            progress?.Report(new IndexProgress("Reading corpus", 0, 1));
            var corpus = LoadFiles(await publication.PrepareAsync(cancellationToken));
            progress?.Report(new IndexProgress("Reading corpus", 1, 1));
            var snapshot = new IndexSnapshot(corpus.CorpusHash, corpus.Documents, corpus.Chunks, LexicalIndex.InMemory(corpus.Chunks), null, corpus.Warnings);
            string? version;
            try
            {
                foreach (var leg in _legs) await leg.EnsureBuiltAsync(snapshot, force, progress, cancellationToken);
                version = await publication.CommitAsync(snapshot, progress, cancellationToken);
            }
            catch
            {
                snapshot.Dispose();
                throw;
            }
            if (version is null)
            {
                snapshot.Dispose();
                if (attempt >= MaxPublishAttempts)
                    throw new InvalidOperationException($"Other writers published {attempt} times while this change was being built; try again.");
                LogRebasing(logger, store.Description);
                continue;
            }
            snapshot.Version = version;
            store.Serving(version);
            Swap(snapshot);
            LogPublished(logger, version, snapshot.Documents.Count, snapshot.Chunks.Count, publication.BaseVersion ?? "nothing", watch.Elapsed.TotalMilliseconds);
            return new IndexResult(snapshot.CorpusHash, snapshot.Documents.Count, snapshot.Chunks.Count, true, watch.Elapsed);
        }
    }

    /// <summary>Loads a published version, lets the legs find what they need in it (nothing is published from here), and swaps it in.</summary>
    private async Task<IndexSnapshot> LoadSharedAsync(ISharedCorpus store, string version, CancellationToken cancellationToken)
    {
        var published = await store.LoadAsync(version, cancellationToken);
        var snapshot = new IndexSnapshot(published.CorpusHash, published.Documents, published.Chunks, LexicalIndex.InMemory(published.Chunks), null,
            published.Warnings, published.Version);
        try
        {
            foreach (var artifact in published.Artifacts) snapshot.Artifacts.Set(artifact);
            // A version is complete when published, so a leg finds its vectors there; one that finds its
            // artifact missing (a version published by an older release) computes it in memory.
            foreach (var leg in _legs) await leg.EnsureBuiltAsync(snapshot, false, null, cancellationToken);
        }
        catch
        {
            snapshot.Dispose();
            throw;
        }
        if (published.Pipeline != CorpusLoader.PipelineVersion)
            LogOtherPipeline(logger, version, published.Pipeline, CorpusLoader.PipelineVersion);
        store.Serving(version);
        Swap(snapshot);
        return snapshot;
    }

    /// <summary>The working copy's files, read by the loader from a scratch folder (swept if a crash leaves it).</summary>
    private LoadedCorpus LoadFiles(CorpusFiles files)
    {
        Directory.CreateDirectory(IndexRoot);
        var temp = Path.Combine(IndexRoot, $"{BuildingPrefix}{Guid.NewGuid():N}");
        try
        {
            files.WriteTo(temp);
            return loader.Load(temp);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>Once per process: the local corpus folder is not what is served, which an operator editing it would not expect.</summary>
    private void WarnIfFolderDiffers(ISharedCorpus store, IndexSnapshot served)
    {
        if (_folderWarned || !Directory.Exists(CorpusDir)) return;
        _folderWarned = true;
        if (CorpusLoader.ComputeHash(CorpusDir) != served.CorpusHash) LogFolderDiffers(logger, CorpusDir, served.Version ?? "?", store.Description);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published corpus version {Version}: {Documents} documents, {Chunks} chunks (on {Base}, in {Ms:0} ms)")]
    private static partial void LogPublished(ILogger logger, string version, int documents, int chunks, string @base, double ms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Now serving corpus version {Version}: {Documents} documents, {Chunks} chunks (loaded in {Ms:0} ms)")]
    private static partial void LogFollowed(ILogger logger, string version, int documents, int chunks, double ms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another writer published to {Store} first; building this change again on their version")]
    private static partial void LogRebasing(ILogger logger, string store);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Corpus version {Version} was built by {Pipeline}; this instance runs {Current}. Serving it as published; `chatbot index --force` rebuilds it.")]
    private static partial void LogOtherPipeline(ILogger logger, string version, string pipeline, string current);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The corpus folder {Folder} differs from the shared corpus ({Version}, {Store}), which is what is served; the folder only seeds an empty store. Change the shared corpus with `chatbot corpus add|remove|set-meta` or the moderator routes.")]
    private static partial void LogFolderDiffers(ILogger logger, string folder, string version, string store);
}
