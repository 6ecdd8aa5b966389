using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Teams.Tests.Support;
using ChatBot.Testing.Conversations;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatBot.Teams.Tests;

/// <summary>
/// Conversations are per Teams conversation and person (AAD object id), with the real engine and its
/// heuristic follow-up rewriter: in one channel thread, one member's follow-up is never read with another
/// member's question, through the Bot Framework endpoint and through the outgoing webhook.
/// </summary>
public sealed class ConversationIsolationTests : IAsyncLifetime
{
    private const string Ana = Activities.UserAadObjectId;
    private const string Ben = "b2c3d4e5-f6a7-4b5c-9d8e-0f1a2b3c4d5e";
    private const string AnasQuestion = "Who was arrested in Sinaloa?";
    private const string AnasFollowUp = "and when was he arrested?";
    private const string BensFollowUp = "and who said that?";

    private static readonly FakeSigningKey SharedKey = new("bf-key-1", "msteams");
    private FakeBotFrameworkServer _botFramework = null!;
    private TeamsBotHost _host = null!;
    private RecordingFollowUpRewriter Rewriter => _host.Services.GetRequiredService<RecordingFollowUpRewriter>();

    public async Task InitializeAsync()
    {
        _botFramework = await FakeBotFrameworkServer.StartAsync(TeamsBotHost.AppId, TeamsBotHost.AppPassword, SharedKey);
        // The real engine, its index built before the first question so the webhook's answers come within its wait.
        _host = await TeamsBotHost.StartAsync(_botFramework, engine: null, configure: c => c["Teams:WebhookAnswerTimeout"] = "00:00:04.5",
            services: RecordingFollowUpRewriter.Register);
        await _host.Services.GetRequiredService<ChatBot.Core.Search.ICorpusIndex>().EnsureReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _botFramework.DisposeAsync();
    }

    private void AssertKeptApart()
    {
        // Ben's follow-up met no conversation: it reached retrieval as he typed it, not with Ana's question.
        Rewriter.AssertStoodAlone(BensFollowUp);
        // Ana's follow-up was read with her own question only.
        Rewriter.AssertReadWith(AnasFollowUp, [AnasQuestion], "Guzmán");
    }

    [Fact]
    public async Task Two_members_of_one_channel_thread_never_share_a_conversation()
    {
        var token = FakeBotFrameworkTokens.Mint(SharedKey, new(TeamsBotHost.AppId, _botFramework.ServiceUrl));
        async Task AskAsync(string aadObjectId, string question, string activityId)
        {
            var message = Activities.Message(_botFramework.ServiceUrl, question, activityId: activityId);
            message["from"] = new JsonObject { ["id"] = "29:" + aadObjectId.Replace("-", ""), ["name"] = "Member", ["aadObjectId"] = aadObjectId };
            using var response = await _host.PostActivityAsync(message, token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await _botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/" + activityId, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        }

        await AskAsync(Ana, AnasQuestion, "iso-1");
        await AskAsync(Ben, BensFollowUp, "iso-2");
        await AskAsync(Ana, AnasFollowUp, "iso-3");
        AssertKeptApart();
    }

    [Fact]
    public async Task Two_members_asking_through_the_outgoing_webhook_never_share_a_conversation()
    {
        async Task AskAsync(string aadObjectId, string question)
        {
            var activity = new JsonObject
            {
                ["type"] = "message",
                ["id"] = "1718000000" + question.Length,
                ["serviceUrl"] = "https://smba.trafficmanager.net/amer/",
                ["channelId"] = "msteams",
                ["from"] = new JsonObject { ["id"] = "29:" + aadObjectId.Replace("-", ""), ["name"] = "Member", ["aadObjectId"] = aadObjectId },
                ["conversation"] = new JsonObject { ["isGroup"] = true, ["id"] = Activities.ChannelConversationId, ["conversationType"] = "channel" },
                ["text"] = "<at>CorpusBot</at> " + question,
                ["textFormat"] = "plain",
            };
            using var response = await _host.PostWebhookAsync(Encoding.UTF8.GetBytes(activity.ToJsonString()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("still working", await response.Content.ReadAsStringAsync());
        }

        await AskAsync(Ana, AnasQuestion);
        await AskAsync(Ben, BensFollowUp);
        await AskAsync(Ana, AnasFollowUp);
        AssertKeptApart();
    }
}
