using ChatBot.Core.Embeddings;
using ChatBot.Embeddings.Onnx;

namespace ChatBot.Embeddings.Tests.Onnx;

/// <summary>BERT uncased behaviours beyond the reference texts, each one that a plain port gets wrong.</summary>
public sealed class BertUncasedTokenizerTests(ArcticFixture fixture) : IClassFixture<ArcticFixture>
{
    private BertUncasedTokenizer Tokenizer => fixture.Generator.Tokenizer;

    private int[] Ids(string text) => Tokenizer.Encode(text, ArcticEmbeddingGenerator.MaxTokens);

    [Fact]
    public void Wraps_the_text_in_cls_and_sep()
    {
        var ids = Ids("border");
        Assert.Equal(Tokenizer.ClassificationTokenId, ids[0]);
        Assert.Equal(Tokenizer.SeparatorTokenId, ids[^1]);
        Assert.Equal([Tokenizer.ClassificationTokenId, Tokenizer.SeparatorTokenId], Ids(""));
        Assert.Equal(Ids(""), Ids(" \t\r\n "));
    }

    [Fact]
    public void Line_breaks_and_tabs_separate_words_instead_of_gluing_them()
    {
        Assert.Equal(Ids("drug cartels"), Ids("drug\ncartels"));
        Assert.Equal(Ids("drug cartels"), Ids("drug\r\n\tcartels"));
        Assert.NotEqual(Ids("drug cartels"), Ids("drugcartels"));
    }

    [Fact]
    public void Ascii_symbols_are_tokens_of_their_own()
    {
        Assert.Equal(Ids("$ 80 | x ^ y ` z"), Ids("$80|x^y`z"));
        Assert.Equal(4, Ids("$80").Length); // [CLS] $ 80 [SEP]: the dollar sign is not dropped
    }

    [Fact]
    public void Case_and_accents_are_folded_and_controls_dropped()
    {
        Assert.Equal(Ids("valdes"), Ids("VALDÉS"));
        Assert.Equal(Ids("valdes"), Ids("Valde\u0301s")); // already decomposed
        Assert.Equal(Ids("senor"), Ids("se\u00F1or"));
        Assert.Equal(Ids("border"), Ids("bor\u200Bder\u0007")); // zero-width space (Cf) and BEL (Cc) vanish
    }

    [Fact]
    public void Cjk_ideographs_are_single_tokens_even_without_spaces()
    {
        Assert.Equal(Ids("中 文"), Ids("中文"));
        Assert.Equal(4, Ids("中文").Length);
    }

    [Fact]
    public void A_long_text_is_cut_to_511_tokens_and_sep()
    {
        var text = string.Join(' ', Enumerable.Repeat("border security", 400)); // 800 words
        var ids = Ids(text);
        Assert.Equal(ArcticEmbeddingGenerator.MaxTokens, ids.Length);
        Assert.Equal(Tokenizer.SeparatorTokenId, ids[^1]);
        Assert.Equal(Ids("border security")[1..^1], ids[1..3]);
        Assert.Equal(8, Tokenizer.Encode(text, 8).Length);
    }

    [Fact]
    public void A_query_is_prefixed_with_the_models_instruction_and_a_document_is_not()
    {
        var query = fixture.Generator.Tokenize("border", EmbeddingRole.Query);
        var document = fixture.Generator.Tokenize("border", EmbeddingRole.Document);
        Assert.Equal(Ids(ArcticEmbeddingGenerator.QueryPrefix + "border"), query);
        Assert.Equal(Ids("border"), document);
    }
}
