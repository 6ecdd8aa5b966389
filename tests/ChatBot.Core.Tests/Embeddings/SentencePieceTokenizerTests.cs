using Xunit;
using ChatBot.Core.Embeddings;

namespace ChatBot.Core.Tests.Embeddings;

public sealed class SentencePieceTokenizerTests(UseLiteFixture fixture) : IClassFixture<UseLiteFixture>
{
    private SentencePieceTokenizer Tokenizer => fixture.Generator.Tokenizer;

    public static TheoryData<int> ReferenceIndexes() => [.. Enumerable.Range(0, ReferenceData.Items.Count)];

    public static TheoryData<int> CaseIndexes() => [.. Enumerable.Range(0, ReferenceData.TokenizerCases.Count)];

    [Fact]
    public void Reference_file_has_the_fifteen_sentences()
    {
        Assert.Equal(15, ReferenceData.Items.Count);
        Assert.Equal(8000, Tokenizer.VocabularySize);
    }

    [Theory]
    [MemberData(nameof(ReferenceIndexes))]
    public void Token_ids_equal_the_original_models_for_the_reference_sentences(int index)
    {
        var item = ReferenceData.Items[index];
        Assert.Equal(item.Tokens, Tokenizer.Encode(item.Text));
    }

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void Token_ids_equal_the_js_tokenizers_for_unicode_spacing_and_unknowns(int index)
    {
        var c = ReferenceData.TokenizerCases[index];
        Assert.Equal(c.Tokens, Tokenizer.Encode(c.Text));
    }

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void Nfkc_equals_javascripts_normalize(int index)
    {
        var c = ReferenceData.TokenizerCases[index];
        Assert.Equal(c.Nfkc, UnicodeNfkc.Normalize(c.Text));
    }

    [Fact]
    public void Nfkc_handles_compatibility_composition_and_reordering()
    {
        Assert.Equal("fi", UnicodeNfkc.Normalize("\uFB01"));
        Assert.Equal("\u00E9", UnicodeNfkc.Normalize("e\u0301"));
        Assert.Equal("\u1E69", UnicodeNfkc.Normalize("\u1E9B\u0323")); // UAX #15's example
        Assert.Equal("\uAC01", UnicodeNfkc.Normalize("\u1100\u1161\u11A8")); // Hangul jamo -> syllable
        Assert.Equal("\u0915\u093C", UnicodeNfkc.Normalize("\u0958")); // composition exclusion stays decomposed
        Assert.Equal("\u1EA1\u0301", UnicodeNfkc.Normalize("a\u0301\u0323")); // reordered: the dot below composes first
        Assert.Equal("plain ASCII stays", UnicodeNfkc.Normalize("plain ASCII stays"));
    }

    [Fact]
    public void Empty_text_has_no_tokens_and_a_space_is_a_separator()
    {
        Assert.Empty(Tokenizer.Encode(""));
        var space = Tokenizer.Encode(" ");
        Assert.Equal(2, space.Length); // "▁" for the start plus "▁" for the space
    }

    [Fact]
    public void Viterbi_prefers_the_higher_scoring_segmentation()
    {
        // "▁ab" can be "▁ab" (-10) or "▁a" + "b" (-1 + -1): the second wins.
        var tokenizer = Small(("▁ab", -10), ("▁a", -1), ("b", -1), ("▁", -5), ("a", -5));
        Assert.Equal([7, 8], tokenizer.Encode("ab"));
        var cheaper = Small(("▁ab", -1), ("▁a", -1), ("b", -1), ("▁", -5), ("a", -5));
        Assert.Equal([6], cheaper.Encode("ab"));
    }

    [Fact]
    public void Unknown_characters_are_id_zero_and_consecutive_ones_merge()
    {
        var tokenizer = Small(("▁a", -1), ("▁", -2), ("a", -2));
        Assert.Equal([6, 0, 8], tokenizer.Encode("axyza"));
        Assert.Equal([6, 0, 7, 0], tokenizer.Encode("axy xy"));
    }

    [Fact]
    public void Is_case_sensitive_and_null_scores_count_as_zero_with_the_references_zero_quirk()
    {
        // Expected ids come from running the JS tokenizer on this vocabulary.
        var path = Path.Combine(ChatBot.Testing.RepoPaths.NewTempDir(), "vocab.json");
        File.WriteAllText(path, """[["?",0],["<s>",0],["</s>",0],["x1",0],["x2",0],["x3",0],["▁A",null],["▁a",-1],["▁",-3],["A",-3],["a",-3],["b",-1]]""");
        var tokenizer = SentencePieceTokenizer.Load(path);
        Assert.Equal([7], tokenizer.Encode("a"));
        Assert.Equal([7, 6], tokenizer.Encode("a A"));     // "▁A" (null = 0) is the best way to spell "▁A"
        Assert.Equal([8, 9], tokenizer.Encode("A"));       // a best total of exactly 0 counts as "none yet" and is replaced
        Assert.Equal([8, 11, 6], tokenizer.Encode("b A"));
    }

    // Id 0's text is "�", one symbol, as in the real vocabulary: the walk back steps by the
    // length of the chosen piece's text, unknowns included (so the JS tokenizer does too).
    private static SentencePieceTokenizer Small(params (string Piece, double Score)[] pieces)
    {
        var vocabulary = new List<(string, double)> { ("\uFFFD", 0), ("<s>", 0), ("</s>", 0), ("e1", 0), ("e2", 0), ("e3", 0) };
        vocabulary.AddRange(pieces);
        return new SentencePieceTokenizer(vocabulary);
    }
}
