using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Core.Answering;
using ChatBot.Teams.Rendering;
using ChatBot.Teams.Tests.Support;
using ChatBot.Testing.Answers;
using ChatBot.Testing.Fakes;
using Xunit;

namespace ChatBot.Teams.Tests;

/// <summary>Answers citing 1, 3 and 6 passages, as the engine gives them: one citation claim and one card source per [n].</summary>
public sealed class MultiCitationTests
{
    private static JsonObject Wrap(RenderedAnswer rendered) => TeamsActivityHandlerReply(rendered);

    /// <summary>The reply activity as the Bot Framework handler builds it (from the bot, to the asker, in the conversation).</summary>
    private static JsonObject TeamsActivityHandlerReply(RenderedAnswer rendered) =>
        ChatBot.Teams.Messaging.TeamsActivityHandler.ReplyActivity(new Protocol.Activity
        {
            Id = "1718000000001",
            From = new Protocol.ChannelAccount { Id = Activities.UserId, Name = "Ana Pérez" },
            Recipient = new Protocol.ChannelAccount { Id = Activities.BotId, Name = "ChatBot" },
            Conversation = new Protocol.ConversationAccount { Id = Activities.ChannelConversationId },
        }, rendered);

    private static void AssertCitations(Answer answer, JsonObject activity)
    {
        var count = answer.Citations.Count;
        Assert.True(AnswerRenderer.Size(activity) <= AnswerRenderer.MaxActivityBytes);
        var entity = Assert.Single(activity["entities"]!.AsArray())!;
        Assert.Equal("https://schema.org/Message", (string?)entity["type"]);
        var claims = entity["citation"]!.AsArray();
        Assert.Equal(count, claims.Count);
        for (var i = 0; i < count; i++)
        {
            var citation = answer.Citations[i];
            var claim = claims[i]!;
            Assert.Equal(citation.N, (int)claim["position"]!);
            Assert.Contains($"[{citation.N}]", (string?)activity["text"]);
            var appearance = claim["appearance"]!;
            Assert.Equal("DigitalDocument", (string?)appearance["@type"]);
            Assert.InRange(((string)appearance["name"]!).Length, 1, 80);
            Assert.InRange(((string)appearance["abstract"]!).Length, 1, 160);
            Assert.Equal(citation.Url, (string?)appearance["url"]);
            // The pop-up shows the whole passage: a stringified Adaptive Card.
            Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)appearance["encodingFormat"]);
            var popUp = JsonNode.Parse((string)appearance["text"]!)!;
            Assert.Equal("AdaptiveCard", (string?)popUp["type"]);
            Assert.Equal(citation.Quote, (string?)popUp["body"]![0]!["text"]);
        }

        var card = activity["attachments"]![0]!["content"]!;
        var sources = card["body"]!.AsArray().Where(n => (string?)n!["type"] == "Container").ToList();
        Assert.Equal(count, sources.Count);
        for (var i = 0; i < count; i++)
        {
            var citation = answer.Citations[i];
            Assert.StartsWith($"[{citation.N}] {citation.Title}", (string?)sources[i]!["items"]![0]!["text"]);
            var links = sources[i]!["items"]!.AsArray().Where(n => (string?)n!["type"] == "ActionSet").ToList();
            Assert.Equal(citation.Url is null ? 0 : 1, links.Count);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void Each_citation_is_a_claim_with_its_whole_passage_and_a_card_source(int count)
    {
        var answer = CitedAnswers.Build(count) with { AnswerId = "answer-id-1" };
        var activity = AnswerRenderer.Fit(answer, withFeedback: true, Wrap);
        AssertCitations(answer, activity);
        Assert.Equal(answer.Text, (string?)activity["text"]);
        Assert.Equal(2, activity["attachments"]![0]!["content"]!["actions"]!.AsArray().Count); // 👍/👎
    }

    [Fact]
    public void Ten_long_citations_give_up_the_pop_up_passages_before_the_card_quotes()
    {
        var answer = CitedAnswers.Build(10);
        answer = answer with { Citations = answer.Citations.Select(c => c with { Quote = string.Concat(Enumerable.Repeat(c.Quote + " ", 4)).Trim() }).ToList() };
        var activity = AnswerRenderer.Fit(answer, withFeedback: true, Wrap);
        Assert.True(AnswerRenderer.Size(activity) <= AnswerRenderer.ActivityBudgetBytes);
        var claims = activity["entities"]![0]!["citation"]!.AsArray();
        Assert.Equal(10, claims.Count);
        Assert.All(claims, c => Assert.Null(c!["appearance"]!["text"]));
        // Every source is still on the card, each with part of its quote.
        var sources = activity["attachments"]![0]!["content"]!["body"]!.AsArray().Where(n => (string?)n!["type"] == "Container").ToList();
        Assert.Equal(10, sources.Count);
        Assert.All(sources, s => Assert.Contains(s!["items"]!.AsArray(), i => ((string?)i!["text"])?.StartsWith('“') == true));
    }

    [Fact]
    public async Task Six_citations_reach_teams_through_the_bot_framework_endpoint()
    {
        using var key = new FakeSigningKey("bf-key-1", "msteams");
        await using var botFramework = await FakeBotFrameworkServer.StartAsync(TeamsBotHost.AppId, TeamsBotHost.AppPassword, key);
        await using var host = await TeamsBotHost.StartAsync(botFramework, CitedAnswers.Engine());
        var token = FakeBotFrameworkTokens.Mint(key, new(TeamsBotHost.AppId, botFramework.ServiceUrl));

        using var response = await host.PostActivityAsync(Activities.Message(botFramework.ServiceUrl, "What do the articles say? Cite 6 passages.", activityId: "six"), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/six", StringComparison.Ordinal));
        // The fake connector refuses activities over 28 KB (413), as Teams does; this one arrived.
        AssertCitations(CitedAnswers.Build(6), reply.Body.AsObject());
    }
}
