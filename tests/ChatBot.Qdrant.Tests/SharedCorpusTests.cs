using System.Text;
using ChatBot.Core.Corpus;
using ChatBot.Core.Embeddings;
using ChatBot.Core.Moderation;
using ChatBot.Core.Search;
using ChatBot.Testing.Fakes;
using Grpc.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;
using Xunit;

namespace ChatBot.Qdrant.Tests;

/// <summary>
/// The corpus published as versions in Qdrant, against the fake Qdrant over gRPC: what a version holds,
/// replicas that serve it without embedding anything, changes through any replica, two writers at once,
/// publications that die midway, and old versions' grace period.
/// </summary>
public sealed class SharedCorpusTests : IAsyncLifetime
{
    private SharedCorpusCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SharedCorpusCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private FakeQdrantServer Qdrant => _cluster.Qdrant;

    [Fact]
    public async Task The_first_index_publishes_the_seed_corpus_as_a_complete_version()
    {
        var a = _cluster.Start("a");
        var result = await a.Index.ReindexAsync();

        var version = Qdrant.Aliases["chatbot"];
        Assert.StartsWith("chatbot_" + result.CorpusHash[..12] + "-", version);
        Assert.Equal(version, a.Index.Snapshot.Version);
        Assert.Equal(version, a.Vectors.Serving);
        // The head token names the version; the empty collection it stood on before stays (tiny), nothing else.
        Assert.Equal(version, Qdrant.Aliases[version + "__head"]);
        Assert.Equal(new[] { "chatbot__empty", version }.Order(StringComparer.Ordinal), Qdrant.CollectionNames);

        // Every kind is there, and counted as the manifest says.
        var store = Qdrant.Store;
        Assert.Equal(3ul, store.Count(Count(version, "document")));
        Assert.Equal((ulong)result.Chunks, store.Count(Count(version, "chunk")));
        Assert.Equal(1ul, store.Count(Count(version, "manifest")));
        Assert.Equal(1ul, store.Count(Count(version, "build")));
        var manifest = Payload(version, QdrantCorpusLayout.ManifestId);
        Assert.Equal((3L, (long)result.Chunks), (manifest["documents"].IntegerValue, manifest["chunks"].IntegerValue));
        Assert.Equal(("openai:fake-embed:8", result.CorpusHash), (manifest["model"].StringValue, manifest["corpus_hash"].StringValue));
        Assert.Contains("Coast Daily", manifest["manifest_json"].StringValue);
        Assert.False(manifest.ContainsKey("parent")); // nothing was published before

        // A document carries its original bytes (any writer rebuilds from them), cleaned text and metadata.
        var document = Payload(version, QdrantCorpusLayout.DocumentId("a_harbour.txt"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_cluster.SeedCorpus, "a_harbour.txt")), Convert.FromBase64String(document["original"].StringValue));
        Assert.Equal(("The harbour opens", "Coast Daily"), (document["title"].StringValue, document["outlet"].StringValue));
        Assert.Contains("new harbour", document["text"].StringValue);

        // A chunk carries its vector and where it comes from.
        var chunk = a.Index.Snapshot.Chunks[0];
        var point = store.Get(new GetPoints
        {
            CollectionName = version, Ids = { ChunkVectorRecordKey(chunk.Id) }, WithPayload = new WithPayloadSelector { Enable = true },
            WithVectors = new WithVectorsSelector { Enable = true },
        }).Single();
        Assert.Equal((chunk.Source, chunk.Text, (long)chunk.Start, (long)chunk.Length),
            (point.Payload["source"].StringValue, point.Payload["text"].StringValue, point.Payload["start"].IntegerValue, point.Payload["length"].IntegerValue));
        Assert.Equal(8, point.Vectors.Vectors.Vectors["dense"].GetDenseVector()!.Data.Count);

        // Every write waited; two alias calls: the head token made for the empty store, then the publication, after every write and count.
        var calls = Qdrant.Calls.Select(c => c.Method).ToList();
        Assert.All(Qdrant.Calls.Where(c => c.Method == "Points/Upsert"), c => Assert.True(c.Wait));
        Assert.Equal(2, calls.Count(m => m == "Collections/UpdateAliases"));
        Assert.True(calls.LastIndexOf("Collections/UpdateAliases") > Math.Max(calls.LastIndexOf("Points/Upsert"), calls.LastIndexOf("Points/Count")));
    }

    [Fact]
    public async Task A_replica_serves_the_published_version_and_embeds_nothing()
    {
        var a = _cluster.Start("a");
        await a.Index.ReindexAsync();
        var embedded = _cluster.EmbeddedTexts().Count;

        // B's own corpus folder is empty: what it serves comes from Qdrant.
        var b = _cluster.Start("b", seeded: false);
        var snapshot = await b.Index.EnsureReadyAsync();

        Assert.Equal(a.Index.Snapshot.Version, snapshot.Version);
        Assert.Equal(a.Index.Snapshot.CorpusHash, snapshot.CorpusHash);
        Assert.Equal(a.Index.Snapshot.Chunks, snapshot.Chunks);
        Assert.Equal(a.Index.Snapshot.Documents.Select(d => (d.Source, d.Title, d.Text, d.ContentHash)), snapshot.Documents.Select(d => (d.Source, d.Title, d.Text, d.ContentHash)));
        Assert.Equal(embedded, _cluster.EmbeddedTexts().Count);
        // The sentence vectors answering uses came with the version too (none were embedded above).
        var (unitSource, unit) = ChatBot.Core.Search.Hybrid.SentenceVectors.UnitsOf(snapshot)[2];
        Assert.Equal(a.Index.Snapshot.SentenceVectors!.Of(unitSource, unit.Index).ToArray(), snapshot.SentenceVectors!.Of(unitSource, unit.Index).ToArray());
        // BM25 answers from memory, the dense leg from the same version's collection.
        Assert.Equal("c_rail.txt", snapshot.FindChunk(snapshot.Lexical.Search(SearchAnalyzer.Shared.Terms("mountain railway"), 1)[0].ChunkId)!.Source);
        Assert.Null(snapshot.Folder);
        Assert.Equal(snapshot.Version, b.Vectors.Serving);
        Assert.NotEmpty(await b.Vectors.SearchAsync(FakeOpenAIEmbeddingsServer.VectorFor("railway", 8), 3));
        Assert.Equal(snapshot.Version, Qdrant.Calls.Last(c => c.Method == "Points/Query").Collection);
    }

    [Fact]
    public async Task A_change_through_one_replica_is_served_by_the_other_and_only_its_passages_are_embedded()
    {
        var a = _cluster.Start("a");
        var b = _cluster.Start("b", seeded: false);
        await a.Index.ReindexAsync();
        await b.Index.EnsureReadyAsync();
        var first = a.Index.Snapshot.Version!;
        var before = _cluster.EmbeddedTexts().Count;

        var added = await a.AddAsync("d_glacier.txt", SharedCorpusCluster.Article("The glacier retreats", "the glacier survey"),
            new CorpusFileMetadata(Title: "The glacier retreats", Outlet: "Alpine Post"));

        var second = Qdrant.Aliases["chatbot"];
        Assert.NotEqual(first, second);
        Assert.Equal(4, added.Documents);
        Assert.Equal(TextsOf(a.Index.Snapshot, "d_glacier.txt"), _cluster.EmbeddedTexts().Skip(before).Order()); // nothing else re-embedded

        Assert.True(await b.Index.FollowPublishedAsync());
        Assert.Equal(second, b.Index.Snapshot.Version);
        Assert.Contains("d_glacier.txt", b.Sources);
        Assert.Equal("Alpine Post", b.Index.Snapshot.FindDocument("d_glacier.txt")!.Metadata.Outlet);
        Assert.False(await b.Index.FollowPublishedAsync()); // nothing newer

        // The version records what it was built on; the one before stays for the grace period.
        Assert.Equal(first, Payload(second, QdrantCorpusLayout.ManifestId)["parent"].StringValue);
        Assert.Contains(first, Qdrant.CollectionNames);

        // B's change builds on A's: A's article stays.
        await b.Moderation.RemoveAsync(Replica.Moderator, "b_orchard.txt");
        Assert.True(await a.Index.FollowPublishedAsync());
        Assert.Equal(["a_harbour.txt", "c_rail.txt", "d_glacier.txt"], a.Sources);
    }

    [Fact]
    public async Task Serve_switches_to_a_new_version_on_its_poll_interval_without_a_restart()
    {
        var a = _cluster.Start("a");
        await a.Index.ReindexAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var b = _cluster.Start("b", seeded: false, settings: new Dictionary<string, string?> { ["Qdrant:PollInterval"] = "00:00:02" }, time: time);
        var before = await b.Index.EnsureReadyAsync();
        var follower = b.Services.GetServices<IHostedService>().OfType<SharedCorpusFollower>().Single();
        Assert.Equal(TimeSpan.FromSeconds(2), follower.Interval);
        var switched = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        follower.Switched += v => switched.TrySetResult(v);
        await follower.StartAsync(CancellationToken.None);
        try
        {
            await a.AddAsync("l_canal.txt", SharedCorpusCluster.Article("The canal", "the old canal"));
            Assert.Equal(before.Version, b.Index.Snapshot.Version);

            time.Advance(TimeSpan.FromSeconds(2));
            var version = await switched.Task.WaitAsync(TimeSpan.FromSeconds(30)); // a bound for a broken follower, not a timing

            Assert.Equal(Qdrant.Aliases["chatbot"], version);
            Assert.Contains("l_canal.txt", b.Sources);
            // The old snapshot was swapped out, not disposed: requests in flight on it still answer.
            Assert.NotEmpty(before.Lexical.Search(SearchAnalyzer.Shared.Terms("mountain railway"), 1));
        }
        finally
        {
            await follower.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Two_writers_at_once_both_land()
    {
        var a = _cluster.Start("a");
        var b = _cluster.Start("b", seeded: false);
        await a.Index.ReindexAsync();
        await b.Index.EnsureReadyAsync();
        var embeddedBefore = _cluster.EmbeddedTexts().Count;

        // Both writers build on the same version: their upserts are held until both have started writing.
        var upserts = Qdrant.Calls.Count(c => c.Method == "Points/Upsert");
        _ = Qdrant.HoldUpsertsAfter(0);
        var first = a.AddAsync("e_bridge.txt", SharedCorpusCluster.Article("A new bridge", "the river bridge"));
        var second = b.Moderation.UpdateMetadataAsync(Replica.Moderator, "c_rail.txt", new CorpusFileMetadata(Outlet: "Valley Times"));
        await Qdrant.WhenCalls("Points/Upsert", upserts + 2);
        Qdrant.Recover();
        await Task.WhenAll(first, second);

        // One of them lost the race (its alias call found the head token gone), built again on the other's version, and won.
        var aliasCalls = Qdrant.Calls.Where(c => c.Method == "Collections/UpdateAliases").Select(c => c.Status).ToList();
        Assert.Contains(StatusCode.NotFound, aliasCalls);
        await a.Index.FollowPublishedAsync();
        await b.Index.FollowPublishedAsync();
        Assert.Equal(a.Index.Snapshot.Version, b.Index.Snapshot.Version);
        foreach (var replica in new[] { a, b })
        {
            Assert.Contains("e_bridge.txt", replica.Sources);
            Assert.Equal("Valley Times", replica.Index.Snapshot.FindDocument("c_rail.txt")!.Metadata.Outlet);
            Assert.Equal("Coast Daily", replica.Index.Snapshot.FindDocument("a_harbour.txt")!.Metadata.Outlet);
        }
        // Building again embedded nothing twice: only the bridge's passages and sentences were ever embedded.
        Assert.Equal(TextsOf(a.Index.Snapshot, "e_bridge.txt"), _cluster.EmbeddedTexts().Skip(embeddedBefore).Order());
        // The loser's own collection was dropped at once: the served version, its parent, its grandparent, the empty one.
        Assert.Equal(4, Qdrant.CollectionNames.Count);
    }

    [Fact]
    public async Task A_name_that_another_writer_took_meanwhile_in_other_case_is_refused_and_nothing_changes()
    {
        var a = _cluster.Start("a");
        var b = _cluster.Start("b", seeded: false);
        await a.Index.ReindexAsync();
        await b.Index.EnsureReadyAsync();
        // B's change is read on the version before A's (as if both were at work at once).
        var store = b.Services.GetRequiredService<ICorpusStore>();
        await store.RefreshAsync(CancellationToken.None);
        await a.AddAsync("Notes.txt", SharedCorpusCluster.Article("Notes", "the harbour notes"));
        store.Write("notes.txt", SharedCorpusCluster.Article("notes", "other notes"));

        var error = await Assert.ThrowsAsync<CorpusException>(() => b.Index.ReindexAsync());

        Assert.Contains("'notes.txt' differs from the corpus file 'Notes.txt'", error.Message);
        Assert.Equal(a.Index.Snapshot.Version, Qdrant.Aliases["chatbot"]);
    }

    [Fact]
    public async Task A_publication_that_fails_midway_leaves_the_old_version_and_the_next_change_completes()
    {
        var a = _cluster.Start("a");
        var b = _cluster.Start("b", seeded: false);
        await a.Index.ReindexAsync();
        await b.Index.EnsureReadyAsync();
        var served = Qdrant.Aliases["chatbot"];

        Qdrant.FailUpsertsAfter(2);
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => a.AddAsync("f_dam.txt", SharedCorpusCluster.Article("The dam", "the old dam")));
        Assert.Contains("storage died mid-build", error.Message);

        Assert.Equal(served, Qdrant.Aliases["chatbot"]);
        Assert.Equal(served, a.Index.Snapshot.Version);
        Assert.DoesNotContain("f_dam.txt", a.Sources);
        Assert.False(await b.Index.FollowPublishedAsync());
        Assert.DoesNotContain(Qdrant.CollectionNames, n => n != served && n != "chatbot__empty"); // the half-written one was dropped

        // Rolled back: the next change publishes only itself.
        Qdrant.Recover();
        await a.AddAsync("g_tunnel.txt", SharedCorpusCluster.Article("The tunnel", "the long tunnel"));
        Assert.True(await b.Index.FollowPublishedAsync());
        Assert.Contains("g_tunnel.txt", b.Sources);
        Assert.DoesNotContain("f_dam.txt", b.Sources);
    }

    [Fact]
    public async Task A_publication_cancelled_before_the_alias_call_leaves_the_old_version_and_publishing_again_completes_it()
    {
        var a = _cluster.Start("a");
        await a.Index.ReindexAsync();
        var served = Qdrant.Aliases["chatbot"];

        // Cancelled while an upsert is at the server (kill -9 of a process: QdrantCliTests).
        var held = Qdrant.HoldUpsertsAfter(3);
        using var stop = new CancellationTokenSource();
        var b = _cluster.Start("b", seeded: false);
        await b.Index.EnsureReadyAsync();
        await b.Services.GetRequiredService<ICorpusStore>().RefreshAsync(CancellationToken.None);
        b.Services.GetRequiredService<ICorpusStore>().Write("h_ferry.txt", SharedCorpusCluster.Article("The ferry", "the night ferry"));
        var publishing = b.Index.ReindexAsync(cancellationToken: stop.Token);
        await held;
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publishing);
        Qdrant.Recover();

        Assert.Equal(served, Qdrant.Aliases["chatbot"]);
        Assert.False(await a.Index.FollowPublishedAsync());
        // B's change was never published; publishing again completes it.
        await b.Index.ReindexAsync();
        Assert.True(await a.Index.FollowPublishedAsync());
        Assert.Contains("h_ferry.txt", a.Sources);
    }

    [Fact]
    public async Task Superseded_versions_are_dropped_after_the_grace_period_never_the_served_one()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var a = _cluster.Start("a", settings: new Dictionary<string, string?> { ["Qdrant:RetainVersionsFor"] = "00:10:00" }, time: time);
        await a.Index.ReindexAsync();
        var v1 = Qdrant.Aliases["chatbot"];
        await a.AddAsync("i_market.txt", SharedCorpusCluster.Article("The market", "the winter market"));
        var v2 = Qdrant.Aliases["chatbot"];
        Assert.Contains(v1, Qdrant.CollectionNames);

        time.Advance(TimeSpan.FromMinutes(11));
        await a.AddAsync("j_school.txt", SharedCorpusCluster.Article("The school", "the village school"));
        var v3 = Qdrant.Aliases["chatbot"];

        Assert.DoesNotContain(v1, Qdrant.CollectionNames); // superseded 11 minutes ago
        Assert.Contains(v2, Qdrant.CollectionNames);       // superseded just now: replicas may still answer from it
        Assert.Contains(v3, Qdrant.CollectionNames);
        Assert.Contains("chatbot__empty", Qdrant.CollectionNames);
    }

    [Fact]
    public async Task A_version_embedded_with_another_model_is_refused_in_one_line()
    {
        var a = _cluster.Start("a");
        await a.Index.ReindexAsync();
        var b = _cluster.Start("b", seeded: false, settings: new Dictionary<string, string?> { ["Embeddings:Model"] = "other-embed" });

        var error = await Assert.ThrowsAsync<VectorStoreException>(() => b.Index.EnsureReadyAsync());

        Assert.Equal($"Corpus version '{Qdrant.Aliases["chatbot"]}' in Qdrant at {Qdrant.Url} was embedded with openai:fake-embed:8, but this instance uses openai:other-embed:8; " +
                     "configure the same Embeddings on every instance, or publish the corpus again with this model (`chatbot index --force`).", error.Message);
    }

    [Fact]
    public async Task A_real_collection_in_the_aliases_place_is_a_clear_error_and_stays_untouched()
    {
        var a = _cluster.Start("a");
        Qdrant.Store.CreateCollection(new CreateCollection { CollectionName = "chatbot", VectorsConfig = new VectorsConfig { Params = new VectorParams { Size = 4, Distance = Distance.Cosine } } });

        var error = await Assert.ThrowsAsync<VectorStoreException>(() => a.Index.ReindexAsync());

        Assert.Equal($"Qdrant at {Qdrant.Url} has a collection named 'chatbot', but ChatBot publishes through an alias of that name; delete that collection or set Qdrant:Collection to another name.", error.Message);
        Assert.Contains("chatbot", Qdrant.CollectionNames);
        Assert.False(Qdrant.Aliases.ContainsKey("chatbot"));
    }

    [Fact]
    public async Task Artifacts_of_a_version_are_published_and_loaded_without_embedding_them_again()
    {
        var a = _cluster.Start("a", configure: s => s.AddSingleton<IIndexLeg, SentenceLeg>());
        await a.Index.ReindexAsync();
        var version = Qdrant.Aliases["chatbot"];
        Assert.True(a.Index.Snapshot.Artifacts.TryGet(SentenceLeg.Name, out var published));
        Assert.Equal((ulong)published.Items.Count, Qdrant.Store.Count(new CountPoints { CollectionName = version, Filter = QdrantCorpusLayout.ArtifactIs(SentenceLeg.Name) }));
        Assert.Contains($"\"count\":{published.Items.Count}", Payload(version, QdrantCorpusLayout.ManifestId)["artifacts"].StringValue);
        var embedded = _cluster.EmbeddedTexts().Count;

        var b = _cluster.Start("b", seeded: false, configure: s => s.AddSingleton<IIndexLeg, SentenceLeg>());
        var loaded = await b.Index.EnsureReadyAsync();

        Assert.True(loaded.Artifacts.TryGet(SentenceLeg.Name, out var artifact));
        Assert.Equal(published.Items.Select(i => (i.Key, i.Source, i.Text)), artifact.Items.Select(i => (i.Key, i.Source, i.Text)));
        Assert.Equal(published.Items.Select(i => i.Vector.ToArray()), artifact.Items.Select(i => i.Vector.ToArray()));
        Assert.Equal(embedded, _cluster.EmbeddedTexts().Count); // the leg found its artifact in the version: nothing embedded

        // The next version embeds only the new document's passages and sentences; the others' vectors are reused.
        await b.AddAsync("k_lighthouse.txt", SharedCorpusCluster.Article("The lighthouse", "the lighthouse keeper", paragraphs: 1));
        var fresh = _cluster.EmbeddedTexts().Skip(embedded).ToList();
        Assert.NotEmpty(fresh);
        Assert.All(fresh, text => Assert.Contains("lighthouse", text, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A leg with a per-version artifact, as the sentence vectors of the answer engine: one vector per sentence.</summary>
    private sealed class SentenceLeg(IEmbeddingGenerator<string, Embedding<float>> generator) : IIndexLeg
    {
        public const string Name = "sentences";

        public Task<bool> IsBuiltAsync(IndexSnapshot snapshot, CancellationToken cancellationToken) => Task.FromResult(snapshot.Artifacts.TryGet(Name, out _));

        public async Task EnsureBuiltAsync(IndexSnapshot snapshot, bool force, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
        {
            if (snapshot.Artifacts.TryGet(Name, out _)) return;
            var units = snapshot.Documents
                .SelectMany(d => d.Layout.Units(d.Text).Select((u, i) => (Key: $"{d.Source}#{i}", d.Source, Text: u.Of(d.Text))))
                .ToList();
            var vectors = await generator.EmbedDocumentsAsync(units.Select(u => u.Text), cancellationToken);
            snapshot.Artifacts.Set(new VectorArtifact(Name, vectors[0].Vector.Length,
                [.. units.Select((u, i) => new ArtifactVector(u.Key, u.Source, u.Text, vectors[i].Vector))]));
        }
    }

    private static Filter Kind(string kind) => QdrantCorpusLayout.KindIs(kind);

    private static CountPoints Count(string collection, string kind) => new() { CollectionName = collection, Filter = Kind(kind), Exact = true };

    private static PointId ChunkVectorRecordKey(string chunkId) => ChatBot.Core.Search.VectorStores.ChunkVectorRecord.KeyFor(chunkId);

    private IDictionary<string, Value> Payload(string collection, Guid id) => Qdrant.Store.Get(new GetPoints
    {
        CollectionName = collection, Ids = { id }, WithPayload = new WithPayloadSelector { Enable = true },
    }).Single().Payload;

    /// <summary>What indexing one new document must embed: its passages, and its sentences (each text once).</summary>
    private static IEnumerable<string> TextsOf(IndexSnapshot snapshot, string source) =>
        snapshot.Chunks.Where(c => c.Source == source).Select(c => c.Text)
            .Concat(snapshot.Analysis(source).Sentences.Select(u => u.Text))
            .Distinct(StringComparer.Ordinal).Order();
}
