using System.Text.Json;
using ChatBot.Core.Embeddings;
using ChatBot.Embeddings.Onnx;
using ChatBot.Testing;

namespace ChatBot.Embeddings.Tests.Onnx;

/// <summary>
/// tests/fixtures/models/arctic-xs-reference.json: token ids and embeddings of 19 texts computed outside
/// .NET (Hugging Face tokenizers.js + onnxruntime-node on the same ONNX file), rounded to 7 decimals.
/// Its last item is a whole article (past 512 tokens), kept beside it as arctic-xs-reference-long-text.txt.
/// </summary>
public static class ArcticReference
{
    public const double Tolerance = 1e-4;

    private static readonly Lazy<(string Sha256, IReadOnlyList<Item> Items)> Data = new(Load);

    public sealed record Item(int Index, string Text, EmbeddingRole Role, int[] Ids, float[] Embedding)
    {
        public override string ToString() => $"#{Index} {Role} '{(Text.Length > 40 ? Text[..40] + "…" : Text)}'";
    }

    public static IReadOnlyList<Item> Items => Data.Value.Items;

    public static string ModelSha256 => Data.Value.Sha256;

    private static (string, IReadOnlyList<Item>) Load()
    {
        var folder = Path.Combine(RepoPaths.Fixtures, "models");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "arctic-xs-reference.json")));
        var root = doc.RootElement;
        Assert.Equal(ArcticEmbeddingGenerator.QueryPrefix, root.GetProperty("query_prefix").GetString());
        Assert.Equal(ArcticEmbeddingGenerator.EmbeddingDimensions, root.GetProperty("dimensions").GetInt32());
        Assert.Equal(ArcticEmbeddingGenerator.MaxTokens, root.GetProperty("max_tokens").GetInt32());
        var items = root.GetProperty("items").EnumerateArray().Select((item, i) =>
        {
            var text = item.GetProperty("text").GetString()!;
            if (text.StartsWith("(corpus/", StringComparison.Ordinal)) text = File.ReadAllText(Path.Combine(folder, "arctic-xs-reference-long-text.txt"));
            return new Item(
                i,
                text,
                item.GetProperty("role").GetString() == "query" ? EmbeddingRole.Query : EmbeddingRole.Document,
                item.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                item.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray());
        }).ToList();
        return (root.GetProperty("model_onnx_sha256").GetString()!, items);
    }

    public static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0.0;
        for (var i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        return max;
    }
}

/// <summary>One model for a test class (loading it takes a moment); batches of 4 so that calls span several runs.</summary>
public sealed class ArcticFixture : IDisposable
{
    public ArcticEmbeddingGenerator Generator { get; } = new(batchSize: 4);

    public void Dispose() => Generator.Dispose();
}
