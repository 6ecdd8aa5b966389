using ChatBot.Core.Corpus;

namespace ChatBot.Core.Tests.Corpus;

public class SentenceSplitterTests
{
    private static List<string> Split(string text) => SentenceSplitter.Split(text).Select(s => s.Of(text)).ToList();

    [Fact]
    public void Abbreviations_and_initials_do_not_end_sentences()
    {
        var parts = Split("The U.S. Border Patrol trains police. In Brownsville, Tex., agents watch scans. John F. Kennedy spoke.");
        Assert.Equal(["The U.S. Border Patrol trains police.", "In Brownsville, Tex., agents watch scans.", "John F. Kennedy spoke."], parts);
    }

    [Fact]
    public void A_quotation_over_several_sentences_stays_one_unit()
    {
        var parts = Split("“That’s a concern now,” he said. “We do need it. Mexico has the option of saying no.” Then he left.");
        Assert.Equal(["“That’s a concern now,” he said.", "“We do need it. Mexico has the option of saying no.”", "Then he left."], parts);
    }

    [Fact]
    public void An_unclosed_quote_does_not_swallow_the_paragraph()
    {
        var text = "He said “this never closes. " + string.Join(" ", Enumerable.Range(0, 40).Select(i => $"Sentence {i} goes on and on here."));
        Assert.True(Split(text).Count > 5);
    }

    [Fact]
    public void Question_and_exclamation_marks_end_sentences()
    {
        Assert.Equal(["Will that change?", "Yes!", "It will."], Split("Will that change? Yes! It will."));
    }
}
