using ChatBot.Core.Search;

namespace ChatBot.Core.Tests.Answering;

public sealed class AcronymAliasCorpus() : WrittenCorpus("acronym-alias-corpus",
    ("storm.md", string.Join("\n\n",
        "# Storm closes the harbour road",
        "The Regional Flood Board (RFB) closed the harbour road on Monday after the tide topped the sea wall.",
        "The RFB said the road would stay shut for a week.",
        "Volunteers filled sandbags at the sports hall through the night.",
        "The Regional Flood Board said it had sent four pumps to the harbour, and a spokesperson, Ana Ortiz, said more would follow if the rain kept up.",
        "Residents were asked to keep off the beach.")));

/// <summary>
/// A question using an acronym the corpus writes and spells out finds the sentence naming the body in full
/// (<see cref="CorpusVocabulary.Aliases"/>, <see cref="CorpusVocabulary.WithAliasNames"/>).
/// </summary>
public sealed class AcronymAliasTests(AcronymAliasCorpus corpus) : IClassFixture<AcronymAliasCorpus>
{
    [Fact]
    public async Task An_acronym_the_corpus_spells_out_is_read_with_its_name()
    {
        var vocabulary = CorpusVocabulary.For(await corpus.Fixture.Index.EnsureReadyAsync());
        Assert.Equal(["region", "flood", "board"], vocabulary.Aliases("Who was the RFB spokesperson?")["rfb"]);
        Assert.Equal("Who was the RFB (Regional Flood Board) spokesperson?", vocabulary.WithAliasNames("Who was the RFB spokesperson?"));
        Assert.Empty(vocabulary.Aliases("Who was the spokesperson?"));
    }

    [Fact]
    public async Task A_sentence_naming_the_body_in_full_answers_a_question_using_its_acronym()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("Who was the RFB spokesperson?");
        Assert.True(answer.Answered);
        Assert.StartsWith("Ana Ortiz", answer.Text, StringComparison.Ordinal);
    }
}
