using ChatBot.Core.Answering;
using ChatBot.Core.Evaluation;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Conversations;

/// <summary>The real engine (local embedding model, hybrid retrieval) over the repository's articles, shared by the tests below.</summary>
public sealed class ArticlesEngine : IDisposable
{
    public EngineFixture Fixture { get; } = new(hybrid: true);

    public void Dispose() => Fixture.Dispose();
}

/// <summary>
/// Follow-ups through the real engine, without an LLM: the conversation answers "who said that?", "what
/// else did he say?", "tell me more" and "which article is that from?" from what it showed; pronouns
/// resolve to the person in focus; and the done-when questions.
/// </summary>
public sealed class ConversationFollowUpTests(ArticlesEngine engine) : IClassFixture<ArticlesEngine>
{
    private IAnswerEngine Engine => engine.Fixture.Engine;

    private static string Fold(string s) => EvalRunner.Fold(s);

    [Fact]
    public async Task Who_said_that_names_the_speaker_of_the_quote_just_shown_with_its_citation()
    {
        var context = Conversing.NewConversation();
        var first = await Engine.AskAsync("who is eric olson", context);
        Assert.True(first.Answered, first.Text);
        var quote = await Engine.AskAsync("what did he say?", context);
        Assert.True(quote.Answered, quote.Text);
        Assert.Contains("embrace the Americans", quote.Text);

        var who = await Engine.AskAsync("and who said that?", context);
        Assert.True(who.Answered, who.Text);
        Assert.StartsWith("Eric Olson said it:", who.Text);
        Assert.Contains("[1]", who.Text);
        Assert.StartsWith("002", Assert.Single(who.Citations).Source);
    }

    [Fact]
    public async Task What_else_did_he_say_shows_other_quotes_of_that_speaker_never_the_same_one()
    {
        var context = Conversing.NewConversation();
        var quote = await Engine.AskAsync("Who is Guillermo Valdés?", context);
        Assert.True(quote.Answered, quote.Text);
        var shown = quote.Evidence.Select(e => (e.Source, e.Unit)).ToHashSet();

        var more = await Engine.AskAsync("ok so what else did he say?", context);
        Assert.True(more.Answered, more.Text);
        Assert.StartsWith("Guillermo Valdés also said:", more.Text);
        Assert.NotEmpty(more.Evidence);
        Assert.All(more.Evidence, e => Assert.DoesNotContain((e.Source, e.Unit), shown));
        Assert.All(more.Evidence, e => Assert.EndsWith("Valdés", e.Speaker));

        // Asked again until nothing is left: each time only quotes not yet shown, then a plain "that's all".
        shown.UnionWith(more.Evidence.Select(e => (e.Source, e.Unit)));
        for (var i = 0; i < 6; i++)
        {
            var again = await Engine.AskAsync("what else did he say?", context);
            if (!again.Answered)
            {
                Assert.Contains("already shown", again.Text);
                return;
            }
            Assert.All(again.Evidence, e => Assert.DoesNotContain((e.Source, e.Unit), shown));
            shown.UnionWith(again.Evidence.Select(e => (e.Source, e.Unit)));
        }
        Assert.Fail("what else did he say? never ran out of quotes");
    }

    [Fact]
    public async Task Tell_me_more_gives_the_next_passage_not_yet_shown()
    {
        var context = Conversing.NewConversation();
        var summary = await Engine.AskAsync("summarize article 004", context);
        Assert.True(summary.Answered, summary.Text);
        var more = await Engine.AskAsync("tell me more", context);
        Assert.True(more.Answered, more.Text);
        Assert.All(more.Citations, c => Assert.StartsWith("004", c.Source));
        Assert.All(more.Evidence, e => Assert.DoesNotContain(summary.Evidence, s => s.Source == e.Source && s.Unit == e.Unit));

        var factoid = Conversing.NewConversation();
        var guns = await Engine.AskAsync("how many guns are smuggled into mexico every year", factoid);
        Assert.Contains("200,000", guns.Text);
        var next = await Engine.AskAsync("tell me more", factoid);
        Assert.True(next.Answered, next.Text);
        Assert.DoesNotContain("200,000 guns", next.Text);
    }

    [Fact]
    public async Task Which_article_is_that_from_names_the_source_from_the_manifest_with_its_citation()
    {
        var context = Conversing.NewConversation();
        await Engine.AskAsync("how many guns are smuggled into mexico every year", context);
        var source = await Engine.AskAsync("which article is that from?", context);
        Assert.True(source.Answered, source.Text);
        var citation = Assert.Single(source.Citations);
        Assert.StartsWith("004", citation.Source);
        Assert.StartsWith($"That is from “{citation.Title}” ({citation.Outlet}", source.Text);

        var author = await Engine.AskAsync("summarize article 001", context);
        Assert.True(author.Answered, author.Text);
        var wrote = await Engine.AskAsync("who wrote it?", context);
        Assert.Contains("Fitsanakis", wrote.Text);
    }

    [Fact]
    public async Task A_pronoun_resolves_to_the_person_a_previous_answer_named()
    {
        var context = Conversing.NewConversation();
        var who = await Engine.AskAsync("who ran mexico's intelligence agency from 2007 to 2011", context);
        Assert.Contains("Valdés", who.Text);
        var told = await Engine.AskAsync("what did he tell El Financiero?", context);
        Assert.True(told.Answered, told.Text);
        Assert.Contains("DEA agents", told.Text);
    }

    [Fact]
    public async Task A_new_topic_is_not_read_with_the_old_one()
    {
        var context = Conversing.NewConversation();
        await Engine.AskAsync("who is eric olson", context);
        var next = await Engine.AskAsync("When was the border between Mexico and the US established?", context);
        Assert.True(next.Answered, next.Text);
        Assert.Contains("1848", next.Text);
        Assert.DoesNotContain("Olson", next.Text);
    }

    // Done-when checks of issue 15, through the real engine.

    [Fact]
    public async Task Who_is_Timothy_Shea_says_he_stepped_down_as_head_of_the_DEA()
    {
        var answer = await Engine.AskAsync("Who is Timothy Shea?");
        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("stepped down", Fold(answer.Text));
        Assert.Matches("dea|drug enforcement", Fold(answer.Text));
    }

    [Fact]
    public async Task Summarize_article_004_gives_at_least_three_cited_sentences_of_004()
    {
        var answer = await Engine.AskAsync("summarize article 004");
        Assert.True(answer.Answered, answer.Text);
        Assert.True(answer.Citations.Count(c => c.Source.StartsWith("004", StringComparison.Ordinal)) >= 3, answer.Text);
        Assert.True(answer.Evidence.Count(e => e.Source.StartsWith("004", StringComparison.Ordinal)) >= 3, answer.Text);
    }

    [Fact]
    public async Task What_do_the_articles_say_about_Cienfuegos_cites_at_least_two_passages()
    {
        var answer = await Engine.AskAsync("What do the articles say about Cienfuegos?");
        Assert.True(answer.Answered, answer.Text);
        Assert.True(answer.Citations.Select(c => c.Quote).Distinct().Count() >= 2, answer.Text);
    }
}
