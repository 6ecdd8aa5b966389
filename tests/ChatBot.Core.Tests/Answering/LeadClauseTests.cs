using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>The small corpus of <see cref="LeadClauseTests"/>, built once for the class.</summary>
public sealed class LeadClauseCorpus() : WrittenCorpus("lead-clause",
    ("fares.md", string.Join("\n\n",
    "# Island ferry fares",
    "## Changes on 1 April",
    "New fares from 1 April: foot passenger single £3.40 (was £3.10); return ticket £6.20 (was £5.80); car single £19.00 (was £17.50).",
    "Season tickets keep their price until they expire.")));

/// <summary>A line of prices parted by semicolons: the item that leads is the one in the clause that names what was asked.</summary>
public sealed class LeadClauseTests(LeadClauseCorpus corpus) : IClassFixture<LeadClauseCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task The_old_price_leads_from_the_clause_that_names_the_ticket()
    {
        var answer = await _fixture.Engine.AskAsync("how much was a return ticket before april?", new AskContext());
        Assert.True(answer.Answered, answer.Reason);
        Assert.StartsWith("£5.80", answer.Text, StringComparison.Ordinal);
    }
}
