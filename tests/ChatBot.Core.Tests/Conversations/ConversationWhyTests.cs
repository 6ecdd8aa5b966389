using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Conversations;

/// <summary>The small corpus of <see cref="ConversationWhyTests"/>, built once for the class.</summary>
public sealed class WhyCorpus() : WrittenCorpus("why-corpus",
    ("minutes.md", string.Join("\n\n",
    "# Minutes of the Brackwater library board, 3 June",
    "## New mobile library van",
    "The board considered a contract with Fenwick Coachworks for a new mobile library van at a cost of $180,000.",
    "Ms Hallgren declared an interest, as her brother works for Fenwick Coachworks, and did not take part in the vote.",
    "The contract was approved by four votes to one.",
    "## Fern Hill stop",
    "- The mobile library stop at Fern Hill is withdrawn from 1 July.",
    "- Reason: the stop had an average of 2 borrowers per visit, the fewest of any stop on the round.",
    "- Borrowers at the Fern Hill stop can use the book locker at the village hall, the nearest stop to it.",
    "## Opening hours",
    "From September the central library will open on Sundays from noon to five.")));

/// <summary>"why not?" after a sentence that gives its own reason: that sentence answers it again.</summary>
public sealed class ConversationWhyTests(WhyCorpus corpus) : IClassFixture<WhyCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task Why_not_after_a_sentence_holding_its_reason_shows_that_sentence()
    {
        var context = new AskContext(ConversationId: "why");
        var first = await _fixture.Engine.AskAsync("which board member did not take part in the vote on the van?", context);
        Assert.Contains("Hallgren", first.Text, StringComparison.Ordinal);
        var why = await _fixture.Engine.AskAsync("why not?", context);
        Assert.True(why.Answered, why.Reason);
        Assert.Contains("her brother works for Fenwick Coachworks", why.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Why_after_a_line_that_names_itself_the_reason_shows_that_line_again()
    {
        var context = new AskContext(ConversationId: "why-reason");
        var first = await _fixture.Engine.AskAsync("which stop had the fewest borrowers?", context);
        Assert.Contains("Reason:", first.Text, StringComparison.Ordinal);
        var why = await _fixture.Engine.AskAsync("why?", context);
        Assert.True(why.Answered, why.Reason);
        Assert.Contains("2 borrowers per visit", why.Text, StringComparison.Ordinal);
    }
}
