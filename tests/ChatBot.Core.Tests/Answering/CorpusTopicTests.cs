using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>Three invented notes on one town's ferry service, for the corpus-wide topic tests below.</summary>
public sealed class FerryTownCorpus() : WrittenCorpus("corpus-topic-corpus",
    ("001_timetable.txt", string.Join("\n\n",
    "Kelby's ferry service will run every half hour from the first of June, the operator said on Monday.",
    "The new timetable adds four evening crossings to Dunmarsh on weekdays.",
    "Tickets for the evening crossings cost the same as those for the day.")),
    ("002_breakdown.txt", string.Join("\n\n",
    "One of Kelby's two ferries broke down in March and was out of service for three weeks while its engine was rebuilt.",
    "Passengers waited up to an hour at the slipway during the repairs.",
    "The operator hired a smaller boat from a yard in Dunmarsh to keep a service running.")),
    ("003_council.txt", string.Join("\n\n",
    "Kelby town council voted on Tuesday to put 200,000 euros towards a third ferry by 2027.",
    "Councillors said the March breakdown had shown that two boats were not enough for the town.",
    "A toll on cars using the ferry will rise by one euro to help pay for the new boat.")));

/// <summary>
/// A topic every document of the collection speaks of is the collection's own subject: "a rundown of what happened with
/// the town's ferries" is answered with the summary of the whole collection, not with the few sentences that name the words.
/// </summary>
public sealed class CorpusTopicTests(FerryTownCorpus corpus) : IClassFixture<FerryTownCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task A_topic_every_document_speaks_of_is_answered_with_the_collections_summary()
    {
        var plan = await _fixture.PlanAsync("Could you give me a quick rundown of what happened with Kelby's ferries over the past year or so?");
        Assert.True(plan.Answered, plan.Reason);
        Assert.Equal(QuestionKind.CorpusSummary, plan.Kind);
        Assert.Equal(3, plan.Segments.Select(s => s.Source).Distinct().Count());
    }

    [Fact]
    public async Task A_topic_some_documents_speak_of_stays_an_overview()
    {
        var plan = await _fixture.PlanAsync("What do the documents say about the Dunmarsh crossings?");
        Assert.Equal(QuestionKind.Overview, plan.Kind);
    }
}
