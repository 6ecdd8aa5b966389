using ChatBot.Core.Search.VectorStores;
using ChatBot.Testing.Fakes;
using ChatBot.Testing.VectorStoreConformance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;

namespace ChatBot.Qdrant.Tests;

/// <summary>The shared conformance suite against QdrantVectorStoreCollection talking to the fake Qdrant over HTTP.</summary>
public sealed class QdrantConformanceTests : VectorStoreCollectionConformanceTests
{
    private FakeQdrantServer? _fake;
    private ServiceProvider? _services;

    public override async Task InitializeAsync()
    {
        _fake = await FakeQdrantServer.StartAsync(apiKey: "conformance-key");
        _services = QdrantTestServices.Build(_fake.BaseAddress, "conformance-key");
    }

    protected override Task<VectorStoreCollection<Guid, ChunkVectorRecord>> OpenCollectionAsync(string name, int dimensions) =>
        Task.FromResult<VectorStoreCollection<Guid, ChunkVectorRecord>>(
            new QdrantVectorStoreCollection(_services!.GetRequiredService<QdrantClient>(), name, dimensions));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_services is not null) await _services.DisposeAsync();
        if (_fake is not null) await _fake.DisposeAsync();
    }
}

/// <summary>
/// The same suite against a real Qdrant (e.g. `docker run -p 6333:6333 qdrant/qdrant`), only when
/// QDRANT_URL is set (QDRANT_API_KEY optional); reported as skipped otherwise.
/// </summary>
[RequiresEnvironmentVariable("QDRANT_URL")]
public sealed class RealQdrantConformanceTests : VectorStoreCollectionConformanceTests
{
    private ServiceProvider? _services;

    public override Task InitializeAsync()
    {
        _services = QdrantTestServices.Build(new Uri(Environment.GetEnvironmentVariable("QDRANT_URL")!),
            Environment.GetEnvironmentVariable("QDRANT_API_KEY"));
        return Task.CompletedTask;
    }

    protected override Task<VectorStoreCollection<Guid, ChunkVectorRecord>> OpenCollectionAsync(string name, int dimensions) =>
        Task.FromResult<VectorStoreCollection<Guid, ChunkVectorRecord>>(
            new QdrantVectorStoreCollection(_services!.GetRequiredService<QdrantClient>(), name, dimensions));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_services is not null) await _services.DisposeAsync();
    }
}
