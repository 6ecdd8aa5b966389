using ChatBot.Core.Embeddings;
using Xunit;
using System.Text.Json;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Embeddings;

/// <summary>The original TF.js model's own outputs (tests/fixtures/models/use-lite-reference.json)
/// and the JS tokenizer's ids for harder texts (tokenizer-cases.json beside this file).</summary>
internal static class ReferenceData
{
    public sealed record Item(string Text, int[] Tokens, float[] Embedding);

    public sealed record TokenizerCase(string Text, string Nfkc, int[] Tokens);

    public static IReadOnlyList<Item> Items { get; } = LoadItems();

    public static IReadOnlyList<TokenizerCase> TokenizerCases { get; } = LoadTokenizerCases();

    public static string ModelDir => Path.Combine(RepoPaths.Models, "use-lite");

    private static List<Item> LoadItems()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "models", "use-lite-reference.json")));
        return doc.RootElement.GetProperty("items").EnumerateArray().Select(e => new Item(
            e.GetProperty("text").GetString()!,
            e.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).ToArray(),
            e.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray())).ToList();
    }

    private static List<TokenizerCase> LoadTokenizerCases()
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "ChatBot.Core.Tests", "Embeddings", "tokenizer-cases.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("items").EnumerateArray().Select(e => new TokenizerCase(
            e.GetProperty("text").GetString()!,
            e.GetProperty("nfkc").GetString()!,
            e.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).ToArray())).ToList();
    }

    public static float MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0f;
        for (var i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}

/// <summary>One loaded model shared by the tests of a class (loading takes about a second).</summary>
public sealed class UseLiteFixture : IDisposable
{
    public UseLiteEmbeddingGenerator Generator { get; } = new(ReferenceData.ModelDir, batchSize: 8);

    public void Dispose() => Generator.Dispose();
}
