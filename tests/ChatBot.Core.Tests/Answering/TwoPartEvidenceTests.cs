using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>A small invented note on two bridges, for the two-part evidence tests below.</summary>
public sealed class BridgesCorpus() : WrittenCorpus("two-part-corpus",
    ("bridges.md", string.Join("\n\n",
    "# Bridges of the lower valley",
    "The Orlen Bridge rises 48 metres above the river and opened on 3 May 2019.",
    "Its deck carries two traffic lanes and a cycle path, and a toll is charged only on weekdays.",
    "The older Tessart Bridge, a stone arch, was closed to lorries in 2016 after cracks were found in its piers.",
    "Repairs to the Tessart Bridge are expected to cost about 3 million euros and to take two years.")));

/// <summary>
/// A two-part question is decided on what the whole answer says of the whole question: one sentence that answers both
/// parts counts for both (its words are not weighed at the half a part's own ranking gives the other part's words), and a
/// part's item is placed by the words of the other part too ("how high is it?": "it" is what the first part names).
/// </summary>
public sealed class TwoPartEvidenceTests(BridgesCorpus corpus) : IClassFixture<BridgesCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task A_sentence_that_answers_both_parts_counts_for_both()
    {
        var plan = await _fixture.PlanAsync("When did the Orlen Bridge open, and how high is it?");
        Assert.Equal(QuestionKind.TwoPart, plan.Kind);
        var segment = Assert.Single(plan.Segments);
        Assert.Contains("3 May 2019", segment.Text, StringComparison.Ordinal);
        Assert.Contains("48 metres", segment.Text, StringComparison.Ordinal);
        // "48 metres" sits next to the bridge the first part names, though far from any word of its own part.
        Assert.Equal(0, plan.Evidence[EvidenceFeatures.ItemFar]);
        // The same words asked as one question weigh what the sentence holds the same.
        var one = await _fixture.PlanAsync("How high is the Orlen Bridge that opened?");
        Assert.Equal(one.Evidence[EvidenceFeatures.MatchedWeight], plan.Evidence[EvidenceFeatures.MatchedWeight], 6);
        Assert.True(plan.Answered, plan.Reason);
    }

    [Fact]
    public async Task Numbers_each_part_names_are_looked_for_in_the_whole_answer()
    {
        var plan = await _fixture.PlanAsync("What happened to the Tessart Bridge in 2016 and when did the Orlen Bridge open in 2019?");
        Assert.Equal(QuestionKind.TwoPart, plan.Kind);
        Assert.Equal(0, plan.Evidence[EvidenceFeatures.NumbersMissing]);
    }

    [Theory]
    [InlineData("how high is the tower", AnswerType.Number)]
    [InlineData("How deep is the harbour?", AnswerType.Number)]
    public void How_high_or_deep_asks_for_a_number(string question, AnswerType type) =>
        Assert.Equal(type, QuestionAnalyzer.Analyze(question).Type);
}
