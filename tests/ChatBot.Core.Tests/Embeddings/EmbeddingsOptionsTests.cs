using ChatBot.Core.Embeddings;
using ChatBot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatBot.Core.Tests.Embeddings;

public sealed class EmbeddingsOptionsTests
{
    private static ServiceProvider Services(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddChatBotEmbeddings(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>What a host does at start-up for ValidateOnStart().</summary>
    private static OptionsValidationException StartUpFails(IDictionary<string, string?> settings)
    {
        using var sp = Services(settings);
        return Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void Defaults_to_the_local_model_with_a_stable_id()
    {
        using var sp = Services(new Dictionary<string, string?>());
        sp.GetRequiredService<IStartupValidator>().Validate();

        var info = sp.GetRequiredService<IEmbeddingModelInfo>();
        Assert.Equal("local:use-lite-0.2.0:512", info.ModelId);
        Assert.Equal(512, info.Dimensions);
        Assert.Equal("use-lite-0.2.0", info.Model);
        var generator = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Assert.IsType<UseLiteEmbeddingGenerator>(generator);
        Assert.Same(generator, sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
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
        Assert.Contains(error.Failures, f => f.Contains("Embeddings:BatchSize must be between 1 and 1024"));
        Assert.Contains(error.Failures, f => f.Contains("Embeddings:IntraOpThreads"));
        Assert.Contains(error.Failures, f => f.Contains($"Embeddings:ModelDir '{missing}' does not exist"));
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_key()
    {
        using var sp = Services(new Dictionary<string, string?> { ["Embeddings:Provider"] = "Cohere" });
        var error = Assert.ThrowsAny<Exception>(() => sp.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Embeddings:Provider", error.ToString());
    }
}
