using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>A press note whose quote is given to "she": the paragraph names her once, earlier.</summary>
public sealed class FerryNoteCorpus() : WrittenCorpus("pronoun-speaker-corpus",
    ("ferry-note.txt", string.Join("\n\n",
    "Ferry timetable to change in spring",
    "Harbour director Ilse Varga said the crossing would run every 40 minutes from April. Ridership fell by 12 percent last winter. “Those are the passengers we must win back,” she said.",
    "Two councillors, Petra Nolan and Joris Kemp, voted against the plan. Nolan said she would have preferred a public consultation first.",
    "The new timetable is posted at both piers and on the council website.")));

/// <summary>"Who said …?" about words the text gives to "she": the answer names the person the paragraph gave them to.</summary>
public sealed class PronounSpeakerTests(FerryNoteCorpus corpus) : IClassFixture<FerryNoteCorpus>
{
    [Fact]
    public async Task A_quote_given_to_she_is_answered_with_the_person_named_before()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("who said those are the passengers we must win back?", new AskContext());
        Assert.True(answer.Answered, answer.Reason);
        Assert.StartsWith("Ilse Varga", answer.Text, StringComparison.Ordinal);
        // Not the next paragraph's people, which a search for any name near the quote would reach.
        Assert.DoesNotContain("Petra Nolan", answer.Text, StringComparison.Ordinal);
    }
}
