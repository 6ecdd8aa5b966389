using ChatBot.Core.Embeddings;
using ChatBot.Embeddings.Onnx;
using ChatBot.Embeddings.OpenAI;
using ChatBot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Embeddings.Tests;

/// <summary>The `Embeddings` section: the provider the host picks, and each provider's options checked at start-up.</summary>
public sealed class EmbeddingsOptionsTests
{
    private static ServiceProvider Services(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // What the host does (src/ChatBot/Cli/ServiceRegistration.cs).
        _ = EmbeddingsOptions.ResolveProvider(configuration) == EmbeddingProvider.OpenAI ? services.AddOpenAIEmbeddings() : services.AddOnnxEmbeddings();
        return services.BuildServiceProvider();
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

    /// <summary>What a host does at start-up for ValidateOnStart().</summary>
    private static OptionsValidationException StartUpFails(IDictionary<string, string?> settings)
    {
        using var sp = Services(settings);
        return Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void The_provider_defaults_to_local_accepts_any_case_and_refuses_unknown_names()
    {
        Assert.Equal(EmbeddingProvider.Local, EmbeddingsOptions.ResolveProvider(Configuration()));
        Assert.Equal(EmbeddingProvider.OpenAI, EmbeddingsOptions.ResolveProvider(Configuration(("Embeddings:Provider", "openai"))));
        Assert.Equal(EmbeddingProvider.Local, EmbeddingsOptions.ResolveProvider(Configuration(("Embeddings:Provider", " LOCAL "))));
        var error = Assert.Throws<OptionsValidationException>(() => EmbeddingsOptions.ResolveProvider(Configuration(("Embeddings:Provider", "Cohere"))));
        Assert.Equal("Embeddings:Provider 'Cohere' is unknown; use 'Local' or 'OpenAI'.", Assert.Single(error.Failures));
        Assert.Throws<OptionsValidationException>(() => EmbeddingsOptions.ResolveProvider(Configuration(("Embeddings:Provider", "2"))));
    }

    [Fact]
    public void Local_is_arctic_embed_xs_with_a_stable_id_as_one_shared_generator()
    {
        using var sp = Services(new Dictionary<string, string?>());
        sp.GetRequiredService<IStartupValidator>().Validate();

        var info = sp.GetRequiredService<IEmbeddingModelInfo>();
        Assert.Equal("local:snowflake-arctic-embed-xs:384", info.ModelId);
        Assert.Equal(384, info.Dimensions);
        Assert.Equal("snowflake-arctic-embed-xs", info.Model);
        var generator = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Assert.IsType<ArcticEmbeddingGenerator>(generator);
        Assert.Same(generator, sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal(ArcticEmbeddingGenerator.DefaultBatchSize, sp.GetRequiredService<IOptions<OnnxEmbeddingsOptions>>().Value.BatchSize);
    }

    [Fact]
    public void Local_checks_batch_size_threads_and_an_explicit_model_dir()
    {
        var missing = Path.Combine(RepoPaths.NewTempDir(), "no-model-here");
        var error = StartUpFails(new Dictionary<string, string?>
        {
            ["Embeddings:BatchSize"] = "0",
            ["Embeddings:IntraOpThreads"] = "-1",
            ["Embeddings:ModelDir"] = missing,
        });
        Assert.Contains(error.Failures, f => f.Contains("Embeddings:BatchSize must be between 1 and 256"));
        Assert.Contains(error.Failures, f => f.Contains("Embeddings:IntraOpThreads"));
        Assert.Contains(error.Failures, f => f.Contains($"Embeddings:ModelDir '{missing}' does not exist"));
    }

    [Fact]
    public void Unicode_normalisation_is_available_here_as_the_tokenizer_needs()
    {
        // Directory.Build.props turns invariant globalization off for every project; the tokenizer
        // and the Local options refuse to run without it (they would turn "Valdés" into [UNK]).
        Assert.True(BertUncasedTokenizer.IsUnicodeNormalizationAvailable);
    }

    [Fact]
    public void OpenAI_needs_an_endpoint_and_a_model()
    {
        var error = StartUpFails(new Dictionary<string, string?> { ["Embeddings:Provider"] = "OpenAI" });
        Assert.Contains(error.Failures, f => f.Contains("Embeddings:Endpoint is required when Embeddings:Provider is OpenAI"));
        Assert.Contains(error.Failures, f => f.Contains("Embeddings:Model is required when Embeddings:Provider is OpenAI"));
    }

    [Fact]
    public void OpenAI_endpoint_must_be_an_http_url_and_dimensions_positive()
    {
        var error = StartUpFails(new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = "openai", // any case
            ["Embeddings:Endpoint"] = "not a url",
            ["Embeddings:Model"] = "m",
            ["Embeddings:Dimensions"] = "0",
        });
        Assert.Contains(error.Failures, f => f.Contains("Embeddings:Endpoint must be an absolute http(s) URL (got 'not a url')"));
        Assert.Contains(error.Failures, f => f.Contains("Embeddings:Dimensions must be positive"));
    }
}
