namespace ChatBot.Core.Tests.Answering;

/// <summary>The small corpus of <see cref="TableCellLeadTests"/>, built once for the class.</summary>
public sealed class TableCellLeadCorpus() : WrittenCorpus("table-lead",
    ("fares.md", string.Join("\n\n",
    "# Estuary ferry fares",
    "## Tickets",
    "Tickets are sold on board and at the pier kiosks. Children under five travel free on every crossing.",
    "| Ticket | Adult price | Senior price | Student price |\n|---|---|---|---|\n| Single crossing | $3.20 | $1.60 | $2.40 |\n| Day ticket | $7.50 | $3.75 | $5.60 |\n| Monthly ticket | $96.00 | $48.00 | $72.00 |",
    "## Timetable",
    "Boats leave the north pier every twenty minutes from early morning until late evening.")),
    ("news.txt", string.Join("\n\n",
    "Ferry company buys a new boat",
    "The estuary ferry company has bought a second-hand boat from a northern operator to cover the winter refits.",
    "The boat seats 120 passengers and will enter service after a safety inspection next month.")));

/// <summary>
/// A table row answers with the cell under the column the question names: the word every column shares ("price") is as near
/// to each price, the word only one column has ("senior") picks the cell.
/// </summary>
public sealed class TableCellLeadTests(TableCellLeadCorpus corpus) : IClassFixture<TableCellLeadCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Theory]
    [InlineData("what is the senior price of a monthly ticket?", "$48.00")]
    [InlineData("how much is the student price for a day ticket", "$5.60")]
    public async Task The_answer_opens_with_the_value_under_the_named_column(string question, string value)
    {
        var answer = await _fixture.Engine.AskAsync(question);
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith(value + ":", answer.Text);
    }

    [Fact]
    public async Task A_question_naming_no_column_gets_the_row_without_a_guessed_lead()
    {
        var answer = await _fixture.Engine.AskAsync("what do day tickets cost?");
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("Ticket: Day ticket; Adult price: $7.50;", answer.Text);
    }
}
