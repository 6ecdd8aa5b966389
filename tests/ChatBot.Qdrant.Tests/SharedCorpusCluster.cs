using System.Text;
using ChatBot.Core;
using ChatBot.Core.Moderation;
using ChatBot.Core.Search;
using ChatBot.Core.Search.Hybrid;
using ChatBot.Embeddings.OpenAI;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Qdrant.Tests;

/// <summary>
/// Instances of ChatBot sharing one fake Qdrant, each with its own data dir, as replicas on separate
/// machines would be: the real registrations (core, the OpenAI-compatible embeddings against their fake
/// server, AddQdrant, hybrid retrieval, moderation), nothing mocked. The seed corpus folder is three
/// small articles built here.
/// </summary>
public sealed class SharedCorpusCluster : IAsyncDisposable
{
    public const string QdrantKey = "cluster-qdrant-key";
    public const string EmbeddingsKey = "cluster-embeddings-key";

    private readonly List<Replica> _replicas = [];

    private SharedCorpusCluster(FakeQdrantServer? qdrant, string url, string? key, string alias, FakeOpenAIEmbeddingsServer embeddings)
    {
        _fake = qdrant;
        Url = url;
        Key = key;
        Alias = alias;
        Embeddings = embeddings;
        SeedCorpus = RepoPaths.NewTempDir("shared-seed");
        foreach (var (name, text) in SeedArticles) File.WriteAllText(Path.Combine(SeedCorpus, name), text);
        File.WriteAllText(Path.Combine(SeedCorpus, "manifest.json"),
            """{"documents": [{"file": "a_harbour.txt", "title": "The harbour opens", "outlet": "Coast Daily", "author": null, "date": "2024-03-01", "url": null}]}""");
    }

    private readonly FakeQdrantServer? _fake;

    /// <summary>The fake Qdrant (only when the cluster runs against it).</summary>
    public FakeQdrantServer Qdrant => _fake ?? throw new InvalidOperationException("This cluster runs against a real Qdrant.");

    public string Url { get; }

    public string? Key { get; }

    /// <summary>Qdrant:Collection of every instance.</summary>
    public string Alias { get; }

    public FakeOpenAIEmbeddingsServer Embeddings { get; }

    public string SeedCorpus { get; }

    /// <summary>Against the fake Qdrant, alias `chatbot`.</summary>
    public static async Task<SharedCorpusCluster> StartAsync()
    {
        var fake = await FakeQdrantServer.StartAsync(apiKey: QdrantKey);
        return new(fake, fake.Url, QdrantKey, "chatbot", await FakeOpenAIEmbeddingsServer.StartAsync(EmbeddingsKey));
    }

    /// <summary>Against a real Qdrant, under an alias of its own (its collections are dropped at the end).</summary>
    public static async Task<SharedCorpusCluster> StartAsync(string url, string? key) =>
        new(null, url, key, "cbtest_" + Guid.NewGuid().ToString("N")[..10], await FakeOpenAIEmbeddingsServer.StartAsync(EmbeddingsKey));

    /// <summary>Texts the embeddings server was asked to embed so far.</summary>
    public List<string> EmbeddedTexts() =>
        [.. Embeddings.Requests.SelectMany(r => r.Body["input"]!.AsArray().Select(i => i!.GetValue<string>()))];

    /// <summary>A new instance with its own data dir and its own corpus folder (the seed's files, or empty).</summary>
    public Replica Start(string name, bool seeded = true, IDictionary<string, string?>? settings = null, TimeProvider? time = null,
        Action<IServiceCollection>? configure = null)
    {
        var root = RepoPaths.NewTempDir("replica-" + name);
        var corpus = Path.Combine(root, "corpus");
        Directory.CreateDirectory(corpus);
        if (seeded) foreach (var f in Directory.GetFiles(SeedCorpus)) File.Copy(f, Path.Combine(corpus, Path.GetFileName(f)));
        var values = new Dictionary<string, string?>
        {
            ["ChatBot:CorpusDir"] = corpus,
            ["ChatBot:DataDir"] = Path.Combine(root, "data"),
            ["Qdrant:Url"] = Url,
            ["Qdrant:ApiKey"] = Key,
            ["Qdrant:Collection"] = Alias,
            ["Qdrant:UpsertBatchSize"] = "4",
            ["Qdrant:MaxRetries"] = "0",
            ["Embeddings:Provider"] = "OpenAI",
            ["Embeddings:Endpoint"] = Embeddings.Endpoint,
            ["Embeddings:Model"] = "fake-embed",
            ["Embeddings:ApiKey"] = EmbeddingsKey,
            ["Embeddings:Dimensions"] = "8",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        if (time is not null) services.AddSingleton(time);
        // The order of src/ChatBot/Cli/ServiceRegistration.cs: core, embeddings, the vector store, retrieval, moderation.
        services.AddChatBotCore(configuration);
        services.AddOpenAIEmbeddings();
        services.AddQdrant();
        services.AddChatBotHybridRetrieval(configuration);
        services.AddChatBotModeration(configuration);
        configure?.Invoke(services);
        var replica = new Replica(name, root, corpus, services.BuildServiceProvider());
        _replicas.Add(replica);
        return replica;
    }

    public async ValueTask DisposeAsync()
    {
        if (_fake is null && _replicas.Count > 0)
        {
            // A real server keeps what the tests wrote: drop this cluster's collections (their aliases go with them).
            var client = _replicas[0].Services.GetRequiredService<QdrantConnection>().Client;
            foreach (var name in (await client.ListCollectionsAsync()).Where(n => n.StartsWith(Alias + "_", StringComparison.Ordinal)))
                await client.DeleteCollectionAsync(name);
        }
        foreach (var replica in _replicas) await replica.Services.DisposeAsync();
        if (_fake is not null) await _fake.DisposeAsync();
        await Embeddings.DisposeAsync();
    }

    /// <summary>An article built here: <paramref name="topic"/> repeated through a few paragraphs, so its passages are its own.</summary>
    public static byte[] Article(string title, string topic, int paragraphs = 3) => Encoding.UTF8.GetBytes(
        title + "\n\n" + string.Join("\n\n", Enumerable.Range(1, paragraphs).Select(i =>
            $"Paragraph {i} about {topic}: the committee met on day {i} and agreed that {topic} needs {i * 3} more inspectors before the season starts.")));

    private static IEnumerable<(string Name, string Text)> SeedArticles =>
    [
        ("a_harbour.txt", Encoding.UTF8.GetString(Article("The harbour opens", "the new harbour"))),
        ("b_orchard.txt", Encoding.UTF8.GetString(Article("Orchards in bloom", "the orchard cooperative"))),
        ("c_rail.txt", Encoding.UTF8.GetString(Article("A rail link", "the mountain railway"))),
    ];
}

/// <summary>One instance: its services and the parts the tests drive.</summary>
public sealed record Replica(string Name, string Root, string CorpusDir, ServiceProvider Services)
{
    public CorpusIndex Index => Services.GetRequiredService<CorpusIndex>();

    public ICorpusModeration Moderation => Services.GetRequiredService<ICorpusModeration>();

    public QdrantChunkVectorIndex Vectors => Services.GetRequiredService<QdrantChunkVectorIndex>();

    public static ModerationCaller Moderator { get; } = new("test", "moderator", true);

    public Task<CorpusChangeResult> AddAsync(string file, byte[] content, CorpusFileMetadata? metadata = null) =>
        Moderation.AddOrReplaceAsync(Moderator, CorpusUpload.FromBytes(file, content, metadata));

    public IReadOnlyList<string> Sources => [.. Index.Snapshot.Sources.Select(s => s.Source)];
}
