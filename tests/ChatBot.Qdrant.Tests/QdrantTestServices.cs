using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Qdrant.Tests;

/// <summary>The real DI wiring (AddQdrantVectorStore: named HttpClient, resilience, options) pointed at a server.</summary>
internal static class QdrantTestServices
{
    public static ServiceProvider Build(Uri url, string? apiKey = null, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Qdrant:Url"] = url.ToString(),
            ["Qdrant:ApiKey"] = apiKey,
            ["Qdrant:RetryDelay"] = "00:00:00.010",
            ["Qdrant:Timeout"] = "00:00:10",
            ["Qdrant:UpsertBatchSize"] = "10",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddQdrantVectorStore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
