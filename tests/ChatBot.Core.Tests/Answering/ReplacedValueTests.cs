using ChatBot.Core.Answering;
using ChatBot.Core.Search;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.Answering;

/// <summary>
/// A value the text says was replaced ("7411, not 6100", "from 300 to 500", "was 6100 before 2.0") answers
/// "what was it before", not "what is it": recognised in its sentence, and for a distinctive value anywhere in the corpus.
/// </summary>
public class ReplacedValueTests
{
    [Theory]
    [InlineData("Since version 2.0 the default port is 7411, not 6100.", "6100", true)]
    [InlineData("Since version 2.0 the default port is 7411, not 6100.", "7411", false)]
    [InlineData("The plan limit went from 300 to 500 checks a day.", "300", true)]
    [InlineData("The plan limit went from 300 to 500 checks a day.", "500", false)]
    [InlineData("Web UI and API. Was 6100 before 2.0.", "6100", true)]
    [InlineData("Use port 7411 instead of 6100 behind a proxy.", "6100", true)]
    [InlineData("The ferry carried 310,000 passengers last year.", "310,000", false)]
    [InlineData("The budget was 4.2 million euros.", "4.2", false)]
    [InlineData("The committee raised the word limit from 12,000 to 14,000 words.", "12,000", true)]
    [InlineData("Students put in a request to raise the word limit from 12,000 to 14,000 words.", "12,000", false)]
    [InlineData("The union proposed cutting the fee from 900 to 700 pounds.", "900", false)]
    public void A_value_the_sentence_says_was_replaced_is_marked(string text, string value, bool replaced)
    {
        var item = new AnswerItem(AnswerType.Number, value, text.IndexOf(value, StringComparison.Ordinal), value.Length);
        Assert.Equal(replaced, AnswerItems.IsSupersededAt(text, item));
    }

    [Theory]
    [InlineData("Which port did the server use before version 2.0?", true)]
    [InlineData("what was the old default port", true)]
    [InlineData("What was the port originally?", true)]
    [InlineData("What port does the server listen on by default?", false)]
    [InlineData("what's the current release", false)]
    public void A_question_about_the_value_before_a_change_is_recognised(string question, bool old) =>
        Assert.Equal(old, QuestionAnalyzer.Analyze(question).AsksForOld);
}

/// <summary>A two-page product manual whose default port changed: the engine answers with the current value, or the old one when asked for it.</summary>
public sealed class ReplacedValueCorpus() : WrittenCorpus("replaced-value-corpus",
    ("network.md", string.Join("\n\n",
    "# Gullwing Server network settings",
    "Gullwing Server is a small message queue for teams that run their own machines. Most installations need no more than 2 GB of memory.",
    "## Ports",
    "If a reverse proxy or a firewall rule still points at port 6100, update it or set port = 6100 in the server section of the settings file.",
    "Since version 2.0 the default port is 7411, not 6100.",
    "The metrics endpoint listens on the port after it.")),
    ("faq.md", string.Join("\n\n",
    "# Gullwing FAQ",
    "## Can I run several nodes?",
    "Yes. Each node needs its own data folder and at least 2 GB of memory.",
    "## How long is history kept?",
    "Gullwing keeps 30 days of message history unless a retention setting says otherwise.")));

public class ReplacedValueAnswerTests(ReplacedValueCorpus corpus) : IClassFixture<ReplacedValueCorpus>
{
    [Fact]
    public async Task The_current_value_is_the_answer_not_the_one_it_replaced()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("What port does Gullwing Server listen on by default?");
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("7411", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_replaced_value_is_the_answer_when_the_question_asks_for_it()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("Which port did Gullwing Server use before version 2.0?");
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("6100", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_term_only_the_sentence_before_the_answer_holds_counts_half_in_its_coverage()
    {
        var engine = corpus.Fixture.Services.GetRequiredService<AnswerEngine>();
        var snapshot = await corpus.Fixture.Index.EnsureReadyAsync();
        var models = corpus.Fixture.Services.GetRequiredService<AnswerModels>();
        var (plan, _, _) = await engine.PlanAsync(snapshot, "How much memory does Gullwing Server need?", models.For(dense: true), CancellationToken.None);
        Assert.StartsWith("Most installations need", plan.Segments[0].Text, StringComparison.Ordinal);
        double Idf(string word) => snapshot.TermStats.Idf(SearchAnalyzer.Shared.Terms(word).Single());
        double own = Idf("memory") + Idf("need"), before = Idf("Gullwing") + Idf("Server");
        Assert.Equal((own + ExtractiveAnswerer.ContextShare * before) / (own + before), plan.Evidence[EvidenceFeatures.AnswerCoverage], 6);
    }
}
