using ChatBot.Core.Answering;
using ChatBot.Core.Evaluation;
using ChatBot.Core.Text;

namespace ChatBot.Core.Tests.Text;

public class TextFoldingTests
{
    [Theory]
    [InlineData("Guillermo Valdés", "guillermo valdes")]
    [InlineData("Peña Nieto", "pena nieto")]
    [InlineData("Joaquín GUZMÁN", "joaquin guzman")]
    [InlineData("Straße", "strasse")]
    [InlineData("plain ascii", "plain ascii")]
    public void Folds_case_and_accents_under_invariant_globalization(string input, string expected) =>
        Assert.Equal(expected, TextFolding.Fold(input));

    [Fact]
    public void Eval_matching_is_accent_insensitive_both_ways()
    {
        var q = new EvalQuestion("x", "Who?", ["000"], [["Guzmán"]], null);
        var answer = new Answer { Question = "Who?", Answered = true, Text = "Chapo Guzman was arrested. [1]", Citations = [new Citation(1, "000_a.txt", "t", null, null, "q")] };
        Assert.True(EvalRunner.IsCorrect(q, answer));
        var unaccentedExpect = q with { Expect = [["Guzman"]] };
        Assert.True(EvalRunner.IsCorrect(unaccentedExpect, answer with { Text = "Chapo Guzmán was arrested. [1]" }));
        Assert.False(EvalRunner.IsCorrect(q, answer with { Text = "Someone else was arrested. [1]" }));
    }
}
