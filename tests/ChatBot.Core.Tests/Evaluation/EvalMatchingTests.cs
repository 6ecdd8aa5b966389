using ChatBot.Core.Evaluation;

namespace ChatBot.Core.Tests.Evaluation;

/// <summary>The grader matches an expected text the way check_eval.py validated it against the gold file.</summary>
public sealed class EvalMatchingTests
{
    [Theory]
    [InlineData("a 14-day trial", "14 day")]
    [InlineData("about 200,000 guns", "200000")]
    [InlineData("about 200000 guns", "200,000")]
    [InlineData("Enrique Peña  Nieto", "pena nieto")]
    [InlineData("the U.S.–Mexico border", "u.s. mexico")]
    public void Spellings_the_checker_accepts_match(string answer, string expected) =>
        Assert.Contains(EvalRunner.Fold(expected), EvalRunner.Fold(answer), StringComparison.Ordinal);

    [Theory]
    [InlineData("1,2345", "12345")]
    [InlineData("4.2.1", "4 2 1")]
    public void Different_texts_still_differ(string answer, string expected) =>
        Assert.DoesNotContain(EvalRunner.Fold(expected), EvalRunner.Fold(answer), StringComparison.Ordinal);
}
