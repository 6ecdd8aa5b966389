using ChatBot.Core.Answering;
using ChatBot.Core.Conversations;

namespace ChatBot.Core.Tests.Conversations;

/// <summary>
/// "does the company agree?" after an answer: a verb of reaction with no object asks how someone took what was just said,
/// and a yes/no follow-up is not answered by showing that sentence again.
/// </summary>
public sealed class ConversationReactionTests() : WrittenCorpus("reaction-corpus",
    ("depot.md", string.Join("\n\n",
        "# Pellworth bus depot staffing row",
        "The depot's opening hours were extended in March, and two new routes start in May.",
        "Staffing at the Pellworth depot was raised by Odile Marchetti of the Drivers' Guild, who told the board that 12 driver posts were vacant. " +
        "The Ferrant Bus Company disputes that number. A company spokesperson, Yannick Dorsey, said four of the depot's 60 driver posts were unfilled.",
        "The board will review the depot's rota in the autumn.")))
{
    [Theory]
    [InlineData("does the company agree?")]
    [InlineData("did the guild respond?")]
    [InlineData("and has the board accepted?")]
    public void A_reaction_verb_without_an_object_is_a_follow_up(string question) =>
        Assert.True(HeuristicFollowUpRewriter.IsBareReaction(question));

    [Theory]
    [InlineData("does the company agree with the guild's figure?")]
    [InlineData("did the board accept the rota?")]
    [InlineData("how many driver posts are vacant?")]
    public void A_reaction_verb_with_its_object_is_not(string question) =>
        Assert.False(HeuristicFollowUpRewriter.IsBareReaction(question));

    [Fact]
    public async Task Does_X_agree_is_answered_by_the_sentences_after_the_one_just_shown()
    {
        var context = Conversing.NewConversation();
        var first = await Conversing.AnsweredAsync(Fixture.Engine, "what did the guild tell the board about staffing at the depot?", context);
        Assert.Contains("12 driver posts were vacant", first.Text, StringComparison.Ordinal);
        var agree = await Conversing.AnsweredAsync(Fixture.Engine, "does the company agree?", context);
        Assert.Contains("disputes that number", agree.Text, StringComparison.Ordinal);
        // The sentence just shown is left out; the room goes to what the dispute rests on.
        Assert.DoesNotContain("12 driver posts were vacant", agree.Text, StringComparison.Ordinal);
        Assert.Contains("four of the depot's 60 driver posts", agree.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_asking_what_the_sentence_just_shown_says_is_answered_by_it_again()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(Fixture.Engine, "what did the guild tell the board about staffing at the depot?", context);
        // Its content word ("vacant") is in that sentence; "what" and "say" are not words it must hold, so it is no repeat to swap.
        var again = await Conversing.AnsweredAsync(Fixture.Engine, "what did they say was vacant?", context);
        Assert.Contains("12 driver posts were vacant", again.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("four of the depot's", again.Text, StringComparison.Ordinal);
    }
}
