using System.Text.Json.Nodes;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing.Conversations;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Tests;

/// <summary>
/// Conversations are per channel (or thread) and person, with the real engine and its heuristic follow-up
/// rewriter: one member's follow-up is never read with another member's question, through /ask and
/// through @mentions on the gateway, and one person keeps a separate conversation in each channel.
/// </summary>
public sealed class ConversationIsolationTests : IAsyncLifetime
{
    private const string BotUserId = "1100000000000000900";
    private const string Ana = "1100000000000000901";
    private const string Ben = "1100000000000000902";
    private const string OtherChannel = "1100000000000000033";

    private const string AnasQuestion = "Who was arrested in Sinaloa?";
    private const string AnasFollowUp = "and when was he arrested?";
    private const string BensFollowUp = "and who said that?";

    private DiscordBotHost _host = null!;
    private RecordingFollowUpRewriter Rewriter => _host.Server.Services.GetRequiredService<RecordingFollowUpRewriter>();

    public async Task InitializeAsync() => _host = await DiscordBotHost.StartAsync(gateway: true, realEngine: true, services: RecordingFollowUpRewriter.Register);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>`/ask` by <paramref name="userId"/> in <paramref name="channelId"/>, waiting for the answer to be posted.</summary>
    private async Task AskAsync(string userId, string question, string channelId = DiscordBotHost.ChannelId)
    {
        var interaction = InteractionJson.Command("ask", new JsonObject { ["question"] = question }, userId: userId);
        interaction["channel_id"] = channelId;
        Assert.Equal(5, (await _host.InteractAsync(interaction))["type"]!.GetValue<int>());
        var token = interaction["token"]!.GetValue<string>();
        var edit = await _host.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(token, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Equal(200, edit.Status);
    }

    [Fact]
    public async Task Two_members_asking_in_one_channel_never_share_a_conversation()
    {
        await AskAsync(Ana, AnasQuestion);
        await AskAsync(Ben, BensFollowUp);
        await AskAsync(Ana, AnasFollowUp);

        // Ben's follow-up met no conversation: it reached retrieval as he typed it, not with Ana's question.
        Rewriter.AssertStoodAlone(BensFollowUp);
        // Ana's follow-up was read with her own question only (Ben's turn in the same channel is not in it).
        Rewriter.AssertReadWith(AnasFollowUp, [AnasQuestion], "Guzmán");
    }

    [Fact]
    public async Task One_person_keeps_a_separate_conversation_in_each_channel()
    {
        const string otherTopic = "What did the Congressional Research Service say about intelligence cooperation?";
        await AskAsync(Ana, AnasQuestion);
        await AskAsync(Ana, otherTopic, OtherChannel);
        await AskAsync(Ana, AnasFollowUp);

        Rewriter.AssertReadWith(AnasFollowUp, [AnasQuestion], "Guzmán");
        Assert.DoesNotContain("Congressional", Rewriter.StandaloneOf(AnasFollowUp));
    }

    [Fact]
    public async Task Mentions_on_the_gateway_keep_each_members_conversation_apart()
    {
        var connection = await _host.Gateway!.NextConnectionAsync();
        await connection.SendHelloAsync(45000);
        await connection.NextOpAsync(2);
        await connection.SendReadyAsync(1, "session-1", _host.Gateway.ResumeUrl, BotUserId);

        var sequence = 2;
        async Task MentionAsync(string authorId, string question, string messageId)
        {
            await connection.SendDispatchAsync("MESSAGE_CREATE", sequence++, new JsonObject
            {
                ["id"] = messageId,
                ["type"] = 0,
                ["channel_id"] = DiscordBotHost.ChannelId,
                ["guild_id"] = DiscordBotHost.GuildId,
                ["content"] = $"<@{BotUserId}> {question}",
                ["author"] = new JsonObject { ["id"] = authorId, ["username"] = "member" + authorId[^1] },
                ["mentions"] = new JsonArray(new JsonObject { ["id"] = BotUserId, ["username"] = "ChatBot", ["bot"] = true }),
            });
            // The reply refers to the message it answers.
            var reply = await _host.Discord.WaitForAsync(r => r.Method == "POST" && r.Json?["message_reference"]?["message_id"]?.GetValue<string>() == messageId, TimeSpan.FromSeconds(60));
            Assert.Equal(200, reply.Status);
        }

        await MentionAsync(Ana, AnasQuestion, "1100000000000006001");
        await MentionAsync(Ben, BensFollowUp, "1100000000000006002");
        await MentionAsync(Ana, AnasFollowUp, "1100000000000006003");

        Rewriter.AssertStoodAlone(BensFollowUp);
        Rewriter.AssertReadWith(AnasFollowUp, [AnasQuestion], "Guzmán");
    }
}
