using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>The small corpus of <see cref="SectionOverviewTests"/>, built once for the class.</summary>
public sealed class SectionOverviewCorpus() : WrittenCorpus("section-overview",
    ("club.md", string.Join("\n\n",
    "# Rowing club handbook",
    "This handbook tells members how the rowing club runs its boats, its training and its money.",
    "## Boat bookings",
    "- Mira Tolland keeps the booking sheet.",
    "- Each crew may hold the eight for two sessions a week.",
    "- Bookings close at noon on the day before the outing.",
    "- Singles are booked at the boathouse desk.",
    "- Cancelled bookings go to the next crew on the waiting list.",
    "## Subscriptions",
    "Members pay their subscription every October, and a late subscription costs an extra ten pounds.",
    "The treasurer sends a reminder to every member whose subscription is late in November.")),
    ("notes.txt", string.Join("\n\n",
    "Committee notes",
    "The committee discussed boat repairs and agreed that the old eight should be sold next spring.",
    "A member asked whether bookings for the regatta could open earlier this year.")),
    ("prize.txt", string.Join("\n\n",
    "Junior rower wins project prize",
    "Ada Quill, a junior rower at the club, has won the county prize for the best project by a young member of a sports club.",
    "Her project, \"Tides and timing on the lower canal\", compared twenty years of race results with the canal's water levels and found that crews rowing against the current lost most time at the bends.",
    "The prize comes with fifty pounds and a new pair of oars for the club.")));

/// <summary>"Tell me about the X setup": a topic a heading names is answered by that section, in the page's order.</summary>
public sealed class SectionOverviewTests(SectionOverviewCorpus corpus) : IClassFixture<SectionOverviewCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task A_topic_named_by_a_heading_is_answered_by_its_section_in_order()
    {
        var answer = await _fixture.Engine.AskAsync("tell me about the boat booking rules");
        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(QuestionKind.Overview, answer.Kind);
        Assert.All(answer.Citations, c => Assert.Equal("club.md", c.Source));
        Assert.Contains("Mira Tolland", answer.Text); // the section's first item, too short to be picked as a central sentence
        Assert.True(answer.Text.IndexOf("Mira Tolland", StringComparison.Ordinal) < answer.Text.IndexOf("noon", StringComparison.Ordinal), answer.Text);
        Assert.DoesNotContain("regatta", answer.Text);
        Assert.DoesNotContain("waiting list", answer.Text); // at most four units
    }

    [Fact]
    public async Task A_topic_no_heading_names_is_gathered_from_the_sentences_that_mention_it()
    {
        var answer = await _fixture.Engine.AskAsync("tell me about the old eight");
        Assert.DoesNotContain("Mira Tolland", answer.Text);
    }

    [Fact]
    public async Task A_sentence_opening_on_a_pronoun_mentions_the_topic_its_previous_sentence_names()
    {
        var answer = await _fixture.Engine.AskAsync("what was Ada Quill's project about?"); // read as a summary of no document: an overview
        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("Tides and timing", answer.Text); // "Her project, …": Ada Quill's project by its pronoun
    }
}
