using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>The small corpus of <see cref="SectionSummaryTests"/>: a story whose central facts open its subheaded sections.</summary>
public sealed class SectionStoryCorpus() : WrittenCorpus("section-story", ("mill.md", string.Join("\n\n",
    "# Mill owner sells the old paper mill",
    "The owner of the old paper mill on the river sold the site on Monday to a housing trust, ending a long dispute over its future.",
    "“We are glad the mill will have a future and that the dispute is over,” the owner said about the sale of the mill.",
    "“The mill belongs to the town and the sale of the mill is good news for everyone,” a neighbour said on Monday.",
    "“Everyone in town has waited years for news about the future of the old mill,” the mayor said after the sale.",
    "## The price",
    "The trust paid 4.8 million for the site, which a surveyor valued at 6 million in the spring.",
    "The owner had asked for more before the dispute began and lowered the price twice.",
    "## Contact",
    "Readers with news about the mill may write to the newsroom by post or by email.")));

/// <summary>A document with sections is summarised by its lede and its sections' opening sentences, not by its echoing quotations.</summary>
public sealed class SectionSummaryTests(SectionStoryCorpus corpus) : IClassFixture<SectionStoryCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task A_sections_opening_fact_is_in_the_summary_and_a_one_sentence_section_is_not()
    {
        var answer = await _fixture.Engine.AskAsync("summarize the mill page");
        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(QuestionKind.Summary, answer.Kind);
        Assert.Contains("sold the site on Monday", answer.Text); // the lede
        Assert.Contains("4.8 million", answer.Text); // the opening of a section of two sentences
        Assert.DoesNotContain("newsroom", answer.Text); // a one-sentence section is a formality
    }
}
