using System.Security.Cryptography;
using ChatBot.Core.Embeddings;
using Xunit.Abstractions;

namespace ChatBot.Embeddings.Tests.Onnx;

/// <summary>The port is right when every token id matches the reference and every embedding is within 1e-4.</summary>
public sealed class ArcticReferenceTests(ArcticFixture fixture, ITestOutputHelper output) : IClassFixture<ArcticFixture>
{
    [Fact]
    public void The_model_file_is_the_one_the_reference_was_computed_with()
    {
        using var stream = File.OpenRead(fixture.Generator.Files.ModelPath);
        Assert.Equal(ArcticReference.ModelSha256, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    [Fact]
    public void Every_token_id_matches_the_reference()
    {
        Assert.Equal(19, ArcticReference.Items.Count);
        var mismatches = ArcticReference.Items
            .Select(item => (item, ids: fixture.Generator.Tokenize(item.Text, item.Role)))
            .Where(x => !x.ids.SequenceEqual(x.item.Ids))
            .Select(x => $"{x.item}: expected [{string.Join(",", x.item.Ids)}], got [{string.Join(",", x.ids)}]")
            .ToList();
        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Every_embedding_is_within_1e_4_of_the_reference_in_one_call_per_role()
    {
        var worst = 0.0;
        foreach (var role in new[] { EmbeddingRole.Document, EmbeddingRole.Query })
        {
            var items = ArcticReference.Items.Where(i => i.Role == role).ToList();
            // One call: texts of every length sorted into several padded batches, run in parallel.
            var result = await fixture.Generator.GenerateAsync(items.Select(i => i.Text), EmbeddingRoles.For(role));
            Assert.Equal(items.Count, result.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var difference = ArcticReference.MaxAbsDifference(result[i].Vector.Span, items[i].Embedding);
                Assert.True(difference < ArcticReference.Tolerance, $"{items[i]}: max |diff| {difference:E2}");
                worst = Math.Max(worst, difference);
            }
        }
        output.WriteLine($"max |diff| over 19 embeddings: {worst:E2}");
    }

    [Fact]
    public async Task Queries_embedded_one_by_one_through_the_engine_api_match_the_reference()
    {
        foreach (var item in ArcticReference.Items.Where(i => i.Role == EmbeddingRole.Query))
        {
            var vector = await fixture.Generator.EmbedQueryAsync(item.Text);
            Assert.True(ArcticReference.MaxAbsDifference(vector.Span, item.Embedding) < ArcticReference.Tolerance, item.ToString());
        }
    }
}
