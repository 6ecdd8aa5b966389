using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

public sealed class TimeAndTallyCorpus() : WrittenCorpus("time-tally-corpus",
    ("ferry.md", string.Join("\n\n",
        "# The island ferry",
        "The island ferry was relaunched on 3 May 2031 after a two-year refit paid for by the harbour board.",
        "On Sundays the first ferry leaves Pell Quay at 7:15 a.m. and the last returns at 9:40 p.m.",
        "The refit cost £2.4 million, more than the 1.9 million first budgeted.",
        "Building the new landing stage took £600,000 from the harbour reserve.")),
    ("minutes.md", string.Join("\n\n",
        "# Harbour board: minutes of 12 June 2031",
        "The chair, Ilse Marwood, opened the meeting at 6 p.m. with eleven members present.",
        "The board voted 8 to 3 to raise the ferry fare to £4.50 from 1 August.",
        "A motion to name the new pier after the harbour's first pilot was carried unanimously.",
        "\"The fare has to pay for the boat,\" said Ada Kettering, a transport economist at the Sorrel Institute in Dunmore.")));

/// <summary>
/// "What time …" asks for a time of day, which a date does not give; "what was the vote on …" asks for a tally, which a
/// count of anything else does not give (<see cref="AnswerItems"/>, <see cref="QuestionAnalyzer.TypeOf"/>).
/// </summary>
public sealed class TimeAndTallyTests(TimeAndTallyCorpus corpus) : IClassFixture<TimeAndTallyCorpus>
{
    [Fact]
    public async Task A_clock_time_is_a_time_item_and_a_range_of_times_stays_one()
    {
        var snapshot = await corpus.Fixture.Index.EnsureReadyAsync();
        var unit = snapshot.Analysis("ferry.md").Sentences.Single(s => s.Text.Contains("first ferry", StringComparison.Ordinal));
        var items = AnswerItems.For(snapshot).In("ferry.md", unit);
        Assert.Contains(items, i => i is { Type: AnswerType.Time, Text: "7:15 a.m." });
        Assert.Contains(items, i => i is { Type: AnswerType.Time, Text: "9:40 p.m." });
        Assert.DoesNotContain(items, i => i.Type == AnswerType.Number && i.Text.StartsWith('7'));
    }

    [Fact]
    public async Task What_time_is_answered_by_a_time_of_day_not_by_a_date()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("what time does the first ferry leave on sundays?");
        Assert.True(answer.Answered);
        Assert.StartsWith("7:15 a.m.:", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vote_question_leads_with_the_tally()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("What was the board's vote on the fare increase?");
        Assert.True(answer.Answered);
        Assert.StartsWith("8 to 3:", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tally_needs_a_vote_word_so_a_range_is_no_tally()
    {
        var snapshot = await corpus.Fixture.Index.EnsureReadyAsync();
        var items = AnswerItems.For(snapshot);
        var vote = snapshot.Analysis("minutes.md").Sentences.Single(s => s.Text.Contains("voted", StringComparison.Ordinal));
        var motion = snapshot.Analysis("minutes.md").Sentences.Single(s => s.Text.Contains("motion", StringComparison.Ordinal));
        var refit = snapshot.Analysis("ferry.md").Sentences.Single(s => s.Text.Contains("refit cost", StringComparison.Ordinal));
        Assert.Contains(items.In("minutes.md", vote), i => i is { Type: AnswerType.Tally, Text: "8 to 3" });
        Assert.Contains(items.In("minutes.md", motion), i => i is { Type: AnswerType.Tally, Text: "unanimously" });
        Assert.DoesNotContain(items.In("ferry.md", refit), i => i.Type == AnswerType.Tally);
    }
}

/// <summary>
/// The noun naming the kind of value asked for ("cost", "time", "vote") is what the answer's item stands for: an answer
/// holding such an item covers it, and one holding none does not (<see cref="QuestionAnalyzer.MeasureNouns"/>).
/// </summary>
public sealed class MeasureNounTests(TimeAndTallyCorpus corpus) : IClassFixture<TimeAndTallyCorpus>
{
    [Fact]
    public async Task The_measure_noun_counts_as_covered_when_the_answer_holds_the_asked_item()
    {
        var plan = await corpus.Fixture.PlanAsync("what did the new landing stage cost");
        Assert.Contains("£600,000", string.Join(" ", plan.Segments.SelectMany(s => s.Units).Select(u => u.Text)), StringComparison.Ordinal);
        Assert.Equal(1.0, plan.Evidence[EvidenceFeatures.AnswerCoverage], 3);
    }

    [Fact]
    public async Task Without_the_asked_item_the_measure_noun_stays_uncovered()
    {
        // The relaunch sentence gives a date, no time of day: "time" is not what its item stands for.
        var plan = await corpus.Fixture.PlanAsync("what time was the island ferry relaunched");
        Assert.True(plan.Evidence.ContainsKey(EvidenceFeatures.AnswerCoverage), plan.Reason);
        Assert.True(plan.Evidence[EvidenceFeatures.AnswerCoverage] < 1.0);
    }

    [Fact]
    public async Task An_item_in_the_appositive_after_a_name_belongs_to_it_and_covers_the_asked_kind()
    {
        // The institute is seven words after the name, inside the description the comma opens; "think tank" is the kind of
        // organisation asked for, which the sentence naming it does not repeat.
        var plan = await corpus.Fixture.PlanAsync("What think tank is Ada Kettering with?");
        Assert.Equal(0, plan.Evidence[EvidenceFeatures.ItemFar]);
        Assert.Equal(1.0, plan.Evidence[EvidenceFeatures.AnswerCoverage], 3);
        Assert.Equal("Sorrel Institute", plan.Segments[0].Lead);
    }
}
