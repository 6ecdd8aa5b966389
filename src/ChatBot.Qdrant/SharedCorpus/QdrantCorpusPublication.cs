using System.Security.Cryptography;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;

namespace ChatBot.Qdrant;

/// <summary>
/// One attempt at publishing a corpus version to Qdrant, on top of the head it began with:
/// <list type="number">
/// <item>a new collection <c>&lt;alias&gt;_&lt;corpus hash&gt;-&lt;random&gt;</c> (unique: no two writers, and no
/// writer and a pruner, ever share one) with the dense vector and one named vector per artifact;</item>
/// <item>the build point, the documents (with their original bytes), the chunks (with the vectors the dense
/// leg produced), the artifacts, and last the manifest, all with wait=true;</item>
/// <item>the count of every kind checked against the manifest;</item>
/// <item>one alias call: rename the head token to this version's (fails if another writer published since:
/// then this attempt's collection is dropped and the change is built again on theirs), point the token
/// and the alias at this version;</item>
/// <item>superseded versions older than Qdrant:RetainVersionsFor, and abandoned builds, are dropped.</item>
/// </list>
/// Killed or failed before step 4, it leaves the published version as it was.
/// </summary>
internal sealed partial class QdrantCorpusPublication : ICorpusPublication
{
    /// <summary>
    /// A build whose collection is this old and still not published was abandoned (its writer died): writing
    /// a version takes seconds (the embedding happens before its collection exists), so an hour is far beyond.
    /// </summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    /// <summary>Documents per upsert are bounded by size too: each carries its original file (up to 5 MB, base64).</summary>
    private const long MaxBatchBytes = 8 * 1024 * 1024;

    private readonly QdrantSharedCorpus _corpus;
    private readonly Head _head;
    private readonly StagedVectors _staged = new();
    private CorpusFiles? _files;
    private EmbeddingReuse.Offering? _offer;
    private IDisposable? _staging;
    private bool _committed;

    public QdrantCorpusPublication(QdrantSharedCorpus corpus, Head head, CorpusFiles? files, bool hasChanges)
    {
        _corpus = corpus;
        _head = head;
        _files = files;
        HasChanges = hasChanges;
    }

    public string? BaseVersion => _head.Version;

    public bool HasChanges { get; }

    private CorpusFiles Files => _files ?? throw new InvalidOperationException("PrepareAsync comes before CommitAsync.");

    /// <summary>The files to build, the head's vectors offered for reuse, and the dense leg's vectors staged here from now on.</summary>
    public async Task<CorpusFiles> PrepareAsync(CancellationToken cancellationToken)
    {
        if (_staging is not null) return Files;
        (_files, _offer) = await _corpus.PrepareAsync(_head, _files, cancellationToken);
        _staging = _corpus.Vectors.BeginStaging(_staged);
        return _files;
    }

    private global::Qdrant.Client.QdrantClient Client => _corpus.Connection.Client;

    private QdrantOptions Options => _corpus.Options;

    public async Task<string?> CommitAsync(IndexSnapshot snapshot, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _ = Files;
        var alias = _corpus.Alias;
        var collections = await _corpus.Call("ListCollections", alias, () => Client.ListCollectionsAsync(cancellationToken));
        if (collections.Contains(alias))
        {
            throw _corpus.Error(
                $"Qdrant at {_corpus.Connection.Where} has a collection named '{alias}', but ChatBot publishes through an alias of that name; delete that collection or set Qdrant:Collection to another name.", alias);
        }

        var target = $"{alias}_{snapshot.CorpusHash[..12]}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var artifacts = snapshot.Artifacts.All;
        var modelId = _corpus.Model?.ModelId ?? "unknown";
        var dimensions = _staged.Dimensions ?? _corpus.Model?.Dimensions ?? 1;
        var manifest = new VersionManifest(
            Version: target,
            Parent: _head.Target,
            IndexName: _staged.IndexName ?? $"{snapshot.CorpusHash[..16]}-{modelId}",
            CorpusHash: snapshot.CorpusHash,
            Pipeline: CorpusLoader.PipelineVersion,
            Model: modelId,
            Dimensions: dimensions,
            Documents: snapshot.Documents.Count,
            Chunks: snapshot.Chunks.Count,
            Artifacts: artifacts.ToDictionary(a => a.Name, a => new ArtifactCount(a.Items.Count, a.Dimensions), StringComparer.Ordinal),
            PublishedAt: _corpus.Time.GetUtcNow(),
            PublishedBy: Writer,
            ManifestJson: Files.Manifest,
            Warnings: [.. snapshot.Warnings]);
        LogWriting(_corpus.Logger, target, snapshot.Documents.Count, snapshot.Chunks.Count, _head.Target ?? "nothing");

        try
        {
            await WriteAsync(target, snapshot, manifest, progress, cancellationToken);
        }
        catch
        {
            await DropAsync(target);
            throw;
        }
        cancellationToken.ThrowIfCancellationRequested();

        if (!await SwitchAsync(target, cancellationToken))
        {
            LogLostRace(_corpus.Logger, target, _head.Target ?? "nothing");
            await DropAsync(target);
            return null;
        }
        _committed = true;
        _corpus.Published(target, Files);
        if (manifest.Chunks > 0) _corpus.Vectors.MarkComplete(manifest.IndexName, target);
        LogPublished(_corpus.Logger, alias, target);
        await PruneAsync(target);
        return target;
    }

    public ValueTask DisposeAsync()
    {
        _staging?.Dispose();
        if (!_committed && _offer is not null) _corpus.Carry(_offer.Known);
        _offer?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Writer => $"{Environment.MachineName}:{Environment.ProcessId}";

    private async Task WriteAsync(string target, IndexSnapshot snapshot, VersionManifest manifest, IProgress<IndexProgress>? progress, CancellationToken ct)
    {
        var vectors = new VectorParamsMap { Map = { [QdrantPayload.DenseVector] = Cosine(manifest.Dimensions) } };
        // Artifacts by dot product: Qdrant keeps such vectors as given (cosine ones it normalises), so a leg
        // loads back exactly the vectors it computed.
        foreach (var artifact in snapshot.Artifacts.All)
            vectors.Map[QdrantCorpusLayout.ArtifactVector(artifact.Name)] = new VectorParams { Size = (ulong)artifact.Dimensions, Distance = Distance.Dot };
        await _corpus.Call("CreateCollection", target, () => Client.CreateCollectionAsync(target, vectors, cancellationToken: ct));
        foreach (var field in QdrantCorpusLayout.IndexedFields)
        {
            await _corpus.Call("CreateFieldIndex", target, () => Client.CreatePayloadIndexAsync(target, field, PayloadSchemaType.Keyword, wait: true, cancellationToken: ct));
        }

        var total = 2 + snapshot.Documents.Count + snapshot.Chunks.Count + snapshot.Artifacts.All.Sum(a => a.Items.Count);
        var done = 0;
        async Task Upsert(IReadOnlyList<PointStruct> points)
        {
            if (points.Count == 0) return;
            await _corpus.Call("Upsert", target, () => Client.UpsertAsync(target, points, wait: true, cancellationToken: ct));
            done += points.Count;
            progress?.Report(new IndexProgress("Publishing to Qdrant", done, total));
        }

        await Upsert([QdrantCorpusLayout.BuildPoint(_corpus.Time.GetUtcNow(), Writer)]);
        var batch = new List<PointStruct>();
        long bytes = 0;
        foreach (var document in snapshot.Documents)
        {
            var original = Files.Files.TryGetValue(document.Source, out var content)
                ? content
                : throw new InvalidOperationException($"The corpus file of document '{document.Source}' is missing from the publication.");
            if (batch.Count > 0 && (bytes + original.Length * 2 > MaxBatchBytes || batch.Count >= Options.UpsertBatchSize))
            {
                await Upsert(batch);
                batch = [];
                bytes = 0;
            }
            batch.Add(QdrantCorpusLayout.DocumentPoint(document, original));
            bytes += original.Length * 2 + document.Text.Length * 2;
        }
        await Upsert(batch);
        foreach (var chunks in snapshot.Chunks.Chunk(Options.UpsertBatchSize))
        {
            await Upsert([.. chunks.Select(c => QdrantCorpusLayout.ChunkPoint(c, _staged.ByChunkId.TryGetValue(c.Id, out var v) ? v : null))]);
        }
        foreach (var artifact in snapshot.Artifacts.All)
        {
            foreach (var items in artifact.Items.Chunk(Options.UpsertBatchSize))
                await Upsert([.. items.Select(i => QdrantCorpusLayout.ArtifactPoint(artifact.Name, i))]);
        }
        // Last: its presence says the version is complete.
        await Upsert([QdrantCorpusLayout.ManifestPoint(manifest)]);

        await ExpectAsync(target, QdrantCorpusLayout.KindIs(QdrantCorpusLayout.DocumentKind), manifest.Documents, "documents", ct);
        await ExpectAsync(target, QdrantCorpusLayout.KindIs(QdrantPayload.ChunkKind), manifest.Chunks, "chunks", ct);
        foreach (var (name, count) in manifest.Artifacts) await ExpectAsync(target, QdrantCorpusLayout.ArtifactIs(name), count.Count, $"'{name}' vectors", ct);
        await ExpectAsync(target, QdrantCorpusLayout.KindIs(QdrantCorpusLayout.ManifestKind), 1, "manifest points", ct);
    }

    private async Task ExpectAsync(string target, Filter filter, long expected, string what, CancellationToken ct)
    {
        var stored = await _corpus.Call("Count", target, () => Client.CountAsync(target, filter, exact: true, cancellationToken: ct));
        if ((long)stored != expected)
        {
            throw _corpus.Error($"Qdrant collection '{target}' holds {stored} {what} after writing {expected}; the alias '{_corpus.Alias}' was not moved.", target);
        }
    }

    /// <summary>
    /// The compare-and-swap: one alias call whose first action renames the head token this attempt began with.
    /// Qdrant runs the actions in order under its alias lock and stops at the first failure, so when another
    /// writer has moved the token, nothing changes and this returns false.
    /// </summary>
    private async Task<bool> SwitchAsync(string target, CancellationToken ct)
    {
        var token = QdrantCorpusLayout.HeadToken(target);
        List<AliasOperations> actions =
        [
            new() { RenameAlias = new RenameAlias { OldAliasName = _head.Token, NewAliasName = token } },
            new() { CreateAlias = new CreateAlias { AliasName = token, CollectionName = target } },
            new() { CreateAlias = new CreateAlias { AliasName = _corpus.Alias, CollectionName = target } },
        ];
        try
        {
            await Client.UpdateAliasesAsync(actions, cancellationToken: CancellationToken.None);
            return true;
        }
        catch (Exception e) when (QdrantErrors.IsNotFound(e))
        {
            // The token was gone (another writer published), unless the rename went through and a later
            // action failed: then this version holds the head, and the rest is done again.
            var aliases = await _corpus.Call("ListAliases", _corpus.Alias, () => Client.ListAliasesAsync(ct));
            if (!aliases.Any(a => a.AliasName == token)) return false;
            await _corpus.Call("UpdateAliases", _corpus.Alias, () => Client.UpdateAliasesAsync(actions.Skip(1).ToList(), cancellationToken: CancellationToken.None));
            return true;
        }
        catch (Exception e) when (QdrantErrors.IsQdrantFailure(e))
        {
            throw QdrantErrors.Wrap(e, _corpus.Connection.Where, "UpdateAliases", _corpus.Connection.Timeout, _corpus.Alias);
        }
    }

    /// <summary>Drops superseded versions past their grace period and abandoned builds; never fails the publication.</summary>
    private async Task PruneAsync(string current)
    {
        try
        {
            var prefix = _corpus.Alias + "_";
            var names = (await Client.ListCollectionsAsync()).Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !n.Contains("__", StringComparison.Ordinal)).ToList();
            var states = new Dictionary<string, (VersionManifest? Manifest, DateTimeOffset? Started)>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                try
                {
                    var points = await Client.RetrieveAsync(name, [QdrantCorpusLayout.ManifestId, QdrantCorpusLayout.BuildId], new WithPayloadSelector { Enable = true },
                        new WithVectorsSelector { Enable = false });
                    var manifest = points.FirstOrDefault(p => QdrantCorpusLayout.OptionalText(p.Payload, QdrantPayload.Kind) == QdrantCorpusLayout.ManifestKind);
                    var build = points.FirstOrDefault(p => QdrantCorpusLayout.OptionalText(p.Payload, QdrantPayload.Kind) == QdrantCorpusLayout.BuildKind);
                    states[name] = (manifest is null ? null : QdrantCorpusLayout.ToManifest(manifest.Payload), build is null ? null : QdrantCorpusLayout.StartedAtOf(build.Payload));
                }
                catch (Exception e) when (QdrantErrors.IsNotFound(e))
                {
                    // Dropped meanwhile by another writer's pruning.
                }
            }
            var aliases = await Client.ListAliasesAsync();
            var served = aliases.FirstOrDefault(a => a.AliasName == _corpus.Alias)?.CollectionName;
            // Published versions: the one served and every one a later version was built on. A version is
            // superseded when a published successor appeared (an unpublished build naming it as parent does not count).
            var published = states.Values.Select(s => s.Manifest?.Parent).OfType<string>().Append(served ?? current).ToHashSet(StringComparer.Ordinal);
            var superseded = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var (name, (manifest, _)) in states)
            {
                if (!published.Contains(name) || manifest?.Parent is not { } parent) continue;
                if (!superseded.TryGetValue(parent, out var at) || manifest.PublishedAt < at) superseded[parent] = manifest.PublishedAt;
            }
            var now = _corpus.Time.GetUtcNow();
            foreach (var (name, (manifest, started)) in states)
            {
                if (name == current || name == served) continue;
                var drop = superseded.TryGetValue(name, out var supersededAt)
                    ? now - supersededAt > Options.RetainVersionsFor
                    : started is { } at && now - at > AbandonedAfter; // written by ChatBot, never published, writer gone
                if (!drop) continue;
                await Client.DeleteCollectionAsync(name);
                LogDropped(_corpus.Logger, name, manifest is null ? "an abandoned build" : "superseded");
            }
        }
        catch (Exception e) when (QdrantErrors.IsQdrantFailure(e))
        {
            // Old versions cost disk, not correctness: the next publication tries again.
            LogPruneFailed(_corpus.Logger, e.Message);
        }
    }

    /// <summary>Drops this attempt's own collection (unique to it, so no one else uses it); a failure only leaves litter for pruning.</summary>
    private async Task DropAsync(string target)
    {
        try
        {
            await Client.DeleteCollectionAsync(target);
        }
        catch (Exception e) when (QdrantErrors.IsQdrantFailure(e))
        {
            LogPruneFailed(_corpus.Logger, e.Message);
        }
    }

    private static VectorParams Cosine(int size) => new() { Size = (ulong)size, Distance = Distance.Cosine };

    [LoggerMessage(Level = LogLevel.Information, Message = "Writing corpus version {Collection} ({Documents} documents, {Chunks} chunks) on {Base}")]
    private static partial void LogWriting(ILogger logger, string collection, int documents, int chunks, string @base);

    [LoggerMessage(Level = LogLevel.Information, Message = "Qdrant alias {Alias} now names corpus version {Collection}")]
    private static partial void LogPublished(ILogger logger, string alias, string collection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another writer published before {Collection} (built on {Base}); it was dropped")]
    private static partial void LogLostRace(ILogger logger, string collection, string @base);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped Qdrant collection {Collection} ({Why})")]
    private static partial void LogDropped(ILogger logger, string collection, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not drop an old Qdrant collection: {Reason}")]
    private static partial void LogPruneFailed(ILogger logger, string reason);
}
