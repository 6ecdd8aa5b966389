using ChatBot.Core.Conversations;

namespace ChatBot.Core.Tests.Conversations;

/// <summary>
/// A follow-up whose pronoun stands for the person or thing in focus names what it asks about: the sentence that answers it may
/// be in a document the conversation has not cited yet ("who picked her?" answered from another report than the one that
/// named her), and "it" after a who-question answered with a thing ("the Copper Kettle") is that thing, not a person.
/// </summary>
public sealed class ConversationResolvedElsewhereTests() : WrittenCorpus("resolved-elsewhere-corpus",
    ("lawsuit.md", string.Join("\n\n",
        "# Flood lawsuit grows as penalty is criticised",
        "A class-action lawsuit was filed in January on behalf of residents and businesses who lost income during the outage. " +
        "The lead plaintiff is the Copper Kettle, a bakery on Mill Road. The plaintiffs' lawyer, Idris Fenn, said 30 households had joined the suit so far.",
        "The independent review led by Helena Marsh has now been given until June to report, a full year after the outage.")),
    ("outage.md", string.Join("\n\n",
        "# Water outage closes Mill Road businesses",
        "Cafés and shops on Mill Road closed for two days after the treatment works failed.",
        "The owner of the Copper Kettle bakery, Marta Voss, said she had thrown away a week of bread. \"Ask me again next week,\" she said.")),
    ("resignation.md", string.Join("\n\n",
        "# Works director resigns",
        "The works director resigned on Friday after the outage.",
        "Mayor Tomas Quill said he had asked Helena Marsh, a retired judge, to lead an independent review of the outage and its causes.")))
{
    [Fact]
    public async Task It_after_a_who_answer_naming_a_thing_is_that_thing_and_is_answered_from_another_document()
    {
        var context = Conversing.NewConversation();
        var first = await Conversing.AnsweredAsync(Fixture.Engine, "who is the lead plaintiff in the lawsuit?", context);
        Assert.Contains("Copper Kettle", first.Text, StringComparison.Ordinal);
        var owner = await Conversing.AnsweredAsync(Fixture.Engine, "who owns it?", context);
        Assert.Contains("Marta Voss", owner.Text, StringComparison.Ordinal);
        Assert.Equal("outage.md", owner.Citations[0].Source);
    }

    [Fact]
    public async Task A_resolved_pronoun_is_looked_for_beyond_the_documents_the_conversation_cited()
    {
        var context = Conversing.NewConversation();
        var first = await Conversing.AnsweredAsync(Fixture.Engine, "when is the marsh review supposed to report?", context);
        Assert.Equal("lawsuit.md", first.Citations[0].Source);
        // "who picked Helena Marsh?" alone is refused (p under the threshold); the sentence names her, in a document not cited yet.
        var appointed = await Conversing.AnsweredAsync(Fixture.Engine, "who picked her?", context);
        Assert.Contains("Tomas Quill", appointed.Text, StringComparison.Ordinal);
        Assert.Equal("resignation.md", appointed.Citations[0].Source);
    }

    [Fact]
    public async Task A_resolved_pronoun_is_still_refused_when_no_sentence_names_its_subject()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(Fixture.Engine, "when is the marsh review supposed to report?", context);
        var salary = await Fixture.Engine.AskAsync("what is her salary?", context);
        Assert.False(salary.Answered, salary.Text);
    }
}
