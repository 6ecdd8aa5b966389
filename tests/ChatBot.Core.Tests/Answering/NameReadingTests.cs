using ChatBot.Core.Answering;
using ChatBot.Core.Search;

namespace ChatBot.Core.Tests.Answering;

/// <summary>
/// An invented inquiry report: its author is named only in the manifest, and one agency only by its full name in a
/// list with commas ("the Office of Roads, Bridges, Tunnels and Ferries"), never by its initials.
/// </summary>
public sealed class InquiryCorpus() : WrittenCorpus("name-reading-corpus",
    ("inquiry.txt", string.Join("\n\n",
    "Inquiry into the coast road closure",
    "The inquiry into last winter's closure of the coast road reported on Friday after nine months of hearings.",
    "Its evidence was gathered by the county police, the Office of Roads, Bridges, Tunnels and Ferries, and the harbour authority.",
    "The report recommends a second road inland before the next storm season.")),
    ("fares.md", string.Join("\n\n",
    "# Ferry fares",
    "A single crossing costs 4.50 EUR for a foot passenger and 21.00 EUR with a car.")),
    ("manifest.json", """
    {"documents": [
      {"file": "inquiry.txt", "title": "Inquiry into the coast road closure", "outlet": "Veltia Courier", "author": "Tove Lindahl", "date": "2024-11-08", "url": null},
      {"file": "fares.md", "title": "Ferry fares", "outlet": "Veltia Ferries", "author": null, "date": null, "url": null}
    ]}
    """));

public sealed class NameReadingTests(InquiryCorpus corpus) : IClassFixture<InquiryCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Theory]
    [InlineData("Who is Tove Lindahl?")]
    [InlineData("tove lindahl?")]
    [InlineData("who is lindahl")]
    public async Task Someone_named_only_as_an_author_is_described_by_what_they_wrote(string question)
    {
        var answer = await _fixture.Engine.AskAsync(question);
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("Tove Lindahl wrote “Inquiry into the coast road closure” (Veltia Courier; 2024-11-08; inquiry.txt)", answer.Text, StringComparison.Ordinal);
        Assert.Equal("inquiry.txt", Assert.Single(answer.Citations).Source);
    }

    [Fact]
    public async Task Someone_neither_the_text_nor_the_metadata_names_gets_no_byline()
    {
        var answer = await _fixture.Engine.AskAsync("Who is Greta Holm?");
        Assert.DoesNotContain(" wrote “", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_acronym_stands_for_capitalised_words_listed_with_commas_inside_a_longer_name()
    {
        var vocabulary = CorpusVocabulary.For(await _fixture.Index.EnsureReadyAsync());
        Assert.Equal(["road", "bridg", "tunnel"], vocabulary.Expand("RBT"));
        var plan = await _fixture.PlanAsync("What is the RBT?");
        Assert.True(plan.Answered, plan.Reason);
        Assert.Contains("Office of Roads, Bridges, Tunnels and Ferries", plan.Segments[0].Text, StringComparison.Ordinal);
    }
}
