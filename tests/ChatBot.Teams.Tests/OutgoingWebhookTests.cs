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
        var (question, context) = Assert.Single(engine.Asked);
        Assert.Equal("who vets air passengers?", question);
        Assert.Equal(Activities.UserAadObjectId, context!.UserId);
        Assert.Equal(0, _botFramework.TokenRequests); // the answer goes back in the response, not through the connector
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
