using ChatBot.Core.Answering;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;

namespace ChatBot.Core.Tests.Conversations;

/// <summary>
/// The most probable sentence the readings of one follow-up found in the whole corpus: it answers the follow-up instead of a
/// less probable sentence of the conversation's documents (<see cref="AnswerEngine.WidestPlan"/>).
/// </summary>
public sealed class WidestPlanTests
{
    private static AnswerPlan Plan(string text, double p, string reason) => new(
        QuestionKind.Factoid,
        [new AnswerSegment("notes.md", [new AnalyzedSentence(0, 0, new SentenceSpan(0, text.Length), text, new HashSet<string>(), null, false, 0, false)])],
        new Dictionary<string, double>(), p, false, reason);

    [Fact]
    public void Keeps_the_most_probable_plan_decided_by_its_probability()
    {
        var widest = new AnswerEngine.WidestPlan();
        var analysis = QuestionAnalyzer.Analyze("how much does it cost?");
        widest.Offer("how much does it cost? (pilot)", Plan("The pilot costs $9,000.", 0.26, "p=0.26"), analysis, []);
        widest.Offer("how much does it cost?", Plan("The scheme costs about $610,000 a year.", 0.39, "p=0.39"), analysis, []);
        widest.Offer("how much does it cost? (fare)", Plan("A fare costs $3.", 0.31, "p=0.31"), analysis, []);
        // A plan vetoed by a rule, whatever its probability, and a plan without a sentence are not the corpus's best reading.
        widest.Offer("how much does it cost? (item)", Plan("Fares rose in July.", 0.9, "no-item"), analysis, []);
        widest.Offer("how much does it cost? (none)", new AnswerPlan(QuestionKind.Factoid, [], new Dictionary<string, double>(), 0.95, false, "p=0.95"), analysis, []);
        Assert.Equal("how much does it cost?", widest.Question);
        Assert.Equal(0.39, widest.Plan!.Probability);
        Assert.Equal("The scheme costs about $610,000 a year.", widest.Plan.Segments[0].Text);
    }
}
