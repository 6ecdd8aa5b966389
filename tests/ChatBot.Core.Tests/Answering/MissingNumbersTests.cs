using ChatBot.Core.Answering;
using ChatBot.Core.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.Answering;

/// <summary>A small invented programme history with years, for the evidence tests below.</summary>
public sealed class LarchfieldCorpus() : WrittenCorpus("missing-numbers-corpus",
    ("history.md", string.Join("\n\n",
    "# The Larchfield coastal ecology programme",
    "The programme was founded in 1998 by the marine biology department.",
    "Professor Ruth Amsel directed the programme from 1998 to 2011.",
    "In 2017 the field station moved to a new building on the harbour.")));

/// <summary>
/// A question's numbers (years, versions) that the corpus holds but the chosen answer does not are evidence that the answer
/// speaks of another time or version (<see cref="EvidenceFeatures.NumbersMissing"/>); numbers the corpus never holds are
/// left to <see cref="EvidenceFeatures.UnknownNames"/>.
/// The unknown-words share is tested here too; one index for the class.
/// </summary>
public sealed class MissingNumbersTests(LarchfieldCorpus corpus) : IClassFixture<LarchfieldCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    private Task<AnswerPlan> PlanAsync(string question) => _fixture.PlanAsync(question);

    [Fact]
    public async Task A_year_of_the_question_the_answer_lacks_counts_when_the_corpus_holds_it()
    {
        var plan = await PlanAsync("Why did the field station move to the harbour in 1998?");
        Assert.Contains("field station moved", plan.Segments[0].Text, StringComparison.Ordinal);
        Assert.Equal(1, plan.Evidence[EvidenceFeatures.NumbersMissing]);
    }

    [Fact]
    public async Task An_item_asked_for_a_year_the_answer_lacks_is_refused()
    {
        var plan = await PlanAsync("Who directed the programme between 2011 and 2017?");
        Assert.False(plan.Answered);
        Assert.StartsWith("numbers-missing", plan.Reason, StringComparison.Ordinal);
        Assert.Contains("Ruth Amsel", plan.Best!.Unit.Unit.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_holding_every_number_of_the_question_counts_none()
    {
        var plan = await PlanAsync("Who directed the programme between 1998 and 2011?");
        Assert.Contains("Ruth Amsel", plan.Segments[0].Text, StringComparison.Ordinal);
        Assert.Equal(0, plan.Evidence[EvidenceFeatures.NumbersMissing]);
    }

    [Theory]
    [InlineData("directed it until 2011.", "2011", true)]
    [InlineData("from 1998 to 2011, then", "1998", true)]
    [InlineData("version 4.2, released", "4.2", true)]
    [InlineData("in 20110 entries", "2011", false)]
    [InlineData("version 4.2.1 only", "4.2", false)]
    [InlineData("rule 1.2011 applies", "2011", false)]
    [InlineData("some 12,011 people", "011", false)]
    [InlineData("first 4.2x then 4.2", "4.2", true)]
    public void A_number_counts_only_when_the_text_writes_it_whole(string text, string number, bool holds) =>
        Assert.Equal(holds, ExtractiveAnswerer.HoldsNumber(text, number));

    [Fact]
    public async Task A_number_the_corpus_never_holds_is_an_unknown_name_not_a_missing_number()
    {
        var plan = await PlanAsync("Who directed the programme between 2011 and 2023?");
        Assert.Equal(0, plan.Evidence[EvidenceFeatures.NumbersMissing]);
        Assert.Equal(1, plan.Evidence[EvidenceFeatures.UnknownNames]);
    }

    [Fact]
    public async Task A_refusal_only_refit_keeps_the_ranker_and_weighs_the_missing_numbers()
    {
        var snapshot = await _fixture.Index.EnsureReadyAsync();
        var start = _fixture.Services.GetRequiredService<AnswerModels>().For(dense: true);
        EvalQuestion Q(string id, string text, bool answerable, string? expect = null) =>
            new(id, text, answerable ? ["history"] : null, expect is null ? null : [[expect]], answerable) { Kind = answerable ? "factoid" : "trap" };
        var questions = new[]
        {
            Q("1", "Who directed the programme from 1998 to 2011?", true, "Amsel"),
            Q("2", "When was the programme founded?", true, "1998"),
            Q("3", "When did the field station move to a new building?", true, "2017"),
            Q("4", "Why did the field station move to the harbour in 1998?", false),
            Q("5", "Who founded the field station in 2017?", false),
            Q("6", "What is the capital of Peru?", false),
        };
        var set = new CalibrationSet("history", questions, _fixture.Services.GetRequiredService<AnswerEngine>(),
            _fixture.Services.GetRequiredService<ExtractiveAnswerer>(), snapshot);
        // A threshold chosen by hand (over corpora the fit never saw) is a decision of its own: a refit keeps it.
        var chosen = new AnswerCalibration { Model = start.Model, Ranker = start.Ranker, Refusal = start.Refusal, Threshold = 0.42 };
        var fitted = await Calibrator.FitAsync(start.Model, dense: true, [set], chosen, refusalOnly: true);
        Assert.Same(start.Ranker, fitted.Ranker);
        Assert.Equal(0.42, fitted.Threshold);
        Assert.Contains(EvidenceFeatures.NumbersMissing, fitted.Refusal.Features);
        Assert.True(fitted.Refusal.Weights[fitted.Refusal.Features.IndexOf(EvidenceFeatures.NumbersMissing)] < 0);
    }

    [Fact]
    public async Task The_share_of_question_words_the_corpus_never_uses_is_evidence_for_the_lexical_fallback()
    {
        var known = await PlanAsync("When did the field station move to the harbour?");
        Assert.Equal(0, known.Evidence[EvidenceFeatures.UnknownShare]);
        // "field" is known; "boiling", "temperature" and "nitrogen" are not.
        var offTopic = await PlanAsync("What is the boiling temperature of field nitrogen?");
        Assert.Equal(0.75, offTopic.Evidence[EvidenceFeatures.UnknownShare], 3);
        Assert.Contains(EvidenceFeatures.UnknownShare, EvidenceFeatures.LexicalQuestionFeatures);
        Assert.DoesNotContain(EvidenceFeatures.UnknownShare, EvidenceFeatures.QuestionFeatures);
    }
}
