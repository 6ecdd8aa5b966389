using ChatBot.Core.Answering;
using ChatBot.Core.Conversations;

namespace ChatBot.Core.Tests.Conversations;

public class FollowUpReaderTests
{
    [Theory]
    [InlineData("who said that?", FollowUpIntent.WhoSaid)]
    [InlineData("and who said that?", FollowUpIntent.WhoSaid)]
    [InlineData("Ok, so who said it?", FollowUpIntent.WhoSaid)]
    [InlineData("whose words are those?", FollowUpIntent.WhoSaid)]
    [InlineData("who is that quote from?", FollowUpIntent.WhoSaid)]
    [InlineData("what else did he say?", FollowUpIntent.WhatElseSaid)]
    [InlineData("ok so what else did she say", FollowUpIntent.WhatElseSaid)]
    [InlineData("did they say anything else?", FollowUpIntent.WhatElseSaid)]
    [InlineData("tell me more", FollowUpIntent.TellMore)]
    [InlineData("and then?", FollowUpIntent.TellMore)]
    [InlineData("Can you elaborate?", FollowUpIntent.TellMore)]
    [InlineData("what else?", FollowUpIntent.TellMore)]
    [InlineData("which article is that from?", FollowUpIntent.WhichSource)]
    [InlineData("and which document says that?", FollowUpIntent.WhichSource)]
    [InlineData("where is that from?", FollowUpIntent.WhichSource)]
    [InlineData("what's the source?", FollowUpIntent.WhichSource)]
    [InlineData("who wrote it?", FollowUpIntent.WhichSource)]
    [InlineData("who is the author?", FollowUpIntent.WhichSource)]
    [InlineData("who prepared them?", FollowUpIntent.WhichSource)]
    [InlineData("when was it published?", FollowUpIntent.WhichSource)]
    [InlineData("did anyone dispute that?", FollowUpIntent.Disputed)]
    [InlineData("has anybody challenged this claim?", FollowUpIntent.Disputed)]
    [InlineData("was that questioned?", FollowUpIntent.Disputed)]
    [InlineData("who disputed it?", FollowUpIntent.Disputed)]
    // Questions for the engine, not the conversation.
    [InlineData("did the union dispute the figures in the report?", FollowUpIntent.None)]
    [InlineData("who said the border was safe?", FollowUpIntent.None)]
    [InlineData("which newspaper's reporting does it cite?", FollowUpIntent.None)]
    [InlineData("which version changed it?", FollowUpIntent.None)]
    [InlineData("when was it released?", FollowUpIntent.None)] // a product's release, not the page's
    [InlineData("tell me more about the harbour dues", FollowUpIntent.None)]
    [InlineData("what else did the report find about pricing?", FollowUpIntent.None)]
    public void Reads_what_a_follow_up_asks_of_the_conversation(string question, FollowUpIntent intent) =>
        Assert.Equal(intent, FollowUpReader.Read(question).Intent);

    [Fact]
    public void What_else_did_X_say_names_X_and_a_pronoun_names_nobody()
    {
        Assert.Equal("Ana Ortiz", FollowUpReader.Read("what else did Ana Ortiz say?").Named);
        Assert.Null(FollowUpReader.Read("and what else did she say?").Named);
    }

    [Theory]
    [InlineData("what did Ana Ortiz say about her?", FollowUpIntent.SaidAbout, "Ana Ortiz", "her")]
    [InlineData("and what does he think of the new pier?", FollowUpIntent.SaidAbout, null, "the new pier")]
    [InlineData("how did she feel about the vote", FollowUpIntent.SaidAbout, null, "the vote")]
    [InlineData("what did the council say about the pier?", FollowUpIntent.SaidAbout, "the council", "the pier")]
    [InlineData("what did he tell the newspaper?", FollowUpIntent.None, null, null)]
    [InlineData("what else did he say about the pier?", FollowUpIntent.WhatElseSaid, null, null)]
    public void What_did_X_say_about_Y_names_X_and_Y(string question, FollowUpIntent intent, string? named, string? topic)
    {
        var read = FollowUpReader.ReadWithTopic(question);
        Assert.Equal((intent, named, topic), (read.Intent, read.Named, read.Topic));
    }

    [Theory]
    [InlineData("and who is Ana Ortiz?", "who is Ana Ortiz?")]
    [InlineData("ok, so what else did he say", "what else did he say")]
    [InlineData("But then, when was it built?", "when was it built?")]
    [InlineData("ok", "ok")]
    [InlineData("Andorra?", "Andorra?")]
    public void A_leading_connective_is_dropped(string question, string core) =>
        Assert.Equal(core, FollowUpReader.WithoutConnective(question));

    [Fact]
    public void A_leading_connective_does_not_break_question_reading()
    {
        var plain = QuestionAnalyzer.Analyze("who is Ana Ortiz?");
        var joined = QuestionAnalyzer.Analyze("and who is Ana Ortiz?");
        Assert.Equal(QuestionKind.WhoIs, plain.Kind);
        Assert.Equal(plain.Kind, joined.Kind);
        Assert.Equal(plain.Subject, joined.Subject);
        Assert.Equal(QuestionKind.WhoIs, QuestionAnalyzer.Analyze("ok so who is Ana Ortiz").Kind);
    }

    [Fact]
    public void He_and_his_become_the_person_the_conversation_is_about()
    {
        var history = new[] { new ConversationTurn("who is ana ortiz", "who is ana ortiz", "…") { Person = "Ana Ortiz" } };
        Assert.Equal("what did Ana Ortiz say?", HeuristicFollowUpRewriter.Rewrite("what did she say?", history));
        Assert.Equal("what was Ana Ortiz's job?", HeuristicFollowUpRewriter.Rewrite("what was her job?", history));
        // A question that names someone itself stands alone.
        Assert.Equal("what did Bo Lind say to her?", HeuristicFollowUpRewriter.Rewrite("what did Bo Lind say to her?", history));
    }

    [Theory]
    [InlineData("what else came in that release?", true)]
    [InlineData("and what other meetings are there?", true)]
    [InlineData("which other agencies did it affect besides the DEA?", true)]
    [InlineData("is there another way?", true)]
    [InlineData("what came in that release?", false)]
    [InlineData("who else?", true)]
    [InlineData("what does the other plan cost?", false)]
    public void Asks_for_others_when_it_wants_more_than_was_shown(string question, bool others) =>
        Assert.Equal(others, FollowUpReader.AsksForOthers(question));
}
