using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Teams.Tests.Support;
using ChatBot.Testing.Fakes;
using Xunit;
using Xunit.Abstractions;

namespace ChatBot.Teams.Tests;

/// <summary>One fake Bot Framework and one bot host with the real engine, shared by the end-to-end tests (the index is built once).</summary>
public sealed class RealEngineFixture : IAsyncLifetime
{
    public FakeSigningKey Key { get; } = new("bf-key-1", "msteams");
    public FakeBotFrameworkServer BotFramework { get; private set; } = null!;
    internal TeamsBotHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        BotFramework = await FakeBotFrameworkServer.StartAsync(TeamsBotHost.AppId, TeamsBotHost.AppPassword, Key);
        Host = await TeamsBotHost.StartAsync(BotFramework, engine: null, configure: c => c["Teams:WebhookAnswerTimeout"] = "00:00:04");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await BotFramework.DisposeAsync();
        Key.Dispose();
    }

    public string Token() => FakeBotFrameworkTokens.Mint(Key, new(TeamsBotHost.AppId, BotFramework.ServiceUrl));

    public Task<RecordedActivity> ReplyTo(string path) =>
        BotFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith(path, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
}

/// <summary>The real answer engine (AddChatBotCore over corpus/) behind both Teams endpoints.</summary>
public sealed class RealEngineEndToEndTests(RealEngineFixture fixture, ITestOutputHelper output) : IClassFixture<RealEngineFixture>
{
    private string ServiceUrl => fixture.BotFramework.ServiceUrl;

    [Fact]
    public async Task Corpus_question_is_answered_with_cited_sources()
    {
        using var response = await fixture.Host.PostActivityAsync(
            Activities.Message(ServiceUrl, "Who was arrested in Sinaloa?", activityId: "e2e-1"), fixture.Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var reply = await fixture.ReplyTo("/e2e-1");
        output.WriteLine(reply.Body.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Matches("Guzm[aá]n|Chapo", reply.Text);
        Assert.Matches(@"\[\d+\]", reply.Text);
        var citations = reply.Body["entities"]![0]!["citation"]!.AsArray();
        Assert.NotEmpty(citations);
        Assert.Contains(citations, c => (string?)c!["appearance"]!["name"] == "US-Mexico Intelligence Cooperation Braces For Possible Change");
        Assert.All(citations, c => Assert.Contains($"[{(int)c!["position"]!}]", reply.Text));
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)reply.Body["attachments"]![0]!["contentType"]);
    }

    [Fact]
    public async Task Off_topic_question_is_refused_without_citations()
    {
        using var response = await fixture.Host.PostActivityAsync(
            Activities.Message(ServiceUrl, "What is a good recipe for sourdough bread?", activityId: "e2e-2"), fixture.Token());
        var reply = await fixture.ReplyTo("/e2e-2");
        Assert.Null(reply.Body["entities"]);
        Assert.Null(reply.Body["attachments"]);
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
    }

    [Fact]
    public async Task Welcome_lists_the_real_corpus_titles()
    {
        using var response = await fixture.Host.PostActivityAsync(Activities.BotAdded(ServiceUrl, "a:e2e-welcome"), fixture.Token());
        var welcome = await fixture.ReplyTo("/a%3Ae2e-welcome/activities");
        Assert.Contains("US-Mexico Intelligence Cooperation Braces For Possible Change", welcome.Text);
        Assert.Contains("Is US-Mexico anti-drug intelligence cooperation about to end?", welcome.Text);
    }

    [Fact]
    public async Task Webhook_answers_from_the_corpus()
    {
        var body = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "1718000000999",
            ["channelId"] = "msteams",
            ["serviceUrl"] = "https://smba.trafficmanager.net/amer/",
            ["from"] = new JsonObject { ["id"] = Activities.UserId, ["aadObjectId"] = Activities.UserAadObjectId },
            ["conversation"] = new JsonObject { ["id"] = Activities.ChannelConversationId },
            ["text"] = "<at>CorpusBot</at> How large is the new super-police force Mexico planned?",
        };
        // Warm the index so the webhook's 4 seconds are not spent building it.
        using var warm = await fixture.Host.PostActivityAsync(Activities.Message(ServiceUrl, "sources", activityId: "e2e-warm"), fixture.Token());
        await fixture.ReplyTo("/e2e-warm");

        using var response = await fixture.Host.PostWebhookAsync(Encoding.UTF8.GetBytes(body.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("message", (string?)reply["type"]);
        Assert.Matches("10,000|10000", (string?)reply["text"]);
    }
}
