using ChatBot.Core.Search.VectorStores;
using ChatBot.Testing.Fakes;
using ChatBot.Testing.VectorStoreConformance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using Xunit;

namespace ChatBot.Qdrant.Tests;

/// <summary>The shared conformance suite against QdrantVectorStoreCollection talking gRPC to the fake Qdrant.</summary>
public sealed class QdrantConformanceTests : VectorStoreCollectionConformanceTests
{
    private FakeQdrantServer? _fake;
    private ServiceProvider? _services;

    public override async Task InitializeAsync()
    {
        _fake = await FakeQdrantServer.StartAsync(apiKey: "conformance-key");
        _services = QdrantTestServices.Build(_fake.Url, "conformance-key");
    }

    protected override Task<VectorStoreCollection<Guid, ChunkVectorRecord>> OpenCollectionAsync(string name, int dimensions) =>
        Task.FromResult<VectorStoreCollection<Guid, ChunkVectorRecord>>(
            new QdrantVectorStoreCollection(_services!.GetRequiredService<QdrantConnection>(), name, dimensions));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        // Every write the suite made was a waited one: nothing was left for Qdrant to apply "later".
        Assert.All(_fake!.Calls.Where(c => c.Wait is not null), c => Assert.True(c.Wait));
        if (_services is not null) await _services.DisposeAsync();
        if (_fake is not null) await _fake.DisposeAsync();
    }
}

/// <summary>
/// The same suite against a real Qdrant over gRPC (e.g. `docker run -p 6334:6334 qdrant/qdrant`),
/// only when QDRANT_URL is set (e.g. http://localhost:6334; QDRANT_API_KEY optional); skipped otherwise.
/// </summary>
[RequiresEnvironmentVariable("QDRANT_URL")]
public sealed class RealQdrantConformanceTests : VectorStoreCollectionConformanceTests
{
    private ServiceProvider? _services;

    public override Task InitializeAsync()
    {
        _services = QdrantTestServices.Build(Environment.GetEnvironmentVariable("QDRANT_URL")!, Environment.GetEnvironmentVariable("QDRANT_API_KEY"));
        return Task.CompletedTask;
    }

    protected override Task<VectorStoreCollection<Guid, ChunkVectorRecord>> OpenCollectionAsync(string name, int dimensions) =>
        Task.FromResult<VectorStoreCollection<Guid, ChunkVectorRecord>>(
            new QdrantVectorStoreCollection(_services!.GetRequiredService<QdrantConnection>(), name, dimensions));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_services is not null) await _services.DisposeAsync();
    }
}
