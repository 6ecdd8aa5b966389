using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Teams.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;
using ChatBot.Testing.Engine;

namespace ChatBot.Teams.Tests;

/// <summary>POST /teams/webhook: HMAC-signed requests as Teams sends them, answered in the response body.</summary>
public sealed class OutgoingWebhookTests : IAsyncLifetime
{
    private FakeBotFrameworkServer _botFramework = null!;

    public async Task InitializeAsync() => _botFramework = await FakeBotFrameworkServer.StartAsync(TeamsBotHost.AppId, TeamsBotHost.AppPassword);

    public async Task DisposeAsync() => await _botFramework.DisposeAsync();

    /// <summary>An outgoing-webhook activity: no recipient, the webhook's name mentioned first.</summary>
    private static byte[] WebhookBody(string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "1718000000123",
            ["timestamp"] = "2026-11-24T07:00:00.000Z",
            ["serviceUrl"] = "https://smba.trafficmanager.net/amer/",
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = Activities.UserId, ["name"] = "Ana Pérez", ["aadObjectId"] = Activities.UserAadObjectId },
            ["conversation"] = new JsonObject { ["isGroup"] = true, ["id"] = Activities.ChannelConversationId, ["conversationType"] = "channel" },
            ["text"] = "<at>CorpusBot</at> " + text,
            ["textFormat"] = "plain",
            ["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["mentioned"] = new JsonObject { ["id"] = "28:c9e0d1f2-webhook", ["name"] = "CorpusBot" },
                ["text"] = "<at>CorpusBot</at>",
            }),
        };
        return Encoding.UTF8.GetBytes(activity.ToJsonString());
    }

    [Fact]
    public async Task Signed_request_is_answered_with_a_message_and_card()
    {
        var engine = new FakeAnswerEngine(FakeAnswerEngine.Sample);
        await using var host = await TeamsBotHost.StartAsync(_botFramework, engine);

        using var response = await host.PostWebhookAsync(WebhookBody("who vets air passengers?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("message", (string?)reply["type"]);
        Assert.Contains("[1]", (string?)reply["text"]);
        var card = reply["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)card["contentType"]);
        Assert.Equal("1.5", (string?)card["content"]!["version"]);
        Assert.Contains("US-Mexico Intelligence Cooperation", card.ToJsonString());
        Assert.Null(card["content"]!["actions"]); // buttons cannot call back to an outgoing webhook
        // No citation entities reach Teams from a webhook: the numbered sources are in the text, linked where they can be.
        Assert.Null(reply["entities"]);
        Assert.Equal("markdown", (string?)reply["textFormat"]);
        Assert.EndsWith("\n\n**Sources**"
                        + "\n\n[1] [U.S.-Mexico security cooperation is at a historic high. Will that change under Trump?](https://www.washingtonpost.com/world/the_americas/us-mexico-security-cooperation/) — The Washington Post"
                        + "\n\n[2] US-Mexico Intelligence Cooperation Braces For Possible Change — Fronteras Desk", (string?)reply["text"]);
        var (question, context) = Assert.Single(engine.Asked);
        Assert.Equal("who vets air passengers?", question);
        Assert.Equal(Activities.UserAadObjectId, context!.UserId);
        Assert.Equal(0, _botFramework.TokenRequests); // the answer goes back in the response, not through the connector
    }

    [Fact]
    public async Task Six_sources_are_listed_in_the_text_with_titles_kept_literal_and_links_intact()
    {
        // Titles with Markdown's own characters, an address with parentheses, a source without title, URL or outlet.
        var answer = FakeAnswerEngine.Sample("which sources?") with
        {
            Text = "Six passages agree [1][2][3][4][5][6].",
            Citations = Enumerable.Range(1, 6).Select(n => new ChatBot.Core.Answering.Citation(n, $"00{n}_source.txt",
                n switch { 1 => "Cartels *and* [border] _security_", 6 => "", _ => $"Article {n}" },
                n == 6 ? null : $"Outlet {n}",
                n switch { 1 => "https://example.org/news/a_(b)", 6 => null, 3 => "javascript:alert(1)", _ => $"https://example.org/{n}" },
                $"Passage {n} says so.")).ToList(),
        };
        var engine = new FakeAnswerEngine(_ => answer);
        await using var host = await TeamsBotHost.StartAsync(_botFramework, engine);

        using var response = await host.PostWebhookAsync(WebhookBody("which sources?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"];
        var lines = text!.Split("\n\n");
        Assert.Equal("Six passages agree [1][2][3][4][5][6].", lines[0]);
        Assert.Equal("**Sources**", lines[1]);
        Assert.Equal([
            @"[1] [Cartels \*and\* \[border\] \_security\_](https://example.org/news/a_%28b%29) — Outlet 1",
            "[2] [Article 2](https://example.org/2) — Outlet 2",
            "[3] Article 3 — Outlet 3", // not a web address: no link
            "[4] [Article 4](https://example.org/4) — Outlet 4",
            "[5] [Article 5](https://example.org/5) — Outlet 5",
            "[6] 006\\_source.txt",
        ], lines[2..]);
    }

    public static TheoryData<string?> BadSignatures => new()
    {
        null,                                                        // unsigned
        "HMAC " + Convert.ToBase64String(new byte[32]),               // forged
        "HMAC not-base64!!",
        "Bearer " + Convert.ToBase64String(new byte[32]),
        "HMAC " + Convert.ToBase64String(new byte[16]),               // wrong length
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Unsigned_or_forged_requests_are_401(string? authorization)
    {
        var engine = new FakeAnswerEngine(FakeAnswerEngine.Sample);
        await using var host = await TeamsBotHost.StartAsync(_botFramework, engine);
        using var response = await host.PostWebhookAsync(WebhookBody("who vets air passengers?"), authorization, sign: false);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(engine.Asked);
    }

    [Fact]
    public async Task Signature_of_another_body_is_401()
    {
        var engine = new FakeAnswerEngine(FakeAnswerEngine.Sample);
        await using var host = await TeamsBotHost.StartAsync(_botFramework, engine);
        var signedFor = WebhookBody("harmless question?");
        var signature = "HMAC " + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Convert.FromBase64String(TeamsBotHost.WebhookSecret), signedFor));
        using var response = await host.PostWebhookAsync(WebhookBody("another question?"), signature);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(engine.Asked);
    }

    [Fact]
    public async Task Signed_broken_json_is_400()
    {
        await using var host = await TeamsBotHost.StartAsync(_botFramework, new FakeAnswerEngine(FakeAnswerEngine.Sample));
        using var response = await host.PostWebhookAsync(Encoding.UTF8.GetBytes("{\"type\": \"message\", "));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Slow_engine_gets_a_still_working_reply_within_the_limit()
    {
        var time = new TestClock();
        var engine = new FakeAnswerEngine(FakeAnswerEngine.Sample) { Hold = new TaskCompletionSource() };
        await using var host = await TeamsBotHost.StartAsync(_botFramework, engine, time: time);
        var limit = host.Services.GetRequiredService<IOptions<TeamsOptions>>().Value.WebhookAnswerTimeout;
        Assert.True(limit < TimeSpan.FromSeconds(5), "Teams drops webhook replies after 5 seconds");
        var start = time.GetUtcNow();

        var posting = host.PostWebhookAsync(WebhookBody("who vets air passengers?"));
        await time.WaitForTimerAsync(limit); // the handler waits for the engine up to the limit, no longer
        Assert.False(posting.IsCompleted);
        time.Advance(limit);
        using var response = await posting;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("message", (string?)reply["type"]);
        Assert.Contains("still working", (string?)reply["text"]);
        Assert.Equal(start + limit, time.GetUtcNow());
        Assert.Contains(host.Logs.Lines, l => l.Contains("still-working reply", StringComparison.Ordinal));
    }
}
