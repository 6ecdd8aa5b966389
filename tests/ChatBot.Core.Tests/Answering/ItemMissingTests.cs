using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>A small invented harbour notice, for the asked-item tests below.</summary>
public sealed class FerryCorpus() : WrittenCorpus("item-missing-corpus",
    ("terminal.md", string.Join("\n\n",
    "# The new ferry terminal",
    "The harbour office opened a new ferry terminal on the east quay.",
    "Harbour master Elin Rask said the terminal would shorten crossings to the islands.",
    "The terminal has 14 berths and a heated waiting hall.")));

/// <summary>
/// A question that asks for an item (a date, a number, a place, someone's words) is refused when the best answer holds
/// none, however well its words match: "when did X open the terminal" over "X opened the terminal" says nothing of when.
/// </summary>
public sealed class ItemMissingTests(FerryCorpus corpus) : IClassFixture<FerryCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    private Task<AnswerPlan> PlanAsync(string question) => _fixture.PlanAsync(question);

    [Theory]
    [InlineData("When did the harbour office open the new ferry terminal?")]
    [InlineData("ferry terminal opening date")]
    public async Task An_answer_without_the_asked_item_is_refused(string question)
    {
        var plan = await PlanAsync(question);
        Assert.False(plan.Answered);
        Assert.StartsWith("no-item", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_holding_the_asked_item_is_decided_by_the_model()
    {
        var plan = await PlanAsync("How many berths does the new ferry terminal have?");
        Assert.True(plan.Answered);
        Assert.Contains("14 berths", plan.Segments[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("What is the name of the newspaper that interviewed the harbour master?", AnswerType.Organization)]
    [InlineData("whats the name of rask's lawyer", AnswerType.Person)]
    [InlineData("which journalist wrote the notice", AnswerType.Person)]
    [InlineData("What is the name of the terminal?", AnswerType.Any)]
    [InlineData("What is the name of the Harbour Office spokeswoman quoted about the crossings?", AnswerType.Person)]
    [InlineData("ferry terminal opening date", AnswerType.Date)]
    [InlineData("What is the submission deadline?", AnswerType.Date)]
    [InlineData("What date is it?", AnswerType.Date)]
    [InlineData("How do I update the date format?", AnswerType.Any)]
    public void The_name_of_a_kind_asks_for_that_kind_and_a_bare_date_for_a_date(string question, AnswerType type) =>
        Assert.Equal(type, QuestionAnalyzer.Analyze(question).Type);
}
