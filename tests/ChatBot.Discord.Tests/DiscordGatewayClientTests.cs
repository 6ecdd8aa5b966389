using System.Net.WebSockets;
using System.Text.Json.Nodes;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Tests;

/// <summary>The gateway client against a fake gateway, on a test clock: heartbeats and back-offs happen when the test moves time on.</summary>
public sealed class DiscordGatewayClientTests : IAsyncLifetime
{
    private const string BotUserId = "1100000000000000900";
    private const string AuthorId = "1100000000000000901";
    private readonly TestClock _time = new();
    private DiscordBotHost _host = null!;
    private FakeDiscordGateway Gateway => _host.Gateway!;
    private DiscordGatewayClient Client => _host.Server.Services.GetRequiredService<DiscordGatewayClient>();

    public async Task InitializeAsync() => _host = await DiscordBotHost.StartAsync(gateway: true, time: _time);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Hello → Identify → READY (sequence 1) on the first connection.</summary>
    private async Task<(FakeGatewayConnection Connection, JsonObject Identify)> ReadyAsync(int heartbeatMs = 45000)
    {
        var connection = await Gateway.NextConnectionAsync();
        await connection.SendHelloAsync(heartbeatMs);
        var identify = await connection.NextOpAsync(2);
        await connection.SendReadyAsync(1, "session-1", Gateway.ResumeUrl, BotUserId);
        return (connection, identify);
    }

    private static JsonObject Message(string content, string channelId = DiscordBotHost.ChannelId, string? guildId = DiscordBotHost.GuildId, bool mention = true, bool fromBot = false, string id = "1100000000000005000")
    {
        var message = new JsonObject
        {
            ["id"] = id,
            ["type"] = 0,
            ["channel_id"] = channelId,
            ["content"] = content,
            ["author"] = new JsonObject { ["id"] = fromBot ? "1100000000000000950" : AuthorId, ["username"] = "someone", ["bot"] = fromBot },
            ["mentions"] = mention ? new JsonArray(new JsonObject { ["id"] = BotUserId, ["username"] = "ChatBot", ["bot"] = true }) : new JsonArray(),
        };
        if (guildId is not null) message["guild_id"] = guildId;
        return message;
    }

    [Fact]
    public async Task Connects_with_v10_json_identifies_with_the_message_intents_and_keeps_heartbeating()
    {
        var interval = TimeSpan.FromMilliseconds(400);
        var (connection, identify) = await ReadyAsync(heartbeatMs: 400);
        Assert.Equal("/gateway", connection.Path);
        Assert.Equal("?v=10&encoding=json", connection.Query);
        var d = identify["d"]!;
        Assert.Equal(DiscordBotHost.BotToken, d["token"]!.GetValue<string>());
        Assert.Equal((1 << 9) | (1 << 12), d["intents"]!.GetValue<int>());
        Assert.NotNull(d["properties"]!["os"]);

        // The first beat comes after a random share of the interval (Discord asks for that jitter), then one per
        // interval while each is ACKed, each carrying the last sequence number seen.
        var jitter = await _time.WaitForTimerAsync(due => due < interval, CancellationToken.None);
        await Eventually.WaitUntilAsync(() => Client.SessionId == "session-1", "READY read"); // so the beat carries its sequence number
        _time.Advance(jitter);
        for (var beat = 1; beat <= 3; beat++)
        {
            Assert.Equal(1, (await connection.NextOpAsync(1))["d"]?.GetValue<int>());
            await Eventually.WaitUntilAsync(() => Client.HeartbeatAcks >= beat, $"ACK {beat} read");
            if (beat < 3) await _time.AdvanceWhenWaitingAsync(interval);
        }
        Assert.Equal(3, connection.HeartbeatCount);
        Assert.Equal("session-1", Client.SessionId);
        Assert.Equal(Gateway.ResumeUrl, Client.ResumeGatewayUrl);
        Assert.Equal(1, Gateway.ConnectionCount);
    }

    [Fact]
    public async Task A_heartbeat_request_is_answered_at_once()
    {
        var (connection, _) = await ReadyAsync(heartbeatMs: 600_000);
        await connection.SendAsync(new JsonObject { ["op"] = 1, ["d"] = null });
        await connection.NextOpAsync(1); // the clock never moves: this beat can only be the answer to op 1
        Assert.Equal(1, connection.HeartbeatCount);
    }

    [Fact]
    public async Task A_mention_is_answered_as_a_reply_after_typing_and_bots_and_unmentioned_messages_are_ignored()
    {
        var (connection, _) = await ReadyAsync();
        await connection.SendDispatchAsync("MESSAGE_CREATE", 2, Message($"<@{BotUserId}> what about extradition?", fromBot: true, id: "1100000000000004001"));
        await connection.SendDispatchAsync("MESSAGE_CREATE", 3, Message("extradition chat among people", mention: false, id: "1100000000000004002"));
        await connection.SendDispatchAsync("MESSAGE_CREATE", 4, Message($"<@{BotUserId}>  What do the articles say about extradition of cartel leaders?", id: "1100000000000004003"));

        var reply = await _host.Discord.WaitForAsync(r => r.Method == "POST" && r.Path == $"/channels/{DiscordBotHost.ChannelId}/messages");
        var typing = _host.Discord.Requests.Single(r => r.Path == $"/channels/{DiscordBotHost.ChannelId}/typing");
        Assert.True(typing.At <= reply.At);
        Assert.Equal("Bot " + DiscordBotHost.BotToken, reply.Header("Authorization"));
        var body = reply.Json!;
        Assert.Equal(200, reply.Status);
        Assert.Equal("1100000000000004003", body["message_reference"]!["message_id"]!.GetValue<string>());
        Assert.Equal("[]", body["allowed_mentions"]!["parse"]!.ToJsonString());
        Assert.False(body["allowed_mentions"]!["replied_user"]!.GetValue<bool>());
        Assert.Contains("[1]", body["content"]!.GetValue<string>());
        Assert.Equal("Sources", body["embeds"]![0]!["title"]!.GetValue<string>());

        var (question, context) = Assert.Single(_host.Engine.Asked);
        Assert.Equal("What do the articles say about extradition of cartel leaders?", question);
        Assert.Equal(ChatBot.Core.Answering.AskContext.For("discord", DiscordBotHost.ChannelId, AuthorId), context);
    }

    [Fact]
    public async Task A_direct_message_is_answered_without_a_mention()
    {
        var (connection, _) = await ReadyAsync();
        const string dmChannel = "1100000000000000777";
        await connection.SendDispatchAsync("MESSAGE_CREATE", 2, Message("What do the articles say about extradition?", channelId: dmChannel, guildId: null, mention: false));
        var reply = await _host.Discord.WaitForAsync(r => r.Path == $"/channels/{dmChannel}/messages");
        Assert.Equal(200, reply.Status);
    }

    [Fact]
    public async Task In_a_thread_channel_the_answer_goes_to_a_new_thread_started_from_the_message()
    {
        var (connection, _) = await ReadyAsync();
        await connection.SendDispatchAsync("MESSAGE_CREATE", 2, Message($"<@!{BotUserId}> What do the articles say about extradition?", channelId: DiscordBotHost.ThreadChannelId, id: "1100000000000004010"));
        var thread = await _host.Discord.WaitForAsync(r => r.Path == $"/channels/{DiscordBotHost.ThreadChannelId}/messages/1100000000000004010/threads");
        Assert.Equal("What do the articles say about extradition?", thread.Json!["name"]!.GetValue<string>());
        // The answer is posted in the thread (the channel id the fake gave the new thread), not as a reply.
        var reply = await _host.Discord.WaitForAsync(r => r.Method == "POST" && r.Path.EndsWith("/messages") && r.Path != $"/channels/{DiscordBotHost.ThreadChannelId}/messages");
        Assert.Equal(200, reply.Status);
        Assert.Null(reply.Json!["message_reference"]);
        Assert.Contains(_host.Discord.Requests, r => r.Path == reply.Path.Replace("/messages", "/typing"));
        Assert.DoesNotContain(_host.Discord.Requests, r => r.Path == $"/channels/{DiscordBotHost.ThreadChannelId}/messages");
    }

    [Fact]
    public async Task Op_7_reconnect_resumes_on_the_resume_url_with_the_last_sequence()
    {
        var (connection, _) = await ReadyAsync();
        await connection.SendDispatchAsync("GUILD_CREATE", 5, new JsonObject { ["id"] = DiscordBotHost.GuildId });
        await connection.SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });
        var closed = await connection.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotEqual(WebSocketCloseStatus.NormalClosure, closed); // 1000/1001 would end the session

        var second = await Gateway.NextConnectionAsync();
        Assert.Equal("/resume", second.Path);
        Assert.Equal("?v=10&encoding=json", second.Query);
        await second.SendHelloAsync(45000);
        var resume = await second.NextOpAsync(6);
        Assert.Equal(DiscordBotHost.BotToken, resume["d"]!["token"]!.GetValue<string>());
        Assert.Equal("session-1", resume["d"]!["session_id"]!.GetValue<string>());
        Assert.Equal(5, resume["d"]!["seq"]!.GetValue<int>());
        Assert.DoesNotContain(second.Received, f => f["op"]!.GetValue<int>() == 2);
    }

    [Fact]
    public async Task Op_9_not_resumable_identifies_anew_on_the_main_url()
    {
        var (connection, _) = await ReadyAsync();
        await connection.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false });
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(50)); // Discord:InvalidSessionDelay
        var second = await Gateway.NextConnectionAsync();
        Assert.Equal("/gateway", second.Path);
        await second.SendHelloAsync(45000);
        var identify = await second.NextOpAsync(2);
        Assert.Equal((1 << 9) | (1 << 12), identify["d"]!["intents"]!.GetValue<int>());
        Assert.DoesNotContain(second.Received, f => f["op"]!.GetValue<int>() == 6);
    }

    [Fact]
    public async Task Op_9_resumable_resumes()
    {
        var (connection, _) = await ReadyAsync();
        await connection.SendAsync(new JsonObject { ["op"] = 9, ["d"] = true });
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(50)); // Discord:InvalidSessionDelay
        var second = await Gateway.NextConnectionAsync();
        await second.SendHelloAsync(45000);
        Assert.Equal("session-1", (await second.NextOpAsync(6))["d"]!["session_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missed_heartbeat_ack_closes_the_zombied_connection_and_resumes()
    {
        Gateway.AutoAck = false;
        var interval = TimeSpan.FromMilliseconds(200);
        var (connection, _) = await ReadyAsync(heartbeatMs: 200);
        _time.Advance(await _time.WaitForTimerAsync(due => due < interval, CancellationToken.None)); // first beat
        await connection.NextOpAsync(1);
        await _time.AdvanceWhenWaitingAsync(interval); // the second beat finds no ACK for the first
        var closed = await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(closed);
        Assert.NotEqual(WebSocketCloseStatus.NormalClosure, closed);
        Assert.NotEqual(WebSocketCloseStatus.EndpointUnavailable, closed);
        Assert.Equal(1, connection.HeartbeatCount); // closed at the second beat, since the first was never ACKed

        Gateway.AutoAck = true;
        var second = await Gateway.NextConnectionAsync();
        await second.SendHelloAsync(45000);
        await second.NextOpAsync(6);
    }

    [Fact]
    public async Task An_ordinary_close_code_reconnects_and_resumes()
    {
        var (connection, _) = await ReadyAsync();
        await connection.CloseAsync(4000, "Unknown error");
        var second = await Gateway.NextConnectionAsync();
        await second.SendHelloAsync(45000);
        await second.NextOpAsync(6);
    }

    [Fact]
    public async Task Close_code_4014_disallowed_intents_stops_for_good_and_says_why()
    {
        var (connection, _) = await ReadyAsync();
        await connection.CloseAsync(4014, "Disallowed intent(s).");
        await Client.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10)); // the client has stopped: nothing will reconnect
        Assert.Contains("4014", Client.StoppedReason);
        Assert.Equal(1, Gateway.ConnectionCount);
        Assert.Contains(_host.Logs.Entries, l => l.Level == LogLevel.Critical && l.Message.Contains("4014") && l.Message.Contains("not reconnecting"));
        Assert.True(Client.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task An_interaction_over_the_gateway_is_answered_through_the_callback_endpoint()
    {
        var (connection, _) = await ReadyAsync();
        var interaction = InteractionJson.Command("help");
        await connection.SendDispatchAsync("INTERACTION_CREATE", 2, interaction);
        var callback = await _host.Discord.WaitForAsync(r => r.Path == $"/interactions/{interaction["id"]}/{interaction["token"]}/callback");
        Assert.Equal(4, callback.Json!["type"]!.GetValue<int>());
        Assert.Equal(64, callback.Json!["data"]!["flags"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_token_is_never_logged()
    {
        var (connection, _) = await ReadyAsync();
        await connection.SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });
        var second = await Gateway.NextConnectionAsync();
        await second.SendHelloAsync(45000);
        await second.NextOpAsync(6);
        Assert.NotEmpty(_host.Logs.Lines);
        Assert.All(_host.Logs.Messages, m => Assert.DoesNotContain(DiscordBotHost.BotToken, m));
    }
}

public sealed class DiscordGatewayStartTests
{
    [Fact]
    public async Task Without_a_configured_url_the_gateway_url_comes_from_get_gateway_bot()
    {
        await using var host = await DiscordBotHost.StartAsync(gateway: true, settings: new() { ["Discord:GatewayUrl"] = null });
        var connection = await host.Gateway!.NextConnectionAsync();
        Assert.Equal("?v=10&encoding=json", connection.Query);
        var get = Assert.Single(host.Discord.Requests, r => r.Path == "/gateway/bot");
        Assert.Equal("Bot " + DiscordBotHost.BotToken, get.Header("Authorization"));
    }

    [Fact]
    public async Task A_refused_token_stops_the_gateway_but_not_the_host()
    {
        await using var host = await DiscordBotHost.StartAsync(gateway: true, settings: new() { ["Discord:GatewayUrl"] = null, ["Discord:BotToken"] = "Bm90LXRoZS1yaWdodC10b2tlbg.x.wrong-token-value" });
        var client = host.Server.Services.GetRequiredService<DiscordGatewayClient>();
        await client.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10)); // stopped for good, not retrying
        Assert.Contains("401", client.StoppedReason);
        Assert.Equal(0, host.Gateway!.ConnectionCount);
        Assert.Equal(1, (await host.InteractAsync(InteractionJson.Ping()))["type"]!.GetValue<int>()); // interactions still served
        Assert.DoesNotContain(host.Logs.Messages, m => m.Contains("wrong-token-value"));
    }
}
