using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Core.Answering;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Answering;

/// <summary>
/// A small corpus written for these tests (invented harbour news, a ferry notice, and a republished
/// excerpt of the first), answered by the real engine with the local embedding model, as the app runs.
/// </summary>
public sealed class HarbourCorpus() : WrittenCorpus("harbour-corpus",
    ("001_channel.txt", string.Join("\n\n",
    "The Kelderby Harbour Authority reopened the north channel on 14 March 2023 after eight months of dredging.",
    "The dredging removed about 120,000 cubic metres of silt from the channel bed, the authority said in a statement.",
    "“Ships with a draught of up to nine metres can now reach the inner basin again,” said Harriet Quillon, the harbour master of Kelderby.",
    "Quillon has run the port since 2017 and oversaw the dredging herself.",
    "The work cost 4.2 million euros, paid mostly by the regional government of Northshire.",
    "Fishing crews had complained for years that the channel was too shallow at low tide for their trawlers.",
    "Osric Tamblyn, a spokesman for the fishermen's cooperative, said the reopening came too late for the winter season.",
    "The authority plans to dredge the south channel in 2025 if the regional government pays for it again.")),
    ("002_ferries.md", string.Join("\n\n",
    "# Ferry timetable for the summer",
    "Bluewake Lines will run the Marrowby ferry every 40 minutes from the first of June.",
    "The company carried 310,000 passengers on the Marrowby route last year, a record for the crossing.",
    "Ana Ortiz, the operations director of Bluewake Lines, said two new boats would join the fleet before the holidays.",
    "Tickets bought online cost less than tickets bought at the quay, and children under five travel free.",
    "The last ferry of the day leaves Marrowby at ten in the evening during the summer months.")),
    // A republished excerpt of the first article: the engine must never quote it twice.
    ("003_channel_excerpt.txt", string.Join("\n\n",
    "The Kelderby Harbour Authority reopened the north channel on 14 March 2023 after eight months of dredging.",
    "The dredging removed about 120,000 cubic metres of silt from the channel bed, the authority said in a statement.",
    "“Ships with a draught of up to nine metres can now reach the inner basin again,” said Harriet Quillon, the harbour master of Kelderby.")),
    ("manifest.json", """
    {"documents": [
      {"file": "001_channel.txt", "title": "North channel reopens after dredging", "outlet": "Northshire Gazette", "author": "Mina Carrow", "date": null, "url": null},
      {"file": "002_ferries.md", "title": "Summer ferry timetable", "outlet": "Bluewake Lines", "author": null, "date": null, "url": null},
      {"file": "003_channel_excerpt.txt", "title": "North channel reopens after dredging", "outlet": "Northshire Gazette (excerpt)", "author": null, "date": null, "url": null}
    ]}
    """));

public class AnswerKindsTests(HarbourCorpus corpus) : IClassFixture<HarbourCorpus>
{
    private IAnswerEngine Engine => corpus.Fixture.Engine;

    private static string Body(Answer a) => Regex.Replace(a.Text, @"\s*\[\d+\]", "");

    [Fact]
    public async Task A_who_question_opens_with_the_person_then_the_sentence_that_names_them()
    {
        var answer = await Engine.AskAsync("Who is the harbour master of Kelderby?");
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("Harriet Quillon: ", answer.Text);
        Assert.Contains("harbour master of Kelderby", answer.Text);
        Assert.StartsWith("001", Assert.Single(answer.Citations).Source);
    }

    [Fact]
    public async Task A_when_question_opens_with_the_date()
    {
        var answer = await Engine.AskAsync("When did the north channel reopen?");
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("14 March 2023: ", answer.Text);
    }

    [Fact]
    public async Task A_how_many_question_opens_with_the_number_and_what_it_counts()
    {
        var answer = await Engine.AskAsync("How many passengers did the Marrowby ferry carry last year?");
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("310,000 passengers: ", answer.Text);
        Assert.StartsWith("002", answer.Citations[0].Source);
    }

    [Fact]
    public async Task Who_is_describes_the_person_from_the_sentence_that_says_what_they_are()
    {
        var answer = await Engine.AskAsync("who is osric tamblin");
        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("spokesman for the fishermen's cooperative", answer.Text);
        Assert.Equal(QuestionKind.WhoIs, answer.Kind);
    }

    [Fact]
    public async Task A_document_named_by_its_outlet_or_number_is_summarised_with_several_cited_sentences()
    {
        foreach (var question in new[] { "Summarize the Bluewake Lines piece.", "summarize article 2", "what's the gist of 002_ferries.md" })
        {
            var answer = await Engine.AskAsync(question);
            Assert.True(answer.Answered, question + " => " + answer.Text);
            Assert.Equal(QuestionKind.Summary, answer.Kind);
            Assert.InRange(answer.Citations.Count, 3, 5);
            Assert.All(answer.Citations, c => Assert.StartsWith("002", c.Source));
        }
    }

    [Fact]
    public async Task The_whole_collection_is_summarised_across_documents_without_the_republished_excerpt()
    {
        var answer = await Engine.AskAsync("What is this collection about?");
        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(QuestionKind.CorpusSummary, answer.Kind);
        Assert.True(answer.Citations.Select(c => c.Source).Distinct().Count() >= 2, answer.Text);
        Assert.DoesNotContain(answer.Citations, c => c.Source.StartsWith("003", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_overview_cites_several_sentences_and_never_the_same_one_twice()
    {
        var answer = await Engine.AskAsync("What do the documents say about the dredging?");
        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(QuestionKind.Overview, answer.Kind);
        Assert.True(answer.Citations.Count >= 2, answer.Text);
        Assert.DoesNotContain(answer.Citations, c => c.Source.StartsWith("003", StringComparison.Ordinal));
        var sentences = answer.Evidence.Select(e => e.Text).ToList();
        Assert.Equal(sentences.Count, sentences.Distinct().Count());
    }

    [Fact]
    public async Task A_two_part_question_is_answered_part_by_part()
    {
        var answer = await Engine.AskAsync("When did the north channel reopen, and how much did the work cost?");
        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(QuestionKind.TwoPart, answer.Kind);
        Assert.Contains("14 March 2023", answer.Text);
        Assert.Contains("4.2 million euros", answer.Text);
    }

    [Fact]
    public async Task A_yes_no_question_leads_with_the_sentence_that_settles_it()
    {
        var answer = await Engine.AskAsync("Do young children travel free on the ferry?");
        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(QuestionKind.YesNo, answer.Kind);
        Assert.StartsWith("Tickets bought online", answer.Text);
    }

    [Theory]
    [InlineData("Who is Bartholomew Finchley?")]
    [InlineData("What is the boiling point of liquid nitrogen?")]
    [InlineData("Who succeeded Harriet Quillon as harbour master?")]
    public async Task What_the_corpus_does_not_say_is_refused(string question)
    {
        var answer = await Engine.AskAsync(question);
        Assert.False(answer.Answered, answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task Every_numbered_marker_has_one_citation_whose_quote_holds_its_sentences()
    {
        var answer = await Engine.AskAsync("What do the documents say about Marrowby?");
        Assert.True(answer.Answered, answer.Text);
        var markers = Regex.Matches(answer.Text, @"\[(\d+)\]").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), markers);
        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), answer.Citations.Select(c => c.N));
        foreach (var e in answer.Evidence) Assert.Contains(e.Text, answer.Citations[e.Citation - 1].Quote);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(answer));
        Assert.Equal(answer.Citations.Count, json.RootElement.GetProperty("citations").GetArrayLength());
    }

    [Fact]
    public async Task The_turn_keeps_what_a_follow_up_needs_the_speaker_and_the_names_shown()
    {
        var answer = await Engine.AskAsync("What did the harbour master say about ships?");
        Assert.True(answer.Answered, answer.Text);
        var shown = Assert.Single(answer.Evidence, e => e.Text.Contains("nine metres", StringComparison.Ordinal));
        Assert.Equal("Harriet Quillon", shown.Speaker);
        Assert.Contains("Harriet Quillon", shown.Names);
        Assert.StartsWith("001", shown.Source);
    }

    [Fact]
    public async Task A_misspelt_name_is_read_as_the_corpus_spells_it()
    {
        var answer = await Engine.AskAsync("what did ana ortis say about new boats");
        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("two new boats", Body(answer));
    }
}
