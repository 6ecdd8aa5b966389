using ChatBot.Core.Embeddings;
using Microsoft.Extensions.AI;

namespace ChatBot.Embeddings.Tests;

public sealed class EmbeddingRolesTests
{
    [Fact]
    public void No_role_means_document()
    {
        Assert.Equal(EmbeddingRole.Document, EmbeddingRoles.Of(null));
        Assert.Equal(EmbeddingRole.Document, EmbeddingRoles.Of(new EmbeddingGenerationOptions()));
        Assert.Equal(EmbeddingRole.Query, EmbeddingRoles.Of(EmbeddingRoles.For(EmbeddingRole.Query)));
        Assert.Equal(EmbeddingRole.Query, EmbeddingRoles.Of(new EmbeddingGenerationOptions { AdditionalProperties = new() { ["embedding_role"] = "Query" } }));
        Assert.Throws<ArgumentException>(() => EmbeddingRoles.Of(new EmbeddingGenerationOptions { AdditionalProperties = new() { ["embedding_role"] = 7 } }));
    }

    [Fact]
    public void Without_removes_only_the_role_and_leaves_the_callers_options_alone()
    {
        var options = new EmbeddingGenerationOptions { Dimensions = 16, AdditionalProperties = new() { ["embedding_role"] = EmbeddingRole.Query, ["user"] = "u1" } };

        var forwarded = EmbeddingRoles.Without(options)!;

        Assert.Equal(16, forwarded.Dimensions);
        Assert.False(forwarded.AdditionalProperties!.ContainsKey("embedding_role"));
        Assert.Equal("u1", forwarded.AdditionalProperties["user"]);
        Assert.Equal(EmbeddingRole.Query, EmbeddingRoles.Of(options)); // unchanged
        Assert.Null(EmbeddingRoles.Without(EmbeddingRoles.For(EmbeddingRole.Document))!.AdditionalProperties);
        var plain = new EmbeddingGenerationOptions { Dimensions = 8 };
        Assert.Same(plain, EmbeddingRoles.Without(plain)); // nothing to remove: no copy
        Assert.Null(EmbeddingRoles.Without(null));
    }
}
