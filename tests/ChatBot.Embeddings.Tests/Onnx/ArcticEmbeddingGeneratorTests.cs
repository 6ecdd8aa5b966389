using ChatBot.Core.Embeddings;
using ChatBot.Embeddings.Onnx;
using ChatBot.Testing;
using Microsoft.Extensions.AI;

namespace ChatBot.Embeddings.Tests.Onnx;

public sealed class ArcticEmbeddingGeneratorTests(ArcticFixture fixture) : IClassFixture<ArcticFixture>
{
    private ArcticEmbeddingGenerator Generator => fixture.Generator;

    private static IReadOnlyList<ArcticReference.Item> Documents => ArcticReference.Items.Where(i => i.Role == EmbeddingRole.Document).ToList();

    [Fact]
    public async Task Gives_384_dimension_unit_vectors_with_the_model_id_and_token_usage()
    {
        var result = await Generator.EmbedDocumentsAsync(["border security", "a", "The Mérida Initiative"]);

        Assert.Equal(3, result.Count);
        foreach (var e in result)
        {
            Assert.Equal(ArcticEmbeddingGenerator.EmbeddingDimensions, e.Vector.Length);
            Assert.InRange(Math.Sqrt(e.Vector.ToArray().Sum(v => (double)v * v)), 0.9999, 1.0001);
            Assert.Equal("snowflake-arctic-embed-xs", e.ModelId);
        }
        var expectedTokens = new[] { "border security", "a", "The Mérida Initiative" }.Sum(t => Generator.Tokenize(t).Length);
        Assert.Equal(expectedTokens, result.Usage?.InputTokenCount);
        Assert.Equal(EmbeddingRole.Document, result.AdditionalProperties?[EmbeddingRoles.PropertyName]);
    }

    [Fact]
    public async Task Results_keep_the_callers_order_whatever_the_length_sorted_batches()
    {
        // Shuffled so that sorting by length moves every text; batch size 4 makes several runs.
        var items = Documents.OrderBy(i => (i.Index * 7) % 11).ToList();
        var result = await Generator.GenerateAsync(items.Select(i => i.Text));
        for (var i = 0; i < items.Count; i++)
        {
            Assert.True(ArcticReference.MaxAbsDifference(result[i].Vector.Span, items[i].Embedding) < ArcticReference.Tolerance, items[i].ToString());
        }
    }

    [Fact]
    public async Task A_query_and_the_same_text_as_a_document_get_different_vectors()
    {
        const string question = "Who headed Mexico's national intelligence agency from 2007 to 2011?";
        var asQuery = await Generator.GenerateAsync([question], EmbeddingRoles.For(EmbeddingRole.Query));
        var asDocument = await Generator.GenerateAsync([question]);

        Assert.True(ArcticReference.MaxAbsDifference(asQuery[0].Vector.Span, asDocument[0].Vector.Span) > 0.01);
        Assert.Equal(EmbeddingRole.Query, asQuery.AdditionalProperties?[EmbeddingRoles.PropertyName]);
        Assert.True(asQuery.Usage?.InputTokenCount > asDocument.Usage?.InputTokenCount); // the instruction's tokens
    }

    [Fact]
    public async Task The_role_may_be_given_as_text_and_an_unknown_role_is_refused()
    {
        var byName = await Generator.GenerateAsync(["border"], new EmbeddingGenerationOptions { AdditionalProperties = new() { [EmbeddingRoles.PropertyName] = "query" } });
        var byEnum = await Generator.GenerateAsync(["border"], EmbeddingRoles.For(EmbeddingRole.Query));
        Assert.Equal(byEnum[0].Vector.ToArray(), byName[0].Vector.ToArray());

        await Assert.ThrowsAsync<ArgumentException>(() => Generator.GenerateAsync(["border"],
            new EmbeddingGenerationOptions { AdditionalProperties = new() { [EmbeddingRoles.PropertyName] = "question" } }));
    }

    [Fact]
    public async Task Concurrent_calls_give_the_same_vectors_as_one_call()
    {
        var texts = Documents.Select(d => d.Text).ToArray();
        var expected = await Generator.GenerateAsync(texts);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(k => Task.Run(() => Generator.GenerateAsync(texts.Skip(k).Concat(texts.Take(k))))));
        for (var k = 0; k < results.Length; k++)
        {
            for (var i = 0; i < texts.Length; i++)
            {
                Assert.True(ArcticReference.MaxAbsDifference(results[k][i].Vector.Span, expected[(i + k) % texts.Length].Vector.Span) < 1e-5);
            }
        }
    }

    [Fact]
    public async Task Bad_calls_are_refused_clearly_and_an_empty_call_is_empty()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() => Generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 256 }));
        await Assert.ThrowsAsync<NotSupportedException>(() => Generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "other" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Generator.GenerateAsync(["fine", null!]));
        Assert.Empty(await Generator.GenerateAsync([]));
        var empty = await Generator.GenerateAsync([""]); // [CLS] [SEP]: the model has a vector for it
        Assert.Equal(ArcticEmbeddingGenerator.EmbeddingDimensions, empty[0].Vector.Length);
    }

    [Fact]
    public async Task A_cancelled_call_stops()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Generator.GenerateAsync(["hello", "world"], cancellationToken: cts.Token));
    }

    [Fact]
    public void Describes_itself_through_metadata_and_get_service()
    {
        var metadata = Generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal("snowflake-arctic-embed-xs", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Same(Generator, Generator.GetService<ArcticEmbeddingGenerator>());
        Assert.Null(Generator.GetService<ArcticEmbeddingGenerator>("key"));
    }

    [Fact]
    public async Task The_model_loads_on_first_use_and_a_missing_file_is_named()
    {
        var dir = RepoPaths.NewTempDir();
        using var generator = new ArcticEmbeddingGenerator(dir); // constructing loads nothing
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => generator.GenerateAsync(["hello"]));
        Assert.Contains(Path.Combine(dir, "model.onnx"), error.Message);
        Assert.Contains("Embeddings:ModelDir", error.Message);
    }

    [Fact]
    public void By_default_the_files_come_from_beside_the_app()
    {
        var files = ArcticModelFiles.Resolve(null);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "models", "snowflake-arctic-embed-xs"), files.Directory);
        Assert.Equal(30_522, File.ReadLines(files.VocabularyPath).Count());
    }
}
