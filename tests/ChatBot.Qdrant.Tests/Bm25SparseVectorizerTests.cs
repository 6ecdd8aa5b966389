using Xunit;

namespace ChatBot.Qdrant.Tests;

public sealed class Bm25SparseVectorizerTests
{
    [Fact]
    public void Term_ids_are_fnv1a_of_the_lowercase_token_in_31_bits()
    {
        // FNV-1a 32-bit reference values: "a" = 0xE40C292C, "foobar" = 0xBF9CF968.
        Assert.Equal(0xE40C292Cu & 0x7FFFFFFF, Bm25SparseVectorizer.TermId("a"));
        Assert.Equal(0xBF9CF968u & 0x7FFFFFFF, Bm25SparseVectorizer.TermId("foobar"));
        var vector = Bm25SparseVectorizer.Default.ForQuery("FooBar");
        Assert.Equal([Bm25SparseVectorizer.TermId("foobar")], vector.Indices);
    }

    [Fact]
    public void Tokenizes_on_letters_and_digits()
    {
        Assert.Equal(["méxico", "s", "2024", "fentanyl", "accord"], Bm25SparseVectorizer.Tokenize("México's 2024 fentanyl-accord!"));
    }

    [Fact]
    public void Documents_carry_saturated_term_frequencies_and_queries_ones()
    {
        var vectorizer = new Bm25SparseVectorizer(k1: 1.2, b: 0.75, averageDocumentLength: 4);
        var document = vectorizer.ForDocument("cartel cartel border policy");
        var cartel = Array.IndexOf(document.Indices, Bm25SparseVectorizer.TermId("cartel"));
        var border = Array.IndexOf(document.Indices, Bm25SparseVectorizer.TermId("border"));
        // length 4 = average: tf·2.2 / (tf + 1.2)
        Assert.Equal(2 * 2.2 / (2 + 1.2), document.Values[cartel], 1e-5);
        Assert.Equal(1 * 2.2 / (1 + 1.2), document.Values[border], 1e-5);
        Assert.Equal(3, document.Indices.Length);
        Assert.True(document.Indices.SequenceEqual(document.Indices.Order()));

        var query = vectorizer.ForQuery("border border cartel");
        Assert.Equal([1f, 1f], query.Values);
    }
}
