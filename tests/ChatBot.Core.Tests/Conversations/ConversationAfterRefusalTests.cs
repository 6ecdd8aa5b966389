namespace ChatBot.Core.Tests.Conversations;

/// <summary>
/// A follow-up to a refused turn ("how often will they sail?" after "what's happening with the f4 ferry" was refused) is most
/// often the same subject asked another way: with nothing cited yet, its best sentence anywhere may use the follow-up floor when
/// its document has a term carried from the refused question.
/// </summary>
public sealed class ConversationAfterRefusalTests() : WrittenCorpus("after-refusal-corpus",
    ("notices.txt", string.Join("\n\n",
        "Ferry service notices",
        "Notices are posted at least two weeks before a change.",
        "3 March 2026 - Line F4 Harbour Express\n  - New Line F4 Harbour Express between Quayside Terminal and the Eastpoint pier.\n  - Crossings take 18 minutes.")),
    ("minutes.md", string.Join("\n\n",
        "# Ferry board minutes, 2 February 2026",
        "Mr Dunmore proposed replacing Line F2 with a new Line F4 Harbour Express between Quayside Terminal and Eastpoint.",
        "Line F4 would sail every 40 minutes from 6 a.m. to 10 p.m., with bicycle racks, and would make two stops instead of Line F2's seven.",
        "The board also approved new lifejackets for the older boats.")),
    ("fares.md", string.Join("\n\n",
        "# Ferry fares",
        "A single crossing costs $4.00 and a day ticket $9.00.",
        "Children under 5 travel free. Seniors pay half fare on every crossing.")))
{
    [Fact]
    public async Task A_follow_up_to_a_refused_turn_is_answered_at_the_follow_up_floor()
    {
        var context = Conversing.NewConversation();
        var first = await Fixture.Engine.AskAsync("what's happening with the f4 ferry", context);
        Assert.False(first.Answered, first.Text); // under the calibrated threshold alone
        var often = await Conversing.AnsweredAsync(Fixture.Engine, "how often will they sail?", context);
        Assert.Contains("every 40 minutes", often.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_to_a_refused_turn_the_corpus_does_not_answer_is_still_refused()
    {
        var context = Conversing.NewConversation();
        await Fixture.Engine.AskAsync("what's happening with the f4 ferry", context);
        var captain = await Fixture.Engine.AskAsync("how much do they pay the captain?", context);
        Assert.False(captain.Answered, captain.Text);
    }
}
