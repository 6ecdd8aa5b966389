using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

public sealed class RoleAndShareCorpus() : WrittenCorpus("role-share-corpus",
    ("scheme.md", string.Join("\n\n",
        "# The bread scheme",
        "A buying group of twelve shops launched the bread scheme in March. The lead buyer is the Wheatsheaf, a bakery on Mill Lane. The buyers' agent, Tomas Brell, said 30 shops had signed up so far.",
        "The scheme offers a discount of 20 per cent on flour to households whose income is below the county threshold.",
        "Officials estimate that about 3,100 households would qualify.")),
    ("funding.md", string.Join("\n\n",
        "# Paying for the scheme",
        "The scheme is paid for by a loan of $4 million from the county, approved in April.",
        "Tomas Brell said the county had been generous.")));

/// <summary>
/// A copula sentence naming a role's holder answers "who is the role?" whatever kind of name it is; "per cent" is a
/// share like "%"; an interest rate asks for a share (<see cref="AnswerItems"/>, <see cref="QuestionAnalyzer.MeasureAsked"/>).
/// </summary>
public sealed class RoleAndShareTests(RoleAndShareCorpus corpus) : IClassFixture<RoleAndShareCorpus>
{
    [Fact]
    public async Task The_complement_of_a_copula_whose_subject_is_the_asked_role_answers_who()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("who is the lead buyer in the scheme?");
        Assert.True(answer.Answered);
        Assert.StartsWith("the Wheatsheaf", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_written_per_cent_is_a_share_and_no_count_of_households()
    {
        var snapshot = await corpus.Fixture.Index.EnsureReadyAsync();
        var unit = snapshot.Analysis("scheme.md").Sentences.Single(s => s.Text.Contains("discount", StringComparison.Ordinal));
        Assert.Contains(AnswerItems.For(snapshot).In("scheme.md", unit), i => i is { Type: AnswerType.Number, Text: "20 per cent", Measure: Measure.Percent });

        var answer = await corpus.Fixture.Engine.AskAsync("How many households are expected to qualify for the discount?");
        Assert.True(answer.Answered);
        Assert.StartsWith("3,100", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interest_rate_asks_for_a_share_so_a_loan_amount_does_not_answer_it()
    {
        Assert.Equal(Measure.Percent, QuestionAnalyzer.MeasureAsked("What interest rate is the county loan at?").Measure);
        Assert.Equal(Measure.Money, QuestionAnalyzer.MeasureAsked("What is the pay rate for a buyer?").Measure);

        var answer = await corpus.Fixture.Engine.AskAsync("What interest rate is the county loan at?");
        Assert.False(answer.Answered);
    }

    [Theory]
    [InlineData("harbour master salary?", Measure.Money)]
    [InlineData("day pass price?", Measure.Money)]
    [InlineData("payload size limit?", Measure.Size)]
    [InlineData("how old is the harbour master?", null)]
    public void A_bare_money_noun_asks_for_money_so_an_age_does_not_answer_it(string question, Measure? measure) =>
        Assert.Equal(measure, QuestionAnalyzer.MeasureAsked(question).Measure);
}
