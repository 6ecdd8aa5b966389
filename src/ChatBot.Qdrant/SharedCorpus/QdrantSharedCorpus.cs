using ChatBot.Core;
using ChatBot.Core.Corpus;
using ChatBot.Core.Embeddings;
using ChatBot.Core.Moderation;
using ChatBot.Core.Search;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;

namespace ChatBot.Qdrant;

/// <summary>
/// The shared corpus in Qdrant: every version a collection (<see cref="QdrantCorpusLayout"/>), the alias
/// <c>&lt;Collection&gt;</c> naming the published one. It is what <see cref="CorpusIndex"/> serves and follows
/// (<see cref="ISharedCorpus"/>) and, as <see cref="ICorpusStore"/>, what moderators change: a change
/// applies to the published version's files (<see cref="QdrantWorkingCopy"/>), and publishing it
/// (<see cref="QdrantCorpusPublication"/>) writes a new version and moves the alias only if no one else
/// published meanwhile; otherwise the change is built again on theirs. The alias is the single point of
/// publication, so two instances with two data dirs never lose each other's change.
/// </summary>
public sealed partial class QdrantSharedCorpus : ISharedCorpus, ICorpusStore
{
    /// <summary>Points per page when reading a version: payload only, so pages can be large.</summary>
    private const uint PageSize = 512;

    private readonly QdrantConnection _connection;
    private readonly QdrantChunkVectorIndex _vectors;
    private readonly QdrantOptions _options;
    private readonly ChatBotOptions _chatbot;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EmbeddingReuse? _reuse;
    private readonly IEmbeddingModelInfo? _model;
    private readonly Lazy<QdrantWorkingCopy> _copy;
    /// <summary>Vectors known from the last attempt that lost the race to publish, offered again to the next one.</summary>
    private IReadOnlyDictionary<string, ReadOnlyMemory<float>>? _carried;

    public QdrantSharedCorpus(QdrantConnection connection, QdrantChunkVectorIndex vectors, IOptions<QdrantOptions> options, IOptions<ChatBotOptions> chatbot,
        TimeProvider time, ILogger<QdrantSharedCorpus> logger, EmbeddingReuse? reuse = null, IEmbeddingModelInfo? model = null)
    {
        _connection = connection;
        _vectors = vectors;
        _options = options.Value;
        _chatbot = chatbot.Value;
        _time = time;
        _logger = logger;
        _reuse = reuse;
        _model = model;
        _copy = new(() => new QdrantWorkingCopy(Path.Combine(Path.GetFullPath(_chatbot.DataDir), "shared-corpus")));
    }

    public string Alias => _options.Collection;

    public string Description => $"Qdrant alias '{Alias}' at {_connection.Where}";

    internal QdrantConnection Connection => _connection;

    internal QdrantOptions Options => _options;

    internal TimeProvider Time => _time;

    internal ILogger Logger => _logger;

    internal QdrantChunkVectorIndex Vectors => _vectors;

    internal IEmbeddingModelInfo? Model => _model;

    private global::Qdrant.Client.QdrantClient Client => _connection.Client;

    private QdrantWorkingCopy Copy => _copy.Value;

    // ---- ISharedCorpus --------------------------------------------------------------------------

    public async Task<string?> PublishedVersionAsync(CancellationToken cancellationToken) =>
        (await Call("ListAliases", Alias, () => Client.ListAliasesAsync(cancellationToken))).FirstOrDefault(a => a.AliasName == Alias)?.CollectionName;

    public async Task<PublishedCorpus> LoadAsync(string version, CancellationToken cancellationToken)
    {
        var manifest = await ReadManifestAsync(version, cancellationToken)
                       ?? throw Error($"Qdrant collection '{version}' at {_connection.Where} is not a complete corpus version (it has no manifest point); publish one with `chatbot index`.", version);
        if (manifest.Chunks > 0 && _model is not null && manifest.Model != _model.ModelId)
        {
            throw Error($"Corpus version '{version}' in Qdrant at {_connection.Where} was embedded with {manifest.Model}, but this instance uses {_model.ModelId}; " +
                        "configure the same Embeddings on every instance, or publish the corpus again with this model (`chatbot index --force`).", version);
        }

        var documents = new List<CorpusDocument>();
        await foreach (var point in ScrollAsync(version, QdrantCorpusLayout.KindIs(QdrantCorpusLayout.DocumentKind),
                           new WithPayloadSelector { Exclude = new PayloadExcludeSelector { Fields = { QdrantCorpusLayout.Original } } }, null, cancellationToken))
            documents.Add(QdrantCorpusLayout.ToDocument(point.Payload));
        var chunks = new List<Chunk>();
        await foreach (var point in ScrollAsync(version, QdrantCorpusLayout.KindIs(QdrantPayload.ChunkKind), new WithPayloadSelector { Enable = true }, null,
                           cancellationToken))
            chunks.Add(QdrantCorpusLayout.ToChunk(point.Payload));
        var artifacts = new List<VectorArtifact>();
        foreach (var (name, expected) in manifest.Artifacts.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var items = new List<ArtifactVector>();
            var vectorName = QdrantCorpusLayout.ArtifactVector(name);
            await foreach (var point in ScrollAsync(version, QdrantCorpusLayout.ArtifactIs(name), new WithPayloadSelector { Enable = true },
                               new WithVectorsSelector { Include = new VectorsSelector { Names = { vectorName } } }, cancellationToken))
                items.Add(QdrantCorpusLayout.ToArtifactVector(name, point.Payload, point.Vectors));
            if (items.Count != expected.Count) throw Incomplete(version, $"artifact '{name}'", expected.Count, items.Count);
            artifacts.Add(new VectorArtifact(name, expected.Dimensions, [.. items.OrderBy(i => i.Key, StringComparer.Ordinal)]));
        }
        if (documents.Count != manifest.Documents) throw Incomplete(version, "documents", manifest.Documents, documents.Count);
        if (chunks.Count != manifest.Chunks) throw Incomplete(version, "chunks", manifest.Chunks, chunks.Count);

        // The order the corpus loader gives: documents by file name, each one's chunks in text order.
        documents.Sort((a, b) => string.CompareOrdinal(a.Source, b.Source));
        var rank = documents.Select((d, i) => (d.Source, i)).ToDictionary(x => x.Source, x => x.i, StringComparer.Ordinal);
        chunks.Sort((a, b) => rank.GetValueOrDefault(a.Source).CompareTo(rank.GetValueOrDefault(b.Source)) is var bySource && bySource != 0 ? bySource : a.Ordinal.CompareTo(b.Ordinal));
        if (manifest.Chunks > 0) _vectors.MarkComplete(manifest.IndexName, version);
        return new PublishedCorpus(version, manifest.CorpusHash, manifest.Pipeline, documents, chunks, manifest.Warnings, artifacts);
    }

    public async Task<ICorpusPublication> BeginPublicationAsync(CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(cancellationToken);
        if (head.Version is not null && !Copy.HasChanges) return new QdrantCorpusPublication(this, head, null, hasChanges: false);
        var headFiles = await FilesOfAsync(head.Version, cancellationToken);
        // The working copy keeps its base through a change (a rollback must undo against what it read); it is
        // attached here only when nothing attached it yet (a process that did not change anything first).
        if (Copy.Base is null) Copy.Attach(head.Version, headFiles);
        var files = Copy.View(headFiles);
        RefuseCaseOnlyTwins(files, headFiles);
        var hasChanges = head.Version is null || !QdrantWorkingCopy.SameContent(files, headFiles);
        return new QdrantCorpusPublication(this, head, files, hasChanges);
    }

    /// <summary>The files of the head with this instance's changes (null: none), and the head's vectors offered for reuse.</summary>
    internal async Task<(CorpusFiles Files, EmbeddingReuse.Offering? Offer)> PrepareAsync(Head head, CorpusFiles? files, CancellationToken cancellationToken)
    {
        files ??= Copy.View(await FilesOfAsync(head.Version, cancellationToken));
        var offer = _reuse?.Offer(await KnownVectorsAsync(head.Version, cancellationToken));
        return (files, offer);
    }

    public void Serving(string version) => _vectors.Serve(version);

    // ---- ICorpusStore: the working copy --------------------------------------------------------

    public IReadOnlyList<string> FileNames() => Copy.FileNames();

    public byte[]? Read(string fileName) => Copy.Read(fileName);

    public void Write(string fileName, byte[] content)
    {
        ValidateName(fileName);
        Copy.Write(fileName, content);
    }

    public void Delete(string fileName)
    {
        ValidateName(fileName);
        Copy.Delete(fileName);
    }

    public string? ReadManifest() => Copy.ReadManifest();

    public void WriteManifest(string? json) => Copy.PatchManifest(Copy.ReadManifest(), json);

    public void PatchManifest(string? before, string? after) => Copy.PatchManifest(before, after);

    /// <summary>Before a change reads the corpus: the working copy's base becomes the published version (its pending changes kept).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(cancellationToken);
        if (Copy.Base is not null && Copy.BaseVersion == head.Version && head.Version is not null) return;
        Copy.Attach(head.Version, await FilesOfAsync(head.Version, cancellationToken));
    }

    // ---- for the publication ---------------------------------------------------------------------

    /// <summary>A publication made <paramref name="version"/> from <paramref name="files"/>.</summary>
    internal void Published(string version, CorpusFiles files)
    {
        _carried = null;
        Copy.Published(version, files);
    }

    /// <summary>A publication lost the race: what it knew is offered to the next attempt.</summary>
    internal void Carry(IReadOnlyDictionary<string, ReadOnlyMemory<float>>? known) => _carried = known;

    /// <summary>
    /// The alias's target and the head token to publish over. A missing token (nothing ever published, a
    /// store from before versions, tokens removed by hand) is created for the state found.
    /// </summary>
    internal async Task<Head> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var aliases = await Call("ListAliases", Alias, () => Client.ListAliasesAsync(cancellationToken));
        var target = aliases.FirstOrDefault(a => a.AliasName == Alias)?.CollectionName;
        var anchor = target ?? Alias + QdrantCorpusLayout.EmptySuffix;
        var token = QdrantCorpusLayout.HeadToken(anchor);
        var tokens = aliases.Where(a => a.AliasName.StartsWith(Alias + "_", StringComparison.Ordinal) && a.AliasName.EndsWith(QdrantCorpusLayout.HeadSuffix, StringComparison.Ordinal))
            .Select(a => a.AliasName).ToList();
        var isVersion = target is not null && await ReadManifestAsync(target, cancellationToken) is not null;
        if (tokens.Contains(token)) return new Head(isVersion ? target : null, target, token);

        if (target is null)
        {
            try
            {
                await Call("CreateCollection", anchor, () => Client.CreateCollectionAsync(anchor,
                    new VectorParamsMap { Map = { [QdrantPayload.DenseVector] = new VectorParams { Size = 1, Distance = Distance.Cosine } } },
                    cancellationToken: cancellationToken));
            }
            catch (VectorStoreException e) when (e.InnerException is { } inner && QdrantErrors.IsAlreadyExists(inner))
            {
                // Another writer made it first: the same empty collection.
            }
        }
        List<AliasOperations> repair = [new() { CreateAlias = new CreateAlias { AliasName = token, CollectionName = anchor } }];
        repair.AddRange(tokens.Select(stale => new AliasOperations { DeleteAlias = new DeleteAlias { AliasName = stale } }));
        await Call("UpdateAliases", Alias, () => Client.UpdateAliasesAsync(repair, cancellationToken: cancellationToken));
        LogTokenCreated(_logger, token);
        return new Head(isVersion ? target : null, target, token);
    }

    /// <summary>A version's manifest, or null when the collection has none (not complete, or not a version).</summary>
    internal async Task<VersionManifest?> ReadManifestAsync(string collection, CancellationToken cancellationToken)
    {
        var points = await Call("Get", collection, () => Client.RetrieveAsync(collection, [QdrantCorpusLayout.ManifestId], new WithPayloadSelector { Enable = true },
            new WithVectorsSelector { Enable = false }, cancellationToken: cancellationToken));
        return points.Count == 1 && QdrantCorpusLayout.OptionalText(points[0].Payload, QdrantPayload.Kind) == QdrantCorpusLayout.ManifestKind
            ? QdrantCorpusLayout.ToManifest(points[0].Payload)
            : null;
    }

    /// <summary>Every point of <paramref name="collection"/> matching <paramref name="filter"/>, page by page.</summary>
    internal async IAsyncEnumerable<RetrievedPoint> ScrollAsync(string collection, Filter filter, WithPayloadSelector payload, WithVectorsSelector? vectors,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        PointId? offset = null;
        do
        {
            var from = offset;
            var page = await Call("Scroll", collection, () => Client.ScrollAsync(collection, filter, PageSize, from, payload,
                vectors ?? new WithVectorsSelector { Enable = false }, cancellationToken: cancellationToken));
            foreach (var point in page.Result) yield return point;
            offset = page.NextPageOffset;
        }
        while (offset is not null);
    }

    internal async Task<T> Call<T>(string operation, string collection, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (QdrantErrors.IsQdrantFailure(e))
        {
            throw QdrantErrors.Wrap(e, _connection.Where, operation, _connection.Timeout, collection);
        }
    }

    internal Task Call(string operation, string collection, Func<Task> call) =>
        Call(operation, collection, async () =>
        {
            await call();
            return true;
        });

    internal VectorStoreException Error(string message, string? collection = null) =>
        new(message) { VectorStoreSystemName = QdrantErrors.SystemName, VectorStoreName = _connection.Where, CollectionName = collection };

    /// <summary>The files a version was built from (or the local corpus folder when nothing is published).</summary>
    private async Task<CorpusFiles> FilesOfAsync(string? version, CancellationToken cancellationToken)
    {
        if (version is null) return CorpusFiles.ReadFrom(Path.GetFullPath(_chatbot.CorpusDir));
        var manifest = await ReadManifestAsync(version, cancellationToken) ?? throw Error($"Corpus version '{version}' has no manifest.", version);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var point in ScrollAsync(version, QdrantCorpusLayout.KindIs(QdrantCorpusLayout.DocumentKind),
                           new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { QdrantPayload.Source, QdrantCorpusLayout.Original, QdrantCorpusLayout.OriginalSha256 } } },
                           null, cancellationToken))
        {
            var (name, content) = QdrantCorpusLayout.ToOriginal(point.Payload);
            files[name] = content;
        }
        return new CorpusFiles(files, manifest.ManifestJson);
    }

    /// <summary>Text → vector of what the version holds (passages and artifacts), when it was embedded by the model in use.</summary>
    private async Task<IEnumerable<KeyValuePair<string, ReadOnlyMemory<float>>>> KnownVectorsAsync(string? version, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, ReadOnlyMemory<float>>(_carried ?? new Dictionary<string, ReadOnlyMemory<float>>(), StringComparer.Ordinal);
        if (version is null || _model is null || await ReadManifestAsync(version, cancellationToken) is not { } manifest || manifest.Model != _model.ModelId) return known;
        await foreach (var point in ScrollAsync(version, QdrantCorpusLayout.KindIs(QdrantPayload.ChunkKind),
                           new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { QdrantPayload.Text } } },
                           new WithVectorsSelector { Include = new VectorsSelector { Names = { QdrantPayload.DenseVector } } }, cancellationToken))
        {
            var vector = QdrantPayload.DenseOf(point.Vectors);
            if (!vector.IsEmpty) known.TryAdd(QdrantCorpusLayout.Text(point.Payload, QdrantPayload.Text), vector);
        }
        foreach (var name in manifest.Artifacts.Keys)
        {
            await foreach (var point in ScrollAsync(version, QdrantCorpusLayout.ArtifactIs(name), new WithPayloadSelector { Enable = true },
                               new WithVectorsSelector { Include = new VectorsSelector { Names = { QdrantCorpusLayout.ArtifactVector(name) } } }, cancellationToken))
            {
                var item = QdrantCorpusLayout.ToArtifactVector(name, point.Payload, point.Vectors);
                known.TryAdd(item.Text, item.Vector);
            }
        }
        return known;
    }

    private static VectorStoreException Incomplete(string version, string what, long expected, long found) =>
        new($"Corpus version '{version}' in Qdrant is incomplete: its manifest counts {expected} {what}, the collection holds {found}.")
        {
            VectorStoreSystemName = QdrantErrors.SystemName, CollectionName = version,
        };

    /// <summary>
    /// A change applied on another writer's version may meet a name of theirs that differs only in case
    /// (`Case.txt` beside `case.txt`), which the moderation service refuses within one corpus: refused here too.
    /// </summary>
    private static void RefuseCaseOnlyTwins(CorpusFiles files, CorpusFiles head)
    {
        foreach (var twins in files.Files.Keys.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var theirs = twins.FirstOrDefault(head.Files.ContainsKey) ?? twins.First();
            var ours = twins.First(n => n != theirs);
            throw new CorpusException($"'{ours}' differs from the corpus file '{theirs}' (added meanwhile by another moderator) only in upper/lower case; names must differ by more than case. To replace it, upload it as '{theirs}'.");
        }
    }

    private static void ValidateName(string fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName != Path.GetFileName(fileName) || fileName.StartsWith('.'))
            throw new CorpusException($"'{fileName}' is not a plain file name.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the head token {Token} (nothing was published in this form yet, or the token was removed)")]
    private static partial void LogTokenCreated(ILogger logger, string token);
}

/// <summary>What is published: the version (null when none, or when the alias names a collection that is not a version), the alias's target, and the head token.</summary>
internal sealed record Head(string? Version, string? Target, string Token);
