using ChatBot.Core.Answering;
using ChatBot.Core.Conversations;
using Xunit;

namespace ChatBot.Core.Tests.Conversations;

public sealed class ThingFocusTests
{
    private static Answer Answered(string? lead = null) => new()
    {
        Question = "q", Answered = true, Text = "a [1]", Citations = [], Mode = "extractive", Reason = "test", Lead = lead,
    };

    [Theory]
    [InlineData("how do I make a support bundle with it?", "support bundle")]
    [InlineData("what's the default port?", "default port")]
    [InlineData("how do I move my data over? (database, locked)", "data")]
    public void The_phrase_a_question_introduces_is_the_focus(string question, string expected) =>
        Assert.Equal(expected, ThingFocus.After(question, QuestionAnalyzer.Analyze(question), Answered(), previous: "old"));

    [Fact]
    public void An_acronym_the_answer_spells_out_is_the_focus_by_its_long_form()
    {
        const string question = "what is the PUG?";
        var answer = Answered() with { Evidence = [new AnswerEvidence(1, "a.md", 0, "Dr Ana Lee, who chairs the Port Users Group, said the fees were too high.", null, [])] };
        Assert.Equal("Port Users Group", ThingFocus.After(question, QuestionAnalyzer.Analyze(question), answer, previous: null));
        Assert.Equal("who runs Port Users Group?", ThingFocus.Resolve("who runs it?", "Port Users Group"));
        // Not spelt out, or no acronym: the phrase as asked.
        Assert.Equal("PUG", ThingFocus.LongForm("PUG", Answered() with { Evidence = [new AnswerEvidence(1, "a.md", 0, "The harbour users met.", null, [])] }));
        Assert.Equal("harbour fee", ThingFocus.LongForm("harbour fee", answer));
    }

    [Fact]
    public void The_item_an_answer_led_with_is_the_focus_when_the_question_asked_for_a_thing()
    {
        const string question = "which version fixed the reconnect loop?";
        Assert.Equal("4.2.1", ThingFocus.After(question, QuestionAnalyzer.Analyze(question), Answered("4.2.1"), previous: null));
    }

    [Fact]
    public void A_who_answer_leading_with_a_thing_makes_that_thing_the_focus()
    {
        const string question = "who is the main sponsor of the festival?";
        Assert.Equal("the Harbour Trust", ThingFocus.After(question, QuestionAnalyzer.Analyze(question), Answered("the Harbour Trust"), previous: null));
        // The article may stay in the sentence the lead was drawn from.
        var drawn = Answered("Harbour Trust") with
        {
            Evidence = [new AnswerEvidence(1, "festival.md", 0, "The main sponsor is the Harbour Trust, a local charity.", null, [])],
        };
        Assert.Equal("Harbour Trust", ThingFocus.After(question, QuestionAnalyzer.Analyze(question), drawn, previous: null));
        // A person's name is no thing: the focus stays the phrase the question introduced.
        Assert.Equal("main sponsor", ThingFocus.After(question, QuestionAnalyzer.Analyze(question), Answered("Ana Ortiz"), previous: null));
    }

    [Fact]
    public void A_question_that_introduces_nothing_keeps_the_focus()
    {
        const string question = "when did that come out?";
        Assert.Equal("4.2.1", ThingFocus.After(question, QuestionAnalyzer.Analyze(question), Answered(), previous: "4.2.1"));
    }

    [Fact]
    public void A_what_is_subject_opening_on_a_function_word_is_no_focus()
    {
        const string question = "before 2024?"; // "and before 2024?" without its connective, read as "what is before 2024"
        var analysis = QuestionAnalyzer.Analyze(question);
        Assert.Equal(QuestionKind.WhatIs, analysis.Kind);
        Assert.Equal("MA dissertation", ThingFocus.After(question, analysis, Answered(), previous: "MA dissertation"));
    }

    [Theory]
    [InlineData("when did that come out?", "4.2.1", "when did 4.2.1 come out?")]
    [InlineData("what's in it?", "support bundle", "what's in support bundle?")]
    [InlineData("where do I send it?", "support bundle", "where do I send support bundle?")]
    [InlineData("is that version still supported?", "4.2.1", "is 4.2.1 still supported?")]
    [InlineData("who signed that law?", "security law", "who signed security law?")]
    public void It_and_that_become_the_focus(string question, string focus, string expected) =>
        Assert.Equal(expected, ThingFocus.Resolve(question, focus));

    [Theory]
    [InlineData("who signed that law?", "support bundle")] // "that law" is not a support bundle
    [InlineData("what did he say?", "support bundle")]
    [InlineData("it's free?", "support bundle")] // a contraction is not a reference
    public void Other_references_are_left_alone(string question, string focus) =>
        Assert.Null(ThingFocus.Resolve(question, focus));

    [Fact]
    public void The_rewriter_resolves_it_to_the_focus_instead_of_carrying_terms_over()
    {
        var history = new[] { new ConversationTurn("how do I make a support bundle with it?", "how do I make a support bundle with tidewatch doctor?", "a [1]") { Focus = "support bundle" } };
        Assert.Equal("what's in support bundle?", HeuristicFollowUpRewriter.Rewrite("what's in it?", history));
    }
}
