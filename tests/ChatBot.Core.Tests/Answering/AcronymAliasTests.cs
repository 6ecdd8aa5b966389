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

public sealed class InitialsOnlyCorpus() : WrittenCorpus("initials-only-corpus",
    ("pilots.md", string.Join("\n\n",
        "# Pilots object to the new channel",
        "Rolf Amund, director of the Coastal Pilots Guild, said the dredged channel was too narrow for winter traffic.",
        "The CPG also wants the port to publish its survey of the channel before the spring.",
        "The port said the survey would be out in March.")));

/// <summary>"What is the CPG?" where the corpus names the body in full once, without brackets, and by its initials after.</summary>
public sealed class InitialsOnlyTests(InitialsOnlyCorpus corpus) : IClassFixture<InitialsOnlyCorpus>
{
    [Fact]
    public async Task What_an_acronym_is_is_told_by_the_sentence_naming_it_in_full()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("what is the CPG");
        Assert.True(answer.Answered);
        Assert.Contains("Coastal Pilots Guild", answer.Text, StringComparison.Ordinal);
    }
}
