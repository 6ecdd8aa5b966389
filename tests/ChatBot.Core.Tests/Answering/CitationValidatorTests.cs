using ChatBot.Core.Answering;
using ChatBot.Testing;
using ChatBot.Core.Search;
using Xunit;

namespace ChatBot.Core.Tests.Answering;

public sealed class CitationValidatorTests
{
    // [1] WaPo paragraph with "It wasn't until 1996 that Mexico began extraditing its citizens…" (long)
    // [2] WaPo "Every airplane passenger who arrives in Mexico is vetted…" (one sentence)
    // [3] intelNews "Some senior American officials believe…" (long)
    private static readonly IReadOnlyList<RetrievedPassage> Passages = CorpusDrafts.Extradition().Passages;
    private static readonly CitationValidator Validator = new();

    private const string Extradition = "Mexico only began extraditing its citizens accused of crimes to the United States in 1996";
    private const string Vetting = "Every airplane passenger arriving in Mexico is vetted against U.S. criminal and national security databases";
    private const string Officials = "Some senior American officials believe anti-drug intelligence cooperation between the United States and Mexico is in its closing stages";

    [Fact]
    public void Grounded_answer_is_accepted_with_citations_built_from_the_passages()
    {
        var check = Validator.Validate($"{Extradition} [1]. {Vetting} [2].", Passages);

        Assert.Equal(CitationVerdict.Accepted, check.Verdict);
        Assert.Equal($"{Extradition} [1]. {Vetting} [2].", check.Text);
        Assert.Equal([1, 2], check.Citations.Select(c => c.N));
        Assert.Equal(Passages[0].Chunk.Id, check.Citations[0].ChunkId);
        Assert.Equal("002_d03fe261832cac16.txt", check.Citations[0].Source);
        Assert.Equal("The Washington Post", check.Citations[0].Outlet);
        Assert.Equal(Passages[0].Document.Metadata.Url, check.Citations[0].Url);
        Assert.Equal(0, check.RemovedMarkers);
    }

    [Fact]
    public void Markers_are_renumbered_in_order_of_first_appearance()
    {
        var check = Validator.Validate($"{Officials} [3]. {Extradition} [1]. Also, {Officials.ToLowerInvariant()} [3].", Passages);

        Assert.Equal(CitationVerdict.Accepted, check.Verdict);
        Assert.Equal($"{Officials} [1]. {Extradition} [2]. Also, {Officials.ToLowerInvariant()} [1].", check.Text);
        Assert.Equal([Passages[2].Chunk.Id, Passages[0].Chunk.Id], check.Citations.Select(c => c.ChunkId));
        Assert.Equal([1, 2], check.Citations.Select(c => c.N));
    }

    [Fact]
    public void Marker_naming_a_passage_that_was_not_given_is_removed()
    {
        var check = Validator.Validate($"{Extradition} [1]. {Vetting} [7].", Passages);

        Assert.Equal(CitationVerdict.Accepted, check.Verdict);
        Assert.Equal($"{Extradition} [1]. {Vetting}.", check.Text);
        Assert.Single(check.Citations);
        Assert.Equal(1, check.RemovedMarkers);
    }

    [Theory]
    [InlineData("[0]")]
    [InlineData("[4]")]
    [InlineData("[99]")]
    public void Answer_citing_only_passages_that_were_not_given_is_rejected(string marker)
    {
        var check = Validator.Validate($"{Extradition} {marker}.", Passages);

        Assert.Equal(CitationVerdict.Rejected, check.Verdict);
        Assert.Contains("not given", check.Reason);
        Assert.Empty(check.Citations);
    }

    [Fact]
    public void Answer_without_any_marker_is_rejected()
    {
        var check = Validator.Validate($"{Extradition}.", Passages);

        Assert.Equal(CitationVerdict.Rejected, check.Verdict);
        Assert.Contains("cites no passage", check.Reason);
    }

    [Fact]
    public void Sentence_citing_the_wrong_passage_is_rejected()
    {
        var check = Validator.Validate($"{Extradition} [2].", Passages);

        Assert.Equal(CitationVerdict.Rejected, check.Verdict);
        Assert.Contains("not supported by passage [2]", check.Reason);
    }

    [Fact]
    public void Number_the_cited_passage_does_not_contain_is_rejected_even_with_high_word_overlap()
    {
        var check = Validator.Validate("Mexico began extraditing its citizens accused of crimes to the United States in 1997 [1].", Passages);

        Assert.Equal(CitationVerdict.Rejected, check.Verdict);
        Assert.Contains("0.00", check.Reason);
    }

    [Fact]
    public void Invented_claim_cited_to_a_real_passage_is_rejected()
    {
        var check = Validator.Validate($"{Extradition} [1]. The border wall was finished by Canada and paid with tariffs on avocados [1].", Passages);

        Assert.Equal(CitationVerdict.Rejected, check.Verdict);
        Assert.Contains("border wall", check.Reason);
    }

    [Fact]
    public void Long_uncited_sentence_from_outside_knowledge_is_rejected_but_short_connectives_pass()
    {
        var outside = Validator.Validate($"{Extradition} [1]. The treaty was later renegotiated by several European parliaments.", Passages);
        Assert.Equal(CitationVerdict.Rejected, outside.Verdict);
        Assert.Contains("uncited sentence", outside.Reason);

        var connective = Validator.Validate($"In short, fairly late. {Extradition} [1].", Passages);
        Assert.Equal(CitationVerdict.Accepted, connective.Verdict);

        var uncitedButGrounded = Validator.Validate($"{Extradition} [1]. {Vetting}.", Passages);
        Assert.Equal(CitationVerdict.Accepted, uncitedButGrounded.Verdict);
        Assert.Single(uncitedButGrounded.Citations);
    }

    [Theory]
    [InlineData("[1, 2]", "[1][2]")]
    [InlineData("[1][2]", "[1][2]")]
    [InlineData("[1-2]", "[1][2]")]
    [InlineData("[2,1]", "[1][2]")]
    [InlineData("[1, 7]", "[1]")]
    public void Grouped_and_ranged_markers_are_understood(string marker, string expected)
    {
        // One sentence drawing on both passages is supported by their union.
        var sentence = "Mexico began extraditing its citizens in 1996 and every airplane passenger is vetted against security databases";
        var check = Validator.Validate($"{sentence} {marker}.", Passages);

        Assert.Equal(CitationVerdict.Accepted, check.Verdict);
        Assert.Equal($"{sentence} {expected}.", check.Text);
    }

    [Fact]
    public void Marker_opening_the_next_sentence_belongs_to_the_one_before()
    {
        var check = Validator.Validate($"{Extradition}. [1] {Vetting}. [2]", Passages);

        Assert.Equal(CitationVerdict.Accepted, check.Verdict);
        Assert.Equal(2, check.Citations.Count);
        Assert.Contains("1996", check.Citations[0].Quote);
        Assert.Contains("airplane", check.Citations[1].Quote);
    }

    [Fact]
    public void Quote_is_the_whole_short_passage_or_the_most_relevant_sentences_of_a_long_one()
    {
        var check = Validator.Validate($"{Extradition} [1]. {Vetting} [2]. {Officials} [3].", Passages);

        Assert.Equal(CitationVerdict.Accepted, check.Verdict);
        Assert.Equal(Passages[1].Chunk.Text, check.Citations[1].Quote); // short: whole passage
        Assert.StartsWith("It wasn't until 1996", check.Citations[0].Quote); // long: the supporting sentence
        Assert.Contains("closing stages", check.Citations[2].Quote);
        Assert.All(check.Citations, c => Assert.True(c.Quote.Length <= Validator.MaxQuoteLength));
        Assert.All(check.Citations, c => Assert.Contains(c.Quote.TrimEnd('…'), Passages[c.ChunkId == Passages[0].Chunk.Id ? 0 : c.ChunkId == Passages[1].Chunk.Id ? 1 : 2].Chunk.Text));
    }

    [Theory]
    [InlineData("I don't know")]
    [InlineData("I don't know.")]
    [InlineData("I don’t know")]
    [InlineData("\"I do not know.\"")]
    [InlineData("i dont know - the passages do not say")]
    public void I_dont_know_is_recognised(string reply)
    {
        Assert.Equal(CitationVerdict.Declined, Validator.Validate(reply, Passages).Verdict);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Empty_reply_is_rejected(string reply)
    {
        var check = Validator.Validate(reply, Passages);
        Assert.Equal(CitationVerdict.Rejected, check.Verdict);
        Assert.Contains("no text", check.Reason);
    }

    [Fact]
    public void Stricter_threshold_rejects_a_looser_paraphrase_the_default_accepts()
    {
        var paraphrase = "Mexico started handing over its citizens accused of crimes to the United States only in 1996 [1].";

        Assert.Equal(CitationVerdict.Accepted, Validator.Validate(paraphrase, Passages).Verdict);
        Assert.Equal(CitationVerdict.Rejected, new CitationValidator { SupportThreshold = 0.9 }.Validate(paraphrase, Passages).Verdict);
    }

    [Fact]
    public void Content_words_ignore_case_accents_inflection_and_stop_words()
    {
        Assert.Equal(["mexico", "extradit", "citizen", "1996"], ContentWords.Of("Mexico extradited its citizens in 1996"));
        Assert.Equal(["mexico", "extradit", "citizen"], ContentWords.Of("mexico's EXTRADITING of the citizen"));
        Assert.Equal(["pena", "nieto", "60000"], ContentWords.Of("Peña Nieto: 60,000"));
        Assert.Equal(["us", "mexico", "stat"], ContentWords.Of("U.S.-Mexico states"));
    }
}
