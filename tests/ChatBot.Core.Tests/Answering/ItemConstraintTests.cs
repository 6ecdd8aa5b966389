using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>A small invented ferry board's minutes, dated, for the item-constraint tests below.</summary>
public sealed class FerryMinutesCorpus() : WrittenCorpus("item-constraint-corpus",
    ("minutes.md", string.Join("\n\n",
    "---\ntitle: Ferry board minutes\ndate: 2031-05-14\n---",
    "# Ferry board minutes",
    "## 4. Electric ferries (Resolution 2031-19)",
    "The board approved a contract with Brisk Marine for two electric ferries at a cost of $9 million.",
    "The ferries would replace the diesel ferries built in 2004.",
    "## 2 March 2031 - Timetable changes",
    "- The night crossing to Skerry Point, which was withdrawn in 2029, will not return.",
    "## Staff",
    "The new harbour pilot spent six years at a marine survey office and most recently ran the crossings for a tug operator.")));

/// <summary>
/// An item answers only when it fits what the question fixes: the year it names, the future it asks about, the kind of name
/// it asks for. A sentence whose only date is for another year, or is past when the question asks what will happen, or
/// that names no organisation when one is asked for, holds no asked item and is refused as such (the no-item rule).
/// </summary>
public sealed class ItemConstraintTests(FerryMinutesCorpus corpus) : IClassFixture<FerryMinutesCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Theory]
    // A date of another year (the section's heading) is no month of the year asked.
    [InlineData("In which month of 2029 was the night crossing to Skerry Point withdrawn?")]
    // Past years in minutes dated 2031 tell no date still to come; "2031-19" is a resolution's number, no date.
    [InlineData("When will the two electric ferries be delivered?")]
    // "a tug operator" names no company.
    [InlineData("Which tug towing company did the new harbour pilot work for?")]
    public async Task A_sentence_whose_items_do_not_fit_the_question_is_refused(string question)
    {
        var plan = await _fixture.PlanAsync(question);
        Assert.False(plan.Answered);
        Assert.StartsWith("no-item", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_in_the_year_asked_still_answers()
    {
        var plan = await _fixture.PlanAsync("When were the diesel ferries built?");
        Assert.True(plan.Answered, plan.Reason);
        Assert.Contains("2004", plan.Segments[0].Lead ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("In which month of 2023 was it withdrawn?", new[] { 2023 })]
    [InlineData("what happened during 2019 and in 2020", new[] { 2019, 2020 })]
    [InlineData("When was the 2019 report published?", new int[0])]
    [InlineData("What was decided in 2019-20?", new int[0])]
    public void The_years_a_question_fixes_follow_a_preposition(string question, int[] years) =>
        Assert.Equal(years, QuestionAnalyzer.FixedYears(question));

    [Theory]
    [InlineData("Which electric bike company did she work for?", AnswerType.Organization)]
    [InlineData("In which small coastal town is the office?", AnswerType.Place)]
    [InlineData("What does the company make?", AnswerType.Any)]
    [InlineData("what's his daughter's name?", AnswerType.Person)]
    [InlineData("what is Ann Lee's son's name", AnswerType.Person)]
    public void Two_modifiers_or_a_possessive_name_still_say_the_kind_asked(string question, AnswerType type) =>
        Assert.Equal(type, QuestionAnalyzer.Analyze(question).Type);

    [Theory]
    [InlineData("How long does the agent wait before it retries?", Measure.Time)]
    [InlineData("how long will the repairs take", Measure.Time)]
    [InlineData("How long is the cable?", null)]
    public void How_long_with_a_verb_of_time_asks_a_span_of_time(string question, Measure? measure) =>
        Assert.Equal(measure, QuestionAnalyzer.Analyze(question).Measure.Measure);

    [Theory]
    [InlineData("Resolution 2031-19", 11, true)]
    [InlineData("Report PW-2025-04", 10, true)]
    [InlineData("the 2025-26 season", 4, false)]
    [InlineData("in 2025-03 we", 3, false)]
    [InlineData("from 2024-2027", 5, false)]
    public void A_year_inside_a_code_is_no_date(string text, int start, bool code) =>
        Assert.Equal(code, AnswerItems.IsYearInCode(text, start, 4));
}
