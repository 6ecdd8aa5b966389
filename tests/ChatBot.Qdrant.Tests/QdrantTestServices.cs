using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Qdrant.Tests;

/// <summary>The real DI wiring (AddQdrant: options, the gRPC connection with its resilience pipeline) pointed at a server.</summary>
internal static class QdrantTestServices
{
    public static ServiceProvider Build(string url, string? apiKey = null, IDictionary<string, string?>? overrides = null, TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Qdrant:Url"] = url,
            ["Qdrant:ApiKey"] = apiKey,
            ["Qdrant:UpsertBatchSize"] = "10",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        if (time is not null) services.AddSingleton(time);
        services.AddQdrant();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
