using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>A small invented team page: a table of people and their roles, and prose that names the roles only.</summary>
public sealed class TableRoleCorpus() : WrittenCorpus("table-role",
    ("team.md", string.Join("\n\n",
    "# Harbour office team",
    "## Who does what",
    "| Name | Role | Since |\n|---|---|---|\n| Greta Sundqvist | Finance lead | 2021 |\n| Tobias Maalouf | Harbour master | 2019 |\n| Ines Carrow | Berth clerk | 2022 |\n| Pavel Odin | Berth clerk | 2023 |",
    "## How we work",
    "Invoices from suppliers are approved by the finance lead before payment.",
    "Mooring requests are answered by the berth clerk on duty within a day.",
    "## In their own words",
    "“We pay every invoice within thirty days,” said Greta Sundqvist.",
    "“No boat leaves without a berth,” said Tobias Maalouf.",
    "“Boats come first,” said Ines Carrow. “Every berth is numbered,” said Pavel Odin.")));

/// <summary>
/// "Who approves invoices?" over "approved by the finance lead": a role that the team table gives one person stands for that
/// person, so the sentence answers who; a role two rows share names no one.
/// </summary>
public sealed class TableRoleTests(TableRoleCorpus corpus) : IClassFixture<TableRoleCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task A_role_the_table_gives_one_person_answers_who()
    {
        var plan = await _fixture.PlanAsync("who approves invoices from suppliers?");
        Assert.DoesNotContain("no-one-new", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("approved by the finance lead", plan.Segments[0].Text, StringComparison.Ordinal);
        Assert.Equal("Greta Sundqvist", plan.Segments[0].Lead); // the holder the role stands for opens the answer
    }

    [Fact]
    public async Task A_role_two_people_hold_names_no_one()
    {
        var plan = await _fixture.PlanAsync("who answers mooring requests?");
        Assert.False(plan.Answered, $"{plan.Reason} | {string.Join(" / ", plan.Segments.Select(s => s.Lead + ": " + s.Text))}");
        Assert.StartsWith("no-one-new", plan.Reason, StringComparison.Ordinal);
    }
}
