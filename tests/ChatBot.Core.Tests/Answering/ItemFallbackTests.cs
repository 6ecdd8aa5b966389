using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>An invented course page whose closest sentence to "who runs …" restates the question and names no one.</summary>
public sealed class CourseCorpus() : WrittenCorpus("item-fallback-corpus",
    ("course.md", string.Join("\n\n",
    "# Harbour Skills",
    "The January run of Harbour Skills takes place on 20 and 21 January.",
    "“I have led the course since it began,” said Ruth Okafor, the teaching lead.",
    "Members serve for three years and may be reappointed once.")));

/// <summary>
/// When the best-ranked sentence holds no item of the asked kind, a close runner-up that does is decided on instead
/// (<see cref="ExtractiveAnswerer.ItemFallbackWindow"/>). (When none does, the rule refuses: <see cref="ItemMissingTests"/>.)
/// </summary>
public sealed class ItemFallbackTests(CourseCorpus corpus) : IClassFixture<CourseCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task A_runner_up_naming_the_person_answers_a_who_question()
    {
        var plan = await _fixture.PlanAsync("who runs harbour skills");
        // The top-ranked sentence restates the question and names no one; the answer is the runner-up's.
        Assert.DoesNotContain("Okafor", plan.Rankings[0].Candidates[0].Unit.Unit.Text, StringComparison.Ordinal);
        Assert.True(plan.Answered, plan.Reason);
        Assert.Contains("Ruth Okafor", plan.Segments[0].Text, StringComparison.Ordinal);
    }
}
