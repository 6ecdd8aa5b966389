using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>A name that a contract is made with, or that builds or supplies a thing, is a company (<see cref="AnswerItems"/>).</summary>
public sealed class MakerItemTests
{
    [Fact]
    public async Task A_name_after_contract_with_or_built_by_is_an_organisation_and_answers_which_company()
    {
        using var fixture = EngineFixture.Over("maker-corpus",
            ("minutes.md", string.Join("\n\n",
            "# Ferry board minutes",
            "## Fleet",
            "Staff recommended a contract with Dunmore Boatworks for 4 hybrid ferries at a total cost of $38 million.",
            "The ferries would replace diesel ferries built in 1998.",
            "Ms Ferrand declared an interest, as her brother works for a Dunmore supplier.")),
            ("about.md", string.Join("\n\n",
            "# About the ferry service",
            "| Fact | Figure |",
            "|---|---|",
            "| Ferries in the fleet | 12, of which 3 hybrid |",
            "| Crew | 140 |")));
        var snapshot = await fixture.Index.EnsureReadyAsync();
        var items = AnswerItems.For(snapshot);
        var unit = snapshot.Analysis("minutes.md").Sentences.Single(s => s.Text.Contains("contract with", StringComparison.Ordinal));
        Assert.Contains(items.In("minutes.md", unit), i => i is { Type: AnswerType.Organization, Text: "Dunmore Boatworks" });

        var answer = await fixture.Engine.AskAsync("Which company will build the new hybrid ferries?");
        Assert.True(answer.Answered);
        Assert.StartsWith("Dunmore Boatworks", answer.Text, StringComparison.Ordinal);
    }
}
