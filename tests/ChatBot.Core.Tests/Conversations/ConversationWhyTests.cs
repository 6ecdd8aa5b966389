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
    "From September the central library will open on Sundays from noon to five.")),
    ("trust.md", string.Join("\n\n",
    "# Brackwater library trust report",
    "Loans for the year were 84,000, up from 71,000 a year earlier.",
    "The trust opened its second branch, in Wexley, in 2021.",
    "The county grant to the trust was $40,000 in 2021.",
    "The county grant to the trust was $55,000 in 2023.",
    "Ivo Brandt, the head librarian, lives above the Wexley branch with his wife and runs its chess club.")));

/// <summary>
/// "why not?" after a sentence that gives its own reason: that sentence answers it again. Also the follow-ups that shift the time
/// ("and a year earlier?", "that year") and ask for what a sentence only mentions ("what's his wife's name?").
/// </summary>
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

    [Fact]
    public async Task A_year_earlier_is_answered_by_the_sentence_just_shown_when_it_compares_the_two_years()
    {
        var context = new AskContext(ConversationId: "year-earlier");
        var first = await _fixture.Engine.AskAsync("how many loans were there for the year?", context);
        Assert.Contains("84,000", first.Text, StringComparison.Ordinal);
        var earlier = await _fixture.Engine.AskAsync("and a year earlier?", context);
        Assert.True(earlier.Answered, earlier.Reason);
        Assert.Contains("71,000", earlier.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task That_year_is_the_year_the_last_answer_led_with()
    {
        var context = new AskContext(ConversationId: "that-year");
        var first = await _fixture.Engine.AskAsync("when did the trust open its second branch?", context);
        Assert.Contains("2021", first.Text, StringComparison.Ordinal);
        var grant = await _fixture.Engine.AskAsync("what was the county grant that year?", context);
        Assert.True(grant.Answered, grant.Reason);
        Assert.Contains("$40,000", grant.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("$55,000", grant.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_name_of_a_relative_a_sentence_only_mentions_is_refused()
    {
        var context = new AskContext(ConversationId: "relative");
        var who = await _fixture.Engine.AskAsync("who is Ivo Brandt?", context);
        Assert.Contains("head librarian", who.Text, StringComparison.Ordinal);
        var wife = await _fixture.Engine.AskAsync("what's his wife's name?", context);
        Assert.False(wife.Answered, wife.Text);
    }
}
