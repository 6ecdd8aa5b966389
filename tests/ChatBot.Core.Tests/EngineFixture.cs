using ChatBot.Core;
using ChatBot.Core.Answering;
using ChatBot.Core.Embeddings;
using ChatBot.Core.Search.Hybrid;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Core.Search;
using ChatBot.Embeddings.Onnx;
using ChatBot.Embeddings.OpenAI;
using ChatBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests;

/// <summary>A real engine over a copy of the repository's corpus, with its own data dir.</summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture() : this(RepoPaths.Corpus) { }

    /// <summary>With the dense leg: the local embedding model, the embedded vector store, hybrid retrieval.</summary>
    public bool Hybrid { get; init; }

    public EngineFixture(bool hybrid) : this(RepoPaths.Corpus, hybrid: hybrid) { }

    public EngineFixture(string corpusSource, bool copyCorpus = true, bool hybrid = false)
    {
        Hybrid = hybrid;
        Root = RepoPaths.NewTempDir();
        CorpusDir = Path.Combine(Root, "corpus");
        Directory.CreateDirectory(CorpusDir);
        if (copyCorpus)
            foreach (var f in Directory.GetFiles(corpusSource)) File.Copy(f, Path.Combine(CorpusDir, Path.GetFileName(f)));
        DataDir = Path.Combine(Root, "data");
        Services = Build();
    }

    /// <summary>A hybrid engine over files a test writes (name and text): written to a fresh folder, copied in, the folder deleted.</summary>
    public static EngineFixture Over(string prefix, params (string Name, string Text)[] files)
    {
        var source = RepoPaths.NewTempDir(prefix);
        try
        {
            foreach (var (name, text) in files) File.WriteAllText(Path.Combine(source, name), text);
            return new EngineFixture(source, hybrid: true);
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }

    /// <summary>The answerer's plan for a question with the dense models: the decision and its reason, before any wording.</summary>
    public async Task<AnswerPlan> PlanAsync(string question)
    {
        var engine = Services.GetRequiredService<AnswerEngine>();
        var snapshot = await Index.EnsureReadyAsync();
        var models = Services.GetRequiredService<AnswerModels>();
        var (plan, _, _) = await engine.PlanAsync(snapshot, question, models.For(dense: true), CancellationToken.None);
        return plan;
    }

    public string Root { get; }
    public string CorpusDir { get; }
    public string DataDir { get; }
    public ServiceProvider Services { get; private set; }

    public IAnswerEngine Engine => Services.GetRequiredService<IAnswerEngine>();
    public CorpusIndex Index => Services.GetRequiredService<CorpusIndex>();

    /// <summary>A fresh service provider over the same folders, as a restarted process would have.</summary>
    public ServiceProvider Build(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ChatBot:CorpusDir"] = CorpusDir,
            ["ChatBot:DataDir"] = DataDir,
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddChatBotCore(configuration);
        if (Hybrid)
        {
            // The provider as the host picks it (src/ChatBot/Cli/ServiceRegistration.cs).
            if (EmbeddingsOptions.ResolveProvider(configuration) == EmbeddingProvider.OpenAI) services.AddOpenAIEmbeddings();
            else services.AddOnnxEmbeddings();
            services.AddEmbeddedVectorStore(configuration);
            services.AddChatBotHybridRetrieval(configuration);
        }
        return services.BuildServiceProvider();
    }

    public void Restart()
    {
        Services.Dispose();
        Services = Build();
    }

    public void Dispose()
    {
        Services.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// A class fixture over a small corpus a test class writes (name and text of each file): one hybrid engine
/// (<see cref="EngineFixture.Over"/>) shared by the class's tests and disposed with it.
/// </summary>
public abstract class WrittenCorpus(string prefix, params (string Name, string Text)[] files) : IDisposable
{
    public EngineFixture Fixture { get; } = EngineFixture.Over(prefix, files);

    public void Dispose()
    {
        Fixture.Dispose();
        GC.SuppressFinalize(this);
    }
}
