using Xunit;
using ChatBot.Core.Embeddings;
using ChatBot.Testing;
using Microsoft.Extensions.AI;

namespace ChatBot.Core.Tests.Embeddings;

public sealed class UseLiteEmbeddingGeneratorTests(UseLiteFixture fixture) : IClassFixture<UseLiteFixture>
{
    private const float Tolerance = 1e-4f;

    private UseLiteEmbeddingGenerator Generator => fixture.Generator;

    [Fact]
    public async Task Every_reference_embedding_is_within_1e4_when_embedded_as_one_batch()
    {
        var texts = ReferenceData.Items.Select(i => i.Text).ToList();
        var result = await Generator.GenerateAsync(texts);

        Assert.Equal(texts.Count, result.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var diff = ReferenceData.MaxAbsDiff(result[i].Vector.Span, ReferenceData.Items[i].Embedding);
            Assert.True(diff <= Tolerance, $"sentence {i}: max abs diff {diff:E2}");
            Assert.Equal(UseLiteEmbeddingGenerator.ModelName, result[i].ModelId);
        }
        Assert.Equal(ReferenceData.Items.Sum(i => i.Tokens.Length), result.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task Batch_and_single_calls_give_the_same_vectors()
    {
        var texts = ReferenceData.Items.Select(i => i.Text).ToList();
        var batch = await Generator.GenerateAsync(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            var single = await Generator.GenerateVectorAsync(texts[i]);
            var diff = ReferenceData.MaxAbsDiff(single.Span, batch[i].Vector.Span);
            Assert.True(diff <= 1e-5f, $"sentence {i}: batch vs single differ by {diff:E2}");
        }
    }

    [Fact]
    public async Task Vectors_are_unit_length_and_similar_texts_are_closer()
    {
        var result = await Generator.GenerateAsync([
            "Who led Mexico's intelligence agency?",
            "Who was the head of the Mexican intelligence service?",
            "My cat likes to sleep in the sun.",
        ]);
        foreach (var e in result)
        {
            Assert.Equal(UseLiteEmbeddingGenerator.EmbeddingDimensions, e.Vector.Length);
            Assert.InRange(Dot(e.Vector.Span, e.Vector.Span), 0.999f, 1.001f);
        }
        Assert.True(Dot(result[0].Vector.Span, result[1].Vector.Span) > Dot(result[0].Vector.Span, result[2].Vector.Span) + 0.2f);
    }

    [Fact]
    public async Task Concurrent_calls_from_several_threads_give_the_reference_vectors()
    {
        var items = ReferenceData.Items;
        var tasks = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            for (var round = 0; round < 4; round++)
            {
                // Each worker asks for a different slice, singly and in small batches.
                var picks = Enumerable.Range(0, 3).Select(k => (worker * 5 + round * 3 + k) % items.Count).ToArray();
                var result = await Generator.GenerateAsync(picks.Select(p => items[p].Text));
                for (var k = 0; k < picks.Length; k++)
                {
                    var diff = ReferenceData.MaxAbsDiff(result[k].Vector.Span, items[picks[k]].Embedding);
                    Assert.True(diff <= Tolerance, $"worker {worker} round {round} sentence {picks[k]}: {diff:E2}");
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Long_texts_are_cut_at_the_models_128_tokens_and_more_texts_than_a_batch_work()
    {
        var words = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i % 37}"));
        var texts = Enumerable.Range(0, 19).Select(i => i % 2 == 0 ? ReferenceData.Items[i % 15].Text : words).ToList();
        var result = await Generator.GenerateAsync(texts); // batch size 8 in the fixture: three runs
        Assert.Equal(19, result.Count);
        Assert.True(ReferenceData.MaxAbsDiff(result[0].Vector.Span, ReferenceData.Items[0].Embedding) <= Tolerance);
        Assert.Equal(UseLiteEmbeddingGenerator.MaxTokens * 9 + Enumerable.Range(0, 10).Sum(i => ReferenceData.Items[(2 * i) % 15].Tokens.Length),
            result.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task Empty_text_and_unsupported_options_are_refused_clearly()
    {
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => Generator.GenerateAsync(["fine", ""]));
        Assert.Contains("Text 1 to embed is empty", empty.Message);
        await Assert.ThrowsAsync<NotSupportedException>(() => Generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 256 }));
        var none = await Generator.GenerateAsync([]);
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_cancelled_call_throws_OperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Generator.GenerateAsync(["hello", "world"], cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Cancelling_during_the_runs_stops_them_with_OperationCanceled()
    {
        // 240 texts of 128 tokens take seconds; the cancel comes after 100 ms, inside the runs.
        var words = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i % 41}"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Task.Run(() => Generator.GenerateAsync(Enumerable.Repeat(words, 240), cancellationToken: cts.Token)));
    }

    [Fact]
    public async Task Metadata_names_the_model_and_its_dimensions()
    {
        var result = await Generator.GenerateAsync(["hello"]);
        Assert.Equal("use-lite-0.2.0", result.AdditionalProperties?["model"]);
        Assert.Equal(512, result.AdditionalProperties?["dimensions"]);

        var metadata = Generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal("use-lite-0.2.0", metadata.DefaultModelId);
        Assert.Equal(512, metadata.DefaultModelDimensions);
        Assert.Same(Generator, Generator.GetService<UseLiteEmbeddingGenerator>());
    }

    [Fact]
    public async Task A_missing_model_folder_gives_an_error_naming_the_path()
    {
        var dir = Path.Combine(RepoPaths.NewTempDir(), "nowhere");
        using var generator = new UseLiteEmbeddingGenerator(dir);
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => generator.GenerateAsync(["hello"]));
        Assert.Contains(Path.Combine(dir, "model.onnx"), error.Message);
        Assert.Contains("Embeddings:ModelDir", error.Message);
    }

    [Fact]
    public void The_default_search_finds_models_use_lite_of_this_repository()
    {
        var files = UseLiteModelFiles.Resolve(null);
        Assert.Equal(Path.GetFullPath(ReferenceData.ModelDir), Path.GetFullPath(files.Directory));
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
