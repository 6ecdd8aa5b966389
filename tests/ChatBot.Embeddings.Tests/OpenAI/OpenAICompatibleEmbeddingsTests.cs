using ChatBot.Core.Embeddings;
using ChatBot.Embeddings.OpenAI;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Embeddings.Tests.OpenAI;

public sealed class OpenAICompatibleEmbeddingsTests
{
    private static ServiceProvider Services(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOpenAIEmbeddings();
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> OpenAISettings(string endpoint, string? apiKey, int? dimensions = null, string? queryPrefix = null, string? documentPrefix = null) => new()
    {
        ["Embeddings:QueryPrefix"] = queryPrefix,
        ["Embeddings:DocumentPrefix"] = documentPrefix,
        ["Embeddings:Provider"] = "OpenAI",
        ["Embeddings:Endpoint"] = endpoint,
        ["Embeddings:Model"] = "text-embedding-3-small",
        ["Embeddings:ApiKey"] = apiKey,
        ["Embeddings:Dimensions"] = dimensions?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Sends_the_bearer_key_model_inputs_and_dimensions_and_reads_the_vectors_in_order()
    {
        await using var server = await FakeOpenAIEmbeddingsServer.StartAsync("sk-test-123");
        await using var sp = Services(OpenAISettings(server.Endpoint, "sk-test-123", dimensions: 16));
        var generator = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        string[] texts = ["Who headed CISEN?", "Mérida Initiative", "a third text"];
        var result = await generator.GenerateAsync(texts);

        Assert.Equal(3, result.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(FakeOpenAIEmbeddingsServer.VectorFor(texts[i], 16), result[i].Vector.ToArray());
        }
        var (authorization, body) = Assert.Single(server.Requests);
        Assert.Equal("Bearer sk-test-123", authorization);
        Assert.Equal("text-embedding-3-small", body["model"]!.GetValue<string>());
        Assert.Equal(texts, body["input"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal(16, body["dimensions"]!.GetValue<int>());
        Assert.Equal(8, result.Usage?.InputTokenCount); // the fake counts words

        var info = sp.GetRequiredService<IEmbeddingModelInfo>();
        Assert.Equal("openai:text-embedding-3-small:16", info.ModelId);
        Assert.Equal(16, info.Dimensions);
    }

    [Fact]
    public async Task Without_configured_dimensions_the_models_own_size_is_used_and_the_id_says_default()
    {
        await using var server = await FakeOpenAIEmbeddingsServer.StartAsync("sk-test-123");
        await using var sp = Services(OpenAISettings(server.Endpoint, "sk-test-123"));
        var generator = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var vector = await generator.GenerateVectorAsync("hello");

        Assert.Equal(FakeOpenAIEmbeddingsServer.VectorFor("hello", FakeOpenAIEmbeddingsServer.DefaultDimensions), vector.ToArray());
        Assert.Null(Assert.Single(server.Requests).Body["dimensions"]);
        Assert.Equal("openai:text-embedding-3-small:default", sp.GetRequiredService<IEmbeddingModelInfo>().ModelId);
    }

    [Fact]
    public async Task A_wrong_key_gives_a_clear_401_error_without_the_key()
    {
        await using var server = await FakeOpenAIEmbeddingsServer.StartAsync("sk-right-key");
        await using var sp = Services(OpenAISettings(server.Endpoint, "sk-wrong-key-987"));
        var generator = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var error = await Assert.ThrowsAsync<EmbeddingProviderException>(() => generator.GenerateAsync(["hello"]));

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("HTTP 401", error.Message);
        Assert.Contains("Embeddings:ApiKey", error.Message);
        Assert.Contains("Incorrect API key provided", error.Message);
        Assert.Contains(server.Endpoint, error.Message);
        Assert.DoesNotContain("sk-wrong-key-987", error.Message);
        Assert.Empty(server.Requests); // refused before the body was read
    }

    [Fact]
    public async Task An_unreachable_endpoint_names_the_endpoint_setting()
    {
        string endpoint;
        await using (var server = await FakeOpenAIEmbeddingsServer.StartAsync("k")) endpoint = server.Endpoint;
        await using var sp = Services(OpenAISettings(endpoint, "k"));
        var generator = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var error = await Assert.ThrowsAsync<EmbeddingProviderException>(() => generator.GenerateAsync(["hello"]));

        Assert.Null(error.StatusCode);
        Assert.Contains("could not be reached", error.Message);
        Assert.Contains("Embeddings:Endpoint", error.Message);
    }

    [Fact]
    public async Task Roles_become_the_configured_prefixes_and_are_never_sent()
    {
        await using var server = await FakeOpenAIEmbeddingsServer.StartAsync("k");
        await using var sp = Services(OpenAISettings(server.Endpoint, "k", queryPrefix: "search_query: ", documentPrefix: "search_document: "));
        var generator = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var query = await generator.EmbedQueryAsync("who said it?");
        await generator.EmbedDocumentsAsync(["a passage", "another"]);
        await generator.GenerateAsync(["no role"]);

        Assert.Equal(FakeOpenAIEmbeddingsServer.VectorFor("search_query: who said it?", FakeOpenAIEmbeddingsServer.DefaultDimensions), query.ToArray());
        var inputs = server.Requests.Select(r => string.Join("|", r.Body["input"]!.AsArray().Select(x => x!.GetValue<string>()))).ToList();
        Assert.Equal(["search_query: who said it?", "search_document: a passage|search_document: another", "search_document: no role"], inputs);
        Assert.All(server.Requests, r => Assert.False(r.Body.ContainsKey(EmbeddingRoles.PropertyName)));
        // The document prefix changes the stored vectors, so it changes the model id (and the index name).
        Assert.Matches("^openai:text-embedding-3-small:default:doc-[0-9a-f]{8}$", sp.GetRequiredService<IEmbeddingModelInfo>().ModelId);
    }

    [Fact]
    public async Task Without_prefixes_both_roles_send_the_text_as_given()
    {
        await using var server = await FakeOpenAIEmbeddingsServer.StartAsync("k");
        await using var sp = Services(OpenAISettings(server.Endpoint, "k"));
        var generator = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.Equal((await generator.EmbedDocumentsAsync(["same"]))[0].Vector.ToArray(), (await generator.EmbedQueryAsync("same")).ToArray());
        Assert.All(server.Requests, r => Assert.Equal("same", r.Body["input"]!.AsArray().Single()!.GetValue<string>()));
    }
}
