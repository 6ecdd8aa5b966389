using System.Text.Json.Nodes;
using ChatBot.Core.Answering;
using ChatBot.Teams.Rendering;
using ChatBot.Teams.Tests.Support;
using Xunit;
using ChatBot.Testing.Engine;

namespace ChatBot.Teams.Tests;

public sealed class RendererTests
{
    /// <summary>An answer far over Teams' limit: 30 citations with 3 KB quotes and a long text.</summary>
    internal static Answer Huge(string question, int textLength = 4000) => new()
    {
        Question = question,
        Answered = true,
        Text = string.Concat(Enumerable.Range(0, textLength / 40).Select(i => $"Cooperation grew in area {i:000} [{i % 30 + 1}]. ")),
        Citations = Enumerable.Range(1, 30).Select(n => new Citation(n, $"00{n % 5}_file.txt",
            $"Article number {n} about U.S.–Mexico security cooperation and intelligence sharing", "The Washington Post",
            $"https://example.com/article/{n}", string.Concat(Enumerable.Repeat($"Quoted passage {n} with détails “accents” and more words. ", 50)))).ToList(),
    };

    private static JsonObject Wrap(RenderedAnswer rendered)
    {
        var activity = new JsonObject { ["type"] = "message", ["text"] = rendered.Text };
        if (rendered.CitationsEntity is not null) activity["entities"] = new JsonArray(rendered.CitationsEntity.DeepClone());
        if (rendered.Card is not null) activity["attachments"] = new JsonArray(rendered.Card.DeepClone());
        return activity;
    }

    private static IEnumerable<JsonNode?> CardSources(JsonObject activity) =>
        activity["attachments"]![0]!["content"]!["body"]!.AsArray().Where(n => (string?)n!["type"] == "Container");

    [Fact]
    public void Small_answer_keeps_full_quotes_in_the_card()
    {
        var answer = FakeAnswerEngine.Sample("q");
        var activity = AnswerRenderer.Fit(answer, withFeedback: true, Wrap);
        Assert.Contains(answer.Citations[1].Quote, activity.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(2, CardSources(activity).Count());
    }

    [Fact]
    public void Oversize_answer_first_trims_quotes_and_keeps_every_source()
    {
        var answer = Huge("q") with { Citations = Huge("q").Citations.Take(12).ToList() };
        var activity = AnswerRenderer.Fit(answer, withFeedback: true, Wrap);
        Assert.True(AnswerRenderer.Size(activity) <= AnswerRenderer.ActivityBudgetBytes);
        Assert.Equal(12, CardSources(activity).Count());
        Assert.DoesNotContain(answer.Citations[0].Quote, activity.ToJsonString());
        Assert.Equal(answer.Text, (string?)activity["text"]);
        Assert.Equal(10, activity["entities"]![0]!["citation"]!.AsArray().Count);
    }

    [Fact]
    public void Far_oversize_answer_drops_card_sources_but_stays_under_the_limit()
    {
        var answer = Huge("q") with { Text = new string('a', 20_000) };
        var activity = AnswerRenderer.Fit(answer, withFeedback: true, Wrap);
        var size = AnswerRenderer.Size(activity);
        Assert.True(size <= AnswerRenderer.ActivityBudgetBytes, $"{size} bytes");
        var shown = CardSources(activity).Count();
        Assert.InRange(shown, 1, 29);
        Assert.Contains("more source(s)", activity.ToJsonString());
        Assert.Equal(answer.Text, (string?)activity["text"]);
    }

    [Fact]
    public void Text_alone_over_the_limit_is_shortened_last()
    {
        var answer = Huge("q") with { Text = string.Concat(Enumerable.Repeat("Very long answer text ", 3000)) };
        var activity = AnswerRenderer.Fit(answer, withFeedback: true, Wrap);
        Assert.True(AnswerRenderer.Size(activity) <= AnswerRenderer.ActivityBudgetBytes);
        Assert.Null(activity["attachments"]);
        Assert.EndsWith("…", (string?)activity["text"]);
        Assert.True(((string)activity["text"]!).Length > 20_000);
    }

    [Fact]
    public void Citation_entity_respects_documented_field_limits()
    {
        var entity = AnswerRenderer.CitationsEntity(Huge("q").Citations);
        var citations = entity["citation"]!.AsArray();
        Assert.Equal(10, citations.Count);
        Assert.All(citations, c =>
        {
            Assert.True(((string)c!["appearance"]!["name"]!).Length <= 80);
            Assert.True(((string)c["appearance"]!["abstract"]!).Length <= 160);
            Assert.All(c["appearance"]!["keywords"]!.AsArray(), k => Assert.True(((string)k!).Length <= 28));
        });
    }

    [Fact]
    public void Citation_abstract_starts_at_the_sentence_the_answer_used()
    {
        const string quote = "But that critical intelligence relationship may be under examination in Mexico. The country is trying to fashion a response to a suite of economic threats. "
                             + "After alleged Mexican drug trafficker Chapo Guzmán Loera was arrested in Sinaloa, the U.S. Drug Enforcement Administration released a statement.";
        var excerpt = AnswerRenderer.Excerpt(quote, "Chapo Guzmán Loera was arrested in Sinaloa [1].", 160);
        Assert.StartsWith("…After alleged Mexican drug trafficker Chapo Guzmán", excerpt);
        Assert.True(excerpt.Length <= 160);
        Assert.Equal("Short quote.", AnswerRenderer.Excerpt("Short quote.", "anything", 160));
    }

    [Theory]
    [InlineData("<at>ChatBot</at> What did the CRS say?", "What did the CRS say?")]
    [InlineData("What did <at>ChatBot</at> find about Mérida &amp; drones&#63;", "What did find about Mérida & drones?")]
    [InlineData("<at>ChatBot</at>&nbsp;ask <at>Ana Pérez</at> about &lt;intel&gt;", "ask Ana Pérez about <intel>")]
    [InlineData("<p><at>ChatBot</at> hello</p>", "hello")]
    public void Bot_mention_is_stripped_and_entities_decoded(string text, string expected)
    {
        var activity = new Protocol.Activity
        {
            Text = text,
            Recipient = new Protocol.ChannelAccount { Id = Activities.BotId },
            Entities =
            [
                new Protocol.Entity { Type = "mention", Text = "<at>ChatBot</at>", Mentioned = new Protocol.ChannelAccount { Id = Activities.BotId } },
                new Protocol.Entity { Type = "mention", Text = "<at>Ana Pérez</at>", Mentioned = new Protocol.ChannelAccount { Id = "29:ana" } },
            ],
        };
        Assert.Equal(expected, MessageText.ExtractQuestion(activity));
    }

    [Fact]
    public void Webhook_mention_is_stripped_whoever_the_recipient_is()
    {
        var activity = new Protocol.Activity { Text = "<at>CorpusBot</at> who is <at>Ana</at>?", Recipient = new Protocol.ChannelAccount { Id = "28:someone-else" } };
        Assert.Equal("who is Ana?", MessageText.ExtractQuestion(activity, leadingMentionIsBot: true));
        Assert.Equal("CorpusBot who is Ana?", MessageText.ExtractQuestion(activity));
    }
}
