using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>
/// What a number measures and what a question asks to be measured: "how many hours" wants a count of hours, not
/// "£18.20 an hour"; "how much money" wants money; "how often" a span that recurs; a quantity noun ("turnout",
/// "rate", "limit") asks for a number; "opening hours" and weekdays for a date.
/// </summary>
public class AnswerMeasureTests
{
    [Theory]
    [InlineData("£21.40", Measure.Money)]
    [InlineData("40 dollars", Measure.Money)]
    [InlineData("41 percent", Measure.Percent)]
    [InlineData("12%", Measure.Percent)]
    [InlineData("256 KB", Measure.Size)]
    [InlineData("six hours", Measure.Time)]
    [InlineData("30m", Measure.Time)]
    [InlineData("five locations", Measure.None)]
    [InlineData("six", Measure.None)]
    public void A_number_is_measured_by_its_written_shape(string text, Measure measure) =>
        Assert.Equal(measure, AnswerItems.MeasureOf(text));

    [Theory]
    [InlineData("How much money will the fund give out each year?", Measure.Money, null)]
    [InlineData("how much does the pro plan cost", Measure.Money, null)]
    [InlineData("What did part-time students pay for a year of writing up?", Measure.Money, null)]
    [InlineData("whats the harbour master paid", Measure.Money, null)]
    [InlineData("What is a tutor paid?", Measure.Money, null)]
    [InlineData("What was the turnout in the election?", Measure.Percent, null)]
    [InlineData("What was the turnout at the spring meeting?", null, null)]
    [InlineData("webhook payload limit?", Measure.Size, null)]
    [InlineData("what is the max upload size", Measure.Size, null)]
    [InlineData("How often are monitors checked?", Measure.Time, null)]
    [InlineData("How many hours a week can a tutor teach?", null, "hour")]
    [InlineData("How much disk space does it need?", null, null)]
    // A change is said as an amount or a share alike ("by $5 a month", "9.5 per cent"), unless the question names money.
    [InlineData("How much will mooring fees go up next year?", Measure.Money, null)]
    [InlineData("How much will harbour dues go up in 2025?", null, null)]
    [InlineData("how much did ridership fall after the fare rise", null, null)]
    public void A_number_question_names_its_measure(string question, Measure? measure, string? countOf)
    {
        var asked = QuestionAnalyzer.Analyze(question).Measure;
        Assert.Equal(measure, asked.Measure);
        Assert.Equal(countOf, asked.CountOf);
    }

    [Theory]
    [InlineData("What was the turnout in the 2024 election?", AnswerType.Number)]
    [InlineData("what was the tutor rate before august 2024", AnswerType.Number)]
    [InlineData("webhook payload limit?", AnswerType.Number)]
    [InlineData("What was the harbour master's salary as head of the port?", AnswerType.Number)]
    [InlineData("What did students pay for a year of writing up?", AnswerType.Number)]
    [InlineData("quillon salary?", AnswerType.Number)]
    [InlineData("harbour master stipend?", AnswerType.Number)]
    [InlineData("whats quillon paid", AnswerType.Number)]
    [InlineData("What are the front desk's opening hours?", AnswerType.Date)]
    [InlineData("On what weekday do minor releases ship?", AnswerType.Date)]
    [InlineData("What is rate limiting?", AnswerType.Definition)]
    public void A_quantity_noun_asks_for_a_number_and_opening_hours_for_a_time(string question, AnswerType type) =>
        Assert.Equal(type, QuestionAnalyzer.Analyze(question).Type);

    [Theory]
    [InlineData("who can join the sailing club?", AnswerType.Any)]
    [InlineData("and who gets to moor there for free", AnswerType.Any)]
    [InlineData("Who is eligible for the bursary?", AnswerType.Any)]
    [InlineData("Who chairs the sailing club?", AnswerType.Person)]
    [InlineData("who is responsible for the club's moorings?", AnswerType.Person)]
    [InlineData("who can i ask about moorings", AnswerType.Any)]
    public void Who_can_asks_for_a_group_or_a_condition_not_a_name(string question, AnswerType type) =>
        Assert.Equal(type, QuestionAnalyzer.Analyze(question).Type);

    [Fact]
    public void An_item_measure_is_fixed_when_made_and_follows_a_changed_text()
    {
        var price = new AnswerItem(AnswerType.Number, "£18.20", 0, 6);
        Assert.Equal(Measure.Money, price.Measure);
        Assert.Equal(Measure.Time, (price with { Text = "six hours" }).Measure);
        Assert.Equal(Measure.None, (price with { Type = AnswerType.Version }).Measure);
        Assert.Equal(price, new AnswerItem(AnswerType.Number, "£18.20", 0, 6));
    }

    [Fact]
    public void A_count_of_hours_is_not_a_price_per_hour()
    {
        var asked = new AskedMeasure(null, "hour");
        Assert.False(AnswerItems.Fits(new AnswerItem(AnswerType.Number, "£18.20", 0, 6), asked));
        Assert.True(AnswerItems.Fits(new AnswerItem(AnswerType.Number, "eight hours", 0, 11), asked));
        Assert.False(AnswerItems.Fits(new AnswerItem(AnswerType.Number, "two rounds", 0, 10), new AskedMeasure(Measure.Money, null)));
        Assert.True(AnswerItems.Fits(new AnswerItem(AnswerType.Date, "2024", 0, 4), asked));
    }
}

/// <summary>A small staff handbook: pay and hours in neighbouring sentences, a rate that changed, a recurring reminder, office hours.</summary>
public sealed class MeasureCorpus() : WrittenCorpus("measure-corpus",
    ("tutors.md", string.Join("\n\n",
    "# Harbourside College tutor handbook",
    "## Tutoring",
    "Tutors are paid £18.20 an hour for teaching and marking; the rate was £16.90 until March 2024. A tutor may teach no more than eight hours a week during term.",
    "Since the new rate took effect in March 2024, tutors are paid £18.20 an hour.",
    "## The front desk",
    "For urgent help outside office hours, call the 24-hour porters' line on 0800 555 0123.",
    "The front desk is open Monday to Friday, 8:30 to 17:00.",
    "## Reminders",
    "The timetable system sends a reminder every 2 days while a marking deadline is missed, and it has sent reminders to tutors from three campuses.")));

public class MeasureAnswerTests(MeasureCorpus corpus) : IClassFixture<MeasureCorpus>
{
    [Theory]
    [InlineData("How many hours a week can a tutor teach?", "eight hours")]
    [InlineData("What was the tutor rate before March 2024?", "£16.90")]
    [InlineData("How often does the timetable system send a reminder?", "every 2 days")]
    [InlineData("What are the front desk's opening hours?", "8:30 to 17:00")]
    public async Task The_answer_holds_the_item_of_the_asked_measure(string question, string expected)
    {
        var answer = await corpus.Fixture.Engine.AskAsync(question);
        Assert.True(answer.Answered, answer.Text);
        var firstSentenceEnd = answer.Text.IndexOf('[', StringComparison.Ordinal);
        Assert.Contains(expected, answer.Text[..firstSentenceEnd], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_asked_before_a_change_opens_with_the_old_value()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("What was the tutor rate before March 2024?");
        Assert.StartsWith("£16.90", answer.Text, StringComparison.Ordinal);
    }
}

public class SharedFrameTests
{
    [Fact]
    public void Two_codes_joined_by_and_share_the_question_frame()
    {
        var a = QuestionAnalyzer.Analyze("What are the acknowledgement times for P1 and P2 incidents?");
        Assert.Equal(QuestionKind.TwoPart, a.Kind);
        Assert.Equal(["What are the acknowledgement times for P1 incidents?", "What are the acknowledgement times for P2 incidents?"], a.Parts.Select(p => p.Text));
    }

    [Theory]
    [InlineData("Who ran the agency between 2007 and 2011?")]
    [InlineData("What did Ortiz and Quillon agree on?")]
    public void Years_and_names_joined_by_and_stay_one_question(string question) =>
        Assert.NotEqual(QuestionKind.TwoPart, QuestionAnalyzer.Analyze(question).Kind);
}
