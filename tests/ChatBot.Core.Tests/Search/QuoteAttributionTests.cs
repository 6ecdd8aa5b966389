using ChatBot.Core.Search;
using ChatBot.Core.Tests.Corpus;

namespace ChatBot.Core.Tests.Search;

/// <summary>Who a quotation is attributed to when its sentence says only "he said" or "she said".</summary>
public class QuoteAttributionTests
{
    private static string? SpeakerOf(string text, string quoteStart) =>
        DocumentAnalysis.Analyze(Ingest.Read("story.txt", text)).Sentences.Single(s => s.Text.Contains(quoteStart, StringComparison.Ordinal)).Speaker;

    [Fact]
    public void He_or_she_said_is_the_person_the_paragraph_opens_on()
    {
        var text = string.Join("\n\n",
            "Harbour Lab Opens",
            "The harbour lab opened on Monday, said Tom Lee, a spokesman for the port.",
            "Professor Ana Ruiz, who leads the harbour lab, was a student of Dr Pellow in the 1980s. \"She made us measure every tide by hand,\" she said.");
        Assert.EndsWith("Ana Ruiz", SpeakerOf(text, "She made us"));
    }

    [Fact]
    public void A_place_or_body_opening_the_paragraph_is_no_speaker_and_the_last_one_goes_on()
    {
        var text = string.Join("\n\n",
            "Harbour Lab Opens",
            "The harbour lab opened on Monday, said Tom Lee, a spokesman for the port.",
            "The Harbour Board has funded the lab since 2019. \"Every dollar shows,\" he said.");
        Assert.Equal("Tom Lee", SpeakerOf(text, "Every dollar"));
    }

    [Fact]
    public void They_said_is_not_given_to_the_paragraphs_person()
    {
        var text = string.Join("\n\n",
            "Harbour Lab Opens",
            "Ana Ruiz, a chemist, joined the lab in March. \"The tides will not wait,\" they said.");
        Assert.Null(SpeakerOf(text, "The tides"));
    }

    [Theory]
    [InlineData("The delay was raised by Ana Ortiz of the Dockers' Union, who told the board that 12 cranes were idle.", "Ana Ortiz")]
    [InlineData("Tom Lee, who said the quay would reopen in May, chairs the harbour board.", "Tom Lee")]
    public void A_name_before_a_speaking_relative_clause_is_the_speaker(string sentence, string speaker) =>
        Assert.Equal(speaker, DocumentAnalysis.NamedSpeaker(sentence));

    [Fact]
    public void A_relative_clause_that_does_not_speak_names_no_speaker() =>
        Assert.Null(DocumentAnalysis.NamedSpeaker("The quay was rebuilt by Ana Ortiz of the Harbour Board, who retired in May."));

    [Fact]
    public void A_surname_alone_before_who_is_the_paragraphs_person_but_not_before_an_appositive()
    {
        var text = string.Join("\n\n",
            "Harbour Lab Opens",
            "The harbour lab opened on Monday, said Tom Lee, a spokesman for the port.",
            "Harbourside, the district around the lab, has grown since 2019. \"Every dollar shows,\" he said.",
            "Pellow, who ran the old tide station for thirty years, retired in May. \"The lab is in good hands,\" he said.");
        Assert.Equal("Pellow", SpeakerOf(text, "The lab is in good hands"));
        Assert.Equal("Tom Lee", SpeakerOf(text, "Every dollar"));
    }

    [Fact]
    public void A_quotation_going_on_after_the_paragraphs_attributed_one_is_still_theirs()
    {
        var text = string.Join("\n\n",
            "Harbour Lab Opens",
            "The harbour lab opened on Monday, said Tom Lee, a spokesman for the port.",
            "Professor Ana Ruiz, who leads the harbour lab, spoke at the opening. \"We waited ten years,\" she said. \"The tides will not wait for us.\"",
            "The lab's motto is painted over the door. \"Measure twice.\"");
        Assert.EndsWith("Ana Ruiz", SpeakerOf(text, "The tides will not wait"));
        Assert.Null(SpeakerOf(text, "Measure twice"));
    }
}
