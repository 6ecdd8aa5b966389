using Xunit;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Core.Tests.VectorStores;

public sealed class RecordFilterAndProviderTests
{
    [Fact]
    public void Translates_equality_on_source_and_chunk_id()
    {
        var source = "b.txt";
        Assert.Equal(new FieldEqualsFilter(RecordField.Source, "a.txt"), RecordFilter.From(r => r.Source == "a.txt"));
        Assert.Equal(new FieldEqualsFilter(RecordField.Source, "b.txt"), RecordFilter.From(r => r.Source == source));
        Assert.Equal(new FieldEqualsFilter(RecordField.ChunkId, "c"), RecordFilter.From(r => "c" == r.ChunkId));
        Assert.IsType<NotFilter>(RecordFilter.From(r => r.Source != "a.txt"));
        var both = Assert.IsType<AllOfFilter>(RecordFilter.From(r => r.Source == "a" && !(r.ChunkId == "x")));
        Assert.Equal(2, both.Parts.Count);
        Assert.IsType<AnyOfFilter>(RecordFilter.From(r => r.Source == "a" || r.Source == "b"));
        Assert.Null(RecordFilter.From(null));
    }

    [Fact]
    public void Rejects_what_no_store_can_filter_on()
    {
        Assert.Throws<NotSupportedException>(() => RecordFilter.From(r => r.Text == "x"));
        Assert.Throws<NotSupportedException>(() => RecordFilter.From(r => r.Source.StartsWith("a")));
        Assert.Throws<NotSupportedException>(() => RecordFilter.From(r => r.Source == r.ChunkId));
    }

    [Fact]
    public void Matches_records()
    {
        var record = new ChunkVectorRecord { ChunkId = "c1", Source = "a.txt" };
        Assert.True(RecordFilter.From(r => r.Source == "a.txt" && r.ChunkId != "c2")!.Matches(record));
        Assert.False(RecordFilter.From(r => r.Source == "b.txt" || r.ChunkId == "c2")!.Matches(record));
    }

    [Theory]
    [InlineData(null, null, VectorStoreProvider.Embedded)]
    [InlineData(null, "http://localhost:6334", VectorStoreProvider.Qdrant)]
    [InlineData("Embedded", "http://localhost:6334", VectorStoreProvider.Embedded)]
    [InlineData("qdrant", null, VectorStoreProvider.Qdrant)]
    public void Resolves_the_provider(string? provider, string? qdrantUrl, VectorStoreProvider expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VectorStore:Provider"] = provider,
            ["Qdrant:Url"] = qdrantUrl,
        }).Build();
        Assert.Equal(expected, VectorStoreOptions.ResolveProvider(configuration));
    }

    [Fact]
    public void An_unknown_provider_is_a_clear_error()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["VectorStore:Provider"] = "Pinecone" }).Build();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => VectorStoreOptions.ResolveProvider(configuration));
        Assert.Contains("'Pinecone' is unknown", error.Message);
    }

    [Fact]
    public void Safe_index_names_are_stable_and_distinct()
    {
        Assert.Equal("abc-123", IndexNames.ToSafe("abc-123"));
        var a = IndexNames.ToSafe("hash/model:a");
        Assert.Equal(a, IndexNames.ToSafe("hash/model:a"));
        Assert.NotEqual(a, IndexNames.ToSafe("hash/model/a"));
        Assert.Matches("^[a-z0-9_-]+$", a);
    }
}
