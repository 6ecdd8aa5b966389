using ChatBot.Core.Answering;
using ChatBot.Core.Search;

namespace ChatBot.Core.Tests.Answering;

/// <summary>An invented village festival's notes, for the word-matching tests below.</summary>
public sealed class FestivalCorpus() : WrittenCorpus("word-matching",
    ("festival.md", string.Join("\n\n",
    "# Orchard festival notes",
    "The orchard festival runs over two days in September and drew roughly 3,400 visitors last year.",
    "Mira Colt ran the cider stall for ten years before she handed it to her nephew.",
    "No one died when the old barn lost its roof in the storm of 1998.",
    "The cider press was repaired by the blacksmith after the handle broke on the first morning.",
    "No festival has ever been cancelled, and none is planned yet, because the hall is booked until 2030.",
    "Stalls stay open again on the Sunday, so visitors who were rained out can come back.")),
    ("committee.md", string.Join("\n\n",
    "# Festival committee",
    "The committee meets in the village hall on the first Monday of each month.",
    "Its members are volunteers from the three villages of the valley.",
    "Old apple trees rarely die of frost, the committee's orchard keeper says.",
    "The committee's reserve fund held £12,000 at the end of March.",
    "Any money left after the festival goes to the upkeep of the village hall.",
    "Stalls line the high street for both days.",
    "The maypole on the green was raised in 1952 and stands 14 metres.",
    "The old mill closed after the death of its last miller in 1901.",
    "Lightning struck the bell tower of the chapel during the August storm. No one was hurt.")));

/// <summary>How a question's words are matched to a sentence's for coverage (docs/retrieval.md, round 11).</summary>
public sealed class WordMatchingTests(FestivalCorpus corpus) : IClassFixture<FestivalCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Theory]
    [InlineData("has the cider press ever been repaired yet?")]
    [InlineData("what's being done so the cider press doesn't break again")]
    [InlineData("how many visitors were there per day, because I got no info")]
    public void Function_words_are_not_terms(string question)
    {
        var terms = QuestionAnalyzer.Analyze(question).Terms;
        foreach (var word in new[] { "ever", "been", "yet", "be", "so", "doesn't", "again", "were", "becaus", "got", "info", "per" })
            Assert.DoesNotContain(word, terms);
        Assert.NotEmpty(terms);
    }

    [Fact]
    public void Prepositions_stay_terms()
    {
        // "from" names the origin asked for ("where is it coming from"), "over" the hand-over of "take over": a sentence
        // writing them is the likelier answer, so they are weighed like other words.
        var terms = QuestionAnalyzer.Analyze("who did she take over from").Terms;
        Assert.Contains("over", terms);
        Assert.Contains("from", terms);
    }

    [Fact]
    public async Task A_sentence_holding_every_content_word_covers_a_question_full_of_function_words()
    {
        // The corpus writes "ever", "been", "yet" (in another sentence): they used to count against the sentence about the press.
        var plan = await _fixture.PlanAsync("Has the cider press ever been repaired yet?");
        Assert.Contains("blacksmith", plan.Segments.Single().Text, StringComparison.Ordinal);
        Assert.Equal(1, plan.Evidence[EvidenceFeatures.AnswerCoverage], 6);
    }

    [Theory]
    [InlineData("died dies dying die", "die")]
    [InlineData("ran runs running run", "run")]
    [InlineData("paid pays paying pay", "pai")]
    [InlineData("withdrew withdrawn withdraws", "withdraw")]
    [InlineData("buses bus", "bu")]
    [InlineData("tries tried try", "try")]
    [InlineData("women woman", "woman")]
    public void Irregular_forms_are_analysed_like_their_base(string forms, string stem) =>
        Assert.All(SearchAnalyzer.Shared.Terms(forms), t => Assert.Equal(stem, t));

    [Theory]
    [InlineData("founded", "found")] // "found" is as often "founded" as the past of "find": left alone
    [InlineData("studied", "studi")] // a longer -ied word: Porter's own reading, unchanged
    [InlineData("lies", "lie")]
    public void Forms_that_are_as_often_another_word_are_left_to_porter(string word, string stem) =>
        Assert.Equal([stem], SearchAnalyzer.Shared.Terms(word));

    [Theory]
    [InlineData("ppl", "people")]
    [InlineData("govt", "government")]
    [InlineData("env var", "environment variable")]
    [InlineData("deaths", "die")]
    [InlineData("dead", "died")]
    [InlineData("sick", "illness")]
    [InlineData("headcount", "employees")]
    [InlineData("stock", "shares")]
    [InlineData("Q2 2025", "second quarter of 2025")]
    public void Bridged_words_are_analysed_as_one(string typed, string written) =>
        Assert.Equal(SearchAnalyzer.Shared.Terms(written), SearchAnalyzer.Shared.Terms(typed));

    [Theory]
    [InlineData("staff")] // also a verb and a rod; no train figure moved with it
    [InlineData("employs")] // as often "uses" ("employs a sensor") as "has on the payroll"
    [InlineData("min")] // minute or minimum
    public void Words_that_often_mean_something_else_are_not_bridged(string word) =>
        Assert.Equal(PorterOnly(word), SearchAnalyzer.Shared.Terms(word));

    /// <summary>The word as the stemmer alone reads it.</summary>
    private static List<string> PorterOnly(string word)
    {
        using var analyzer = new Lucene.Net.Analysis.Core.SimpleAnalyzer(SearchAnalyzer.Version);
        using var stream = new Lucene.Net.Analysis.En.PorterStemFilter(analyzer.GetTokenStream("f", word));
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var terms = new List<string>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    [Fact]
    public async Task A_noun_in_the_question_matches_its_verb_in_the_sentence()
    {
        // "deaths" used to stem to "death", a word of the corpus (the miller's death) that the sentence saying no one died lacked.
        var plan = await _fixture.PlanAsync("Were there any deaths when the barn lost its roof?");
        Assert.Contains("No one died", plan.Segments.Single().Text, StringComparison.Ordinal);
        Assert.Equal(1, plan.Evidence[EvidenceFeatures.AnswerCoverage], 6);
    }

    [Fact]
    public async Task A_sentence_too_short_to_stand_alone_is_read_with_the_one_before()
    {
        // "No one was hurt." says it of the August storm the sentence before names: those words count in full, not at half.
        var plan = await _fixture.PlanAsync("Was anyone hurt in the August storm?");
        Assert.True(plan.Segments.Single().Text.StartsWith("No one was hurt.", StringComparison.Ordinal), plan.Segments.Single().Text);
        Assert.Equal(1, plan.Evidence[EvidenceFeatures.AnswerCoverage], 6);
    }

    [Fact]
    public async Task A_question_in_the_present_matches_a_sentence_in_an_irregular_past()
    {
        // "runs" is a word of the corpus (the festival runs over two days): before, "ran" did not count for it.
        var plan = await _fixture.PlanAsync("Who runs the cider stall?");
        var best = Assert.IsType<SentenceCandidate>(plan.Best);
        Assert.Contains("Mira Colt", best.Unit.Unit.Text, StringComparison.Ordinal);
        Assert.Equal(1, best.Features[EvidenceFeatures.Coverage], 6);
    }

    [Fact]
    public async Task Die_and_died_are_one_word()
    {
        // "die" is a word of the corpus (trees rarely die of frost): before, "died" (Porter: "di") did not count for it.
        var plan = await _fixture.PlanAsync("Did anyone die when the barn lost its roof?");
        Assert.Contains("No one died", plan.Segments.Single().Text, StringComparison.Ordinal);
        Assert.Equal(1, plan.Evidence[EvidenceFeatures.AnswerCoverage], 6);
    }

    [Fact]
    public async Task Money_is_what_an_amount_stands_for()
    {
        // "money" is a word of the corpus, but the sentence giving the amount does not repeat it: the amount stands for it.
        var plan = await _fixture.PlanAsync("how much money is in the committee's reserve fund?");
        Assert.Contains("£12,000", plan.Segments.Single().Text, StringComparison.Ordinal);
        Assert.Equal(1, plan.Evidence[EvidenceFeatures.AnswerCoverage], 6);
    }

    [Theory]
    [InlineData("money")]
    [InlineData("high")]
    [InlineData("version")] // "which version added X?" over a changelog entry under its version heading
    public void Nouns_naming_the_asked_value_count_as_covered_by_its_item(string word) =>
        Assert.Contains(SearchAnalyzer.Shared.Terms(word).Single(), QuestionAnalyzer.MeasureNouns);

    [Fact]
    public async Task A_two_part_answer_holding_a_part_s_item_covers_its_measure_noun()
    {
        // "high" is a word of the corpus (the high street); "14 metres" answers "how high" without saying it.
        var plan = await _fixture.PlanAsync("When was the maypole raised, and how high is it?");
        Assert.Equal(QuestionKind.TwoPart, plan.Kind);
        Assert.Contains("14 metres", string.Join(" ", plan.Segments.Select(s => s.Text)), StringComparison.Ordinal);
        Assert.Equal(1, plan.Evidence[EvidenceFeatures.AnswerCoverage], 6);
    }
}
