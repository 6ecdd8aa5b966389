using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>A small invented office history with one hand-over, for the succession tests below.</summary>
public sealed class LighthouseCorpus() : WrittenCorpus("succession-corpus",
    ("keepers.md", string.Join("\n\n",
    "# Keepers of the Gullrock light",
    "Maren Holt kept the Gullrock light for the whole 2.x era, from 2.0 to 2.9.1, and handed the role to Oskar Lind in the spring.",
    "“The lamp never failed on my watch,” said Maren Holt.",
    "“I found a well-kept light,” said Oskar Lind.",
    "The light was automated three years later.",
    "Ida Brekke stepped down in May as head of the Northern Lights Board, which the NLB announced on its website.")));

/// <summary>A harbour's staff named side by side, with no hand-over anywhere.</summary>
public sealed class HarbourTourCorpus() : WrittenCorpus("harbour-corpus",
    ("tour.md", string.Join("\n\n",
    "# The spring tour of the harbour",
    "With me on the tour were Ansel Varga, our chief engineer, and Tomas Rehn, our harbour master.",
    "The tour covered the north pier, the dredging works and the new fuel berth.")));

/// <summary>
/// "Who was the keeper before Maren Holt?" over "Maren Holt … handed the role to Oskar Lind": Oskar Lind came after, so the
/// answer names only the other side of the succession and is refused; "who took over from Maren Holt" is answered by it.
/// </summary>
public sealed class SuccessionTests(LighthouseCorpus corpus) : IClassFixture<LighthouseCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    private Task<AnswerPlan> PlanAsync(string question) => _fixture.PlanAsync(question);

    [Fact]
    public async Task A_successor_does_not_answer_who_came_before()
    {
        var plan = await PlanAsync("Who was the keeper of the Gullrock light before Maren Holt?");
        Assert.False(plan.Answered);
        Assert.StartsWith("other-side", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_is_no_successor()
    {
        // The board is the answer's only new name (the question writes it as an acronym): it cannot say who came after her.
        var plan = await PlanAsync("Who succeeded Ida Brekke as head of the NLB?");
        Assert.False(plan.Answered);
        Assert.StartsWith("no-one-new", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_successor_answers_who_came_after()
    {
        var plan = await PlanAsync("Who took over the Gullrock light from Maren Holt?");
        Assert.DoesNotContain("other-side", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("Oskar Lind", plan.Segments[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_holds_a_role_is_not_led_by_the_one_who_handed_it_on()
    {
        var plan = await PlanAsync("Who keeps the Gullrock light?");
        Assert.Contains("handed the role to Oskar Lind", plan.Segments[0].Text, StringComparison.Ordinal);
        Assert.NotEqual("Maren Holt", plan.Segments[0].Lead);
    }

    [Theory]
    [InlineData("Ana Ruiz handed the role to Ben Ode in May.", "Ana Ruiz")]
    [InlineData("Dr Ben Ode took over the chair from Dr Ana Ruiz in 2021.", "Dr Ana Ruiz")]
    [InlineData("Ben Ode succeeded Ana Ruiz as chair.", "Ana Ruiz")]
    [InlineData("Ben Ode, who took over from Ana Ruiz in May, chairs the board.", "Ana Ruiz")]
    [InlineData("Ben Ode, who had replaced Ana Ruiz, resigned.", "Ana Ruiz")]
    [InlineData("Ana Ruiz chairs the committee.", null)]
    public void The_earlier_holder_of_a_role_is_read_from_a_hand_over(string text, string? earlier) =>
        Assert.Equal(earlier is null ? [] : [earlier], Succession.Earlier(text));

    [Theory]
    [InlineData("Who was the release manager before Ana Ruiz?", Succession.Side.Before)]
    [InlineData("who did Ana Ruiz replace", Succession.Side.Before)]
    [InlineData("Who replaced Ana Ruiz as chair?", Succession.Side.After)]
    [InlineData("who is Ana Ruiz's successor", Succession.Side.After)]
    [InlineData("who took over Ana Ruiz's old job?", Succession.Side.After)]
    [InlineData("Who will replace Ana Ruiz as deputy chair?", Succession.Side.After)]
    [InlineData("Who chairs the committee?", null)]
    public void A_question_asks_one_side_of_a_succession(string question, Succession.Side? side) =>
        Assert.Equal(side, Succession.Asked(question));

    [Theory]
    [InlineData("Ana Ruiz handed the role to Ben Ode in May.", Succession.Side.Before, true)]
    [InlineData("Ana Ruiz handed the role to Ben Ode in May.", Succession.Side.After, false)]
    [InlineData("Ben Ode took over the chair from Ana Ruiz in 2021.", Succession.Side.Before, true)]
    [InlineData("Ana Ruiz succeeded Ben Ode as chair.", Succession.Side.Before, false)]
    [InlineData("Ana Ruiz was replaced by Ben Ode.", Succession.Side.After, false)]
    [InlineData("Ana Ruiz chairs the committee.", Succession.Side.Before, false)]
    [InlineData("Ben Ode, who took over from Ana Ruiz, chairs the committee.", Succession.Side.Before, true)]
    [InlineData("Ana Ruiz, who took over from Ben Ode, chairs the committee.", Succession.Side.After, true)]
    [InlineData("The board named Ana Ruiz, its deputy chair, as interim director.", Succession.Side.After, true)]
    [InlineData("Ana Ruiz was appointed chair in May.", Succession.Side.After, true)]
    [InlineData("Ana Ruiz was appointed chair in May.", Succession.Side.Before, false)]
    public void An_answer_on_the_other_side_of_the_named_person_is_told_apart(string text, Succession.Side asked, bool otherSide) =>
        Assert.Equal(otherSide, Succession.OnlyOtherSide(text, new HashSet<string> { "ana", "ruiz" }, asked));

    [Fact]
    public async Task A_successor_is_only_told_where_a_succession_is()
    {
        // The sentence names someone new beside the harbour master, in another role: it cannot say who will follow him.
        using var harbour = new HarbourTourCorpus();
        var plan = await harbour.Fixture.PlanAsync("Who will replace Tomas Rehn as harbour master?");
        Assert.False(plan.Answered);
        Assert.StartsWith("no-succession", plan.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The board appointed Ben Ode to succeed her.", true)]
    [InlineData("Ben Ode will take over on 1 July.", true)]
    [InlineData("Ben Ode becomes the new chair in May.", true)]
    [InlineData("Ben Ode, the interim chair, spoke first.", true)]
    [InlineData("With me today are Ben Ode, our chair, and Ana Ruiz, our treasurer.", false)]
    [InlineData("Ben Ode said the new ferry would run in May.", true)]
    public void A_succession_is_told_by_its_words(string text, bool tells) =>
        Assert.Equal(tells, Succession.Tells(text));
}
