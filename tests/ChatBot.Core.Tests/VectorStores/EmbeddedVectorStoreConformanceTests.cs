using Xunit;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Testing;
using ChatBot.Testing.VectorStoreConformance;
using Microsoft.Extensions.VectorData;

namespace ChatBot.Core.Tests.VectorStores;

/// <summary>The shared conformance suite against the embedded file store.</summary>
public sealed class EmbeddedVectorStoreConformanceTests : VectorStoreCollectionConformanceTests
{
    private readonly string _directory = RepoPaths.NewTempDir("chatbot-vectors");

    protected override Task<VectorStoreCollection<Guid, ChunkVectorRecord>> OpenCollectionAsync(string name, int dimensions) =>
        Task.FromResult<VectorStoreCollection<Guid, ChunkVectorRecord>>(new EmbeddedVectorStoreCollection(_directory, name, dimensions));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
