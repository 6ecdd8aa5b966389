using System.Net;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Tests;

/// <summary>The REST client against the fake Discord API, both on a test clock: waits are asserted exactly, with no sleeps.</summary>
public sealed class DiscordRestClientTests : IAsyncLifetime
{
    private readonly TestClock _time = new();
    private DiscordBotHost _host = null!;
    private DiscordRestClient Rest => _host.Server.Services.GetRequiredService<DiscordRestClient>();
    private const string Channel = DiscordBotHost.ChannelId;

    public async Task InitializeAsync() => _host = await DiscordBotHost.StartAsync(time: _time);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Requests_carry_the_bot_authorization_and_the_required_user_agent()
    {
        await Rest.TriggerTypingAsync(Channel);
        var request = Assert.Single(_host.Discord.Requests);
        Assert.Equal(("POST", $"/channels/{Channel}/typing", 204), (request.Method, request.Path, request.Status));
        Assert.Equal("Bot " + DiscordBotHost.BotToken, request.Header("Authorization"));
        Assert.Matches(@"^DiscordBot \(https?://[^,]+, [0-9.]+\)$", request.Header("User-Agent"));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_in_its_json_body()
    {
        _host.Discord.Script("POST", "/typing", 429, "{\"message\": \"You are being rate limited.\", \"retry_after\": 0.35, \"global\": false}",
            new() { ["X-RateLimit-Scope"] = "user", ["X-RateLimit-Bucket"] = "typing-bucket", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset-After"] = "0.35" });
        var typing = Rest.TriggerTypingAsync(Channel);

        await _time.WaitForTimerAsync(TimeSpan.FromMilliseconds(350));
        _time.Advance(TimeSpan.FromMilliseconds(349));
        Assert.Single(_host.Discord.Requests); // not a millisecond early
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await typing;

        var requests = _host.Discord.Requests;
        Assert.Equal([429, 204], requests.Select(r => r.Status));
        Assert.Equal(TimeSpan.FromMilliseconds(350), requests[1].At - requests[0].At);
    }

    [Fact]
    public async Task A_global_429_holds_back_other_routes_too()
    {
        _host.Discord.Script("POST", "/typing", 429, "{\"message\": \"You are being rate limited.\", \"retry_after\": 0.4, \"global\": true}", new() { ["X-RateLimit-Global"] = "true" });
        var typing = Rest.TriggerTypingAsync(Channel);
        await _time.WaitForTimerAsync(TimeSpan.FromMilliseconds(400)); // the typing retry waits out the global limit
        _time.Advance(TimeSpan.FromMilliseconds(100));

        var message = Rest.CreateMessageAsync(Channel, MessagePayload.Text("hello"));
        await _time.WaitForTimerAsync(TimeSpan.FromMilliseconds(300)); // another route waits for the rest of it
        Assert.DoesNotContain(_host.Discord.Requests, r => r.Path.EndsWith("/messages"));
        _time.Advance(TimeSpan.FromMilliseconds(300));
        await message;
        await typing;

        var limited = _host.Discord.Requests.Single(r => r.Status == 429);
        var sent = _host.Discord.Requests.Single(r => r.Path.EndsWith("/messages"));
        Assert.Equal(TimeSpan.FromMilliseconds(400), sent.At - limited.At);
    }

    [Fact]
    public async Task Retries_are_bounded_and_then_the_429_surfaces()
    {
        for (var i = 0; i < 4; i++) _host.Discord.Script("POST", "/typing", 429, "{\"message\": \"You are being rate limited.\", \"retry_after\": 0.05, \"global\": false}");
        var typing = Rest.TriggerTypingAsync(Channel);
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(50));
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => typing);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(3, _host.Discord.Requests.Count); // Discord:MaxRestAttempts
    }

    [Fact]
    public async Task An_exhausted_bucket_is_waited_out_instead_of_hitting_a_429()
    {
        _host.Discord.LimitBucket("/typing", limit: 1, resetAfterSeconds: 0.6);
        await Rest.TriggerTypingAsync(Channel);
        var second = Rest.TriggerTypingAsync(Channel);
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(600));
        await second;

        var requests = _host.Discord.Requests;
        Assert.Equal([204, 204], requests.Select(r => r.Status)); // the fake enforces the bucket: a 429 would show here
        Assert.Equal(TimeSpan.FromMilliseconds(600), requests[1].At - requests[0].At);
    }

    [Fact]
    public async Task A_4xx_becomes_an_exception_with_discords_code_and_message_and_is_not_retried()
    {
        _host.Discord.Script("POST", "/messages", 403, "{\"code\": 50013, \"message\": \"Missing Permissions\"}");
        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Rest.CreateMessageAsync(Channel, MessagePayload.Text("hi")));
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(50013, error.DiscordCode);
        Assert.Contains("Missing Permissions", error.Message);
        Assert.Single(_host.Discord.Requests);
    }

    [Fact]
    public async Task A_message_over_discords_limits_is_refused_by_the_fake_with_50035()
    {
        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Rest.CreateMessageAsync(Channel, MessagePayload.Text(new string('x', 2001))));
        Assert.Equal(50035, error.DiscordCode);
    }

    [Fact]
    public async Task A_5xx_is_retried_after_a_back_off()
    {
        _host.Discord.Script("POST", "/typing", 502, "<html>bad gateway</html>");
        _host.Discord.Script("POST", "/typing", 503, "<html>unavailable</html>");
        var typing = Rest.TriggerTypingAsync(Channel);
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(500));
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(1000)); // exponential
        await typing;

        var requests = _host.Discord.Requests;
        Assert.Equal([502, 503, 204], requests.Select(r => r.Status));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), requests[2].At - requests[0].At);
    }

    [Fact]
    public async Task Neither_the_bot_token_nor_interaction_tokens_reach_logs_or_exception_messages()
    {
        const string interactionToken = "aW50ZXJhY3Rpb24tdG9rZW4tc2VjcmV0LXZhbHVl";
        _host.Discord.Script("PATCH", "@original", 404, "{\"code\": 10015, \"message\": \"Unknown Webhook\"}");
        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Rest.EditOriginalResponseAsync(DiscordBotHost.ApplicationId, interactionToken, MessagePayload.Text("x")));
        _host.Discord.Script("POST", "/typing", 429, "{\"retry_after\": 0.01, \"global\": false}");
        var typing = Rest.TriggerTypingAsync(Channel);
        await _time.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(10));
        await typing;

        Assert.Equal(10015, error.DiscordCode);
        Assert.DoesNotContain(interactionToken, error.Message);
        Assert.NotEmpty(_host.Logs.Lines);
        Assert.All(_host.Logs.Messages, m =>
        {
            Assert.DoesNotContain(DiscordBotHost.BotToken, m);
            Assert.DoesNotContain(interactionToken, m);
        });
    }
}
