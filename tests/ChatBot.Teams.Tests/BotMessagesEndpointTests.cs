using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Teams.Tests.Support;
using ChatBot.Testing.Fakes;
using Xunit;
using ChatBot.Testing;
using ChatBot.Testing.Engine;

namespace ChatBot.Teams.Tests;

/// <summary>POST /teams/messages end to end: signed activity in, reply activity out at the fake connector.</summary>
public sealed class BotMessagesEndpointTests : IAsyncLifetime
{
    // One RSA key per class: generating 2048-bit keys for every test is slow on a busy machine.
    private static readonly FakeSigningKey SharedKey = new("bf-key-1", "msteams", "webchat");
    private readonly FakeSigningKey _key = SharedKey;
    private readonly FakeAnswerEngine _engine = new(FakeAnswerEngine.Sample);
    private FakeBotFrameworkServer _botFramework = null!;
    private TeamsBotHost _host = null!;

    public async Task InitializeAsync()
    {
        _botFramework = await FakeBotFrameworkServer.StartAsync(TeamsBotHost.AppId, TeamsBotHost.AppPassword, _key);
        _host = await TeamsBotHost.StartAsync(_botFramework, _engine);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _botFramework.DisposeAsync();
    }

    private string Token(Func<FakeBotFrameworkTokens.Claims, FakeBotFrameworkTokens.Claims>? change = null, FakeSigningKey? key = null)
    {
        var claims = new FakeBotFrameworkTokens.Claims(TeamsBotHost.AppId, _botFramework.ServiceUrl);
        return FakeBotFrameworkTokens.Mint(key ?? _key, change is null ? claims : change(claims));
    }

    [Fact]
    public async Task Signed_message_gets_a_reply_with_citations_entity_and_adaptive_card()
    {
        var activity = Activities.Message(_botFramework.ServiceUrl, "How are air passengers to Mexico vetted &amp; by whom?");

        using var response = await _host.PostActivityAsync(activity, Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _botFramework.WaitForActivityAsync();

        // The bot's mention is gone and HTML entities are decoded before the engine sees the question.
        var (question, context) = Assert.Single(_engine.Asked);
        Assert.Equal("How are air passengers to Mexico vetted & by whom?", question);
        // The asker's own conversation in this Teams conversation (by AAD object id).
        Assert.Equal(ChatBot.Core.Answering.AskContext.For("teams", Activities.ChannelConversationId, Activities.UserAadObjectId), context);

        // Reply-to-activity path, conversation id escaped as one segment.
        Assert.Equal("/amer/v3/conversations/19%3A3e5f2a4b6c8d%40thread.tacv2%3Bmessageid%3D1718000000000/activities/1718000000001", reply.RawTarget);
        Assert.Equal("Bearer " + Assert.Single(_botFramework.IssuedTokens), reply.Authorization);

        var body = reply.Body;
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("1718000000001", (string?)body["replyToId"]);
        Assert.Equal(Activities.BotId, (string?)body["from"]!["id"]);
        Assert.Equal(Activities.UserId, (string?)body["recipient"]!["id"]);
        Assert.Equal(Activities.ChannelConversationId, (string?)body["conversation"]!["id"]);
        Assert.Contains("[1]", reply.Text);
        Assert.Contains("[2]", reply.Text);

        // Teams' AI-generated content entity, fields as documented.
        var entity = Assert.IsType<JsonObject>(Assert.Single(body["entities"]!.AsArray()));
        Assert.Equal("https://schema.org/Message", (string?)entity["type"]);
        Assert.Equal("Message", (string?)entity["@type"]);
        Assert.Equal("https://schema.org", (string?)entity["@context"]);
        Assert.Equal("", (string?)entity["@id"]);
        Assert.Equal(["AIGeneratedContent"], entity["additionalType"]!.AsArray().Select(n => (string?)n));
        var claims = entity["citation"]!.AsArray();
        Assert.Equal(2, claims.Count);
        var first = claims[0]!;
        Assert.Equal("Claim", (string?)first["@type"]);
        Assert.Equal(1, (int)first["position"]!);
        Assert.Equal("DigitalDocument", (string?)first["appearance"]!["@type"]);
        var name = (string)first["appearance"]!["name"]!;
        Assert.StartsWith("U.S.-Mexico security cooperation is at a historic high.", name);
        Assert.True(name.Length <= 80, "citation names are at most 80 characters");
        Assert.StartsWith("https://www.washingtonpost.com/", (string?)first["appearance"]!["url"]);
        Assert.True(((string)first["appearance"]!["abstract"]!).Length <= 160);
        Assert.StartsWith("Every airplane passenger", (string?)first["appearance"]!["abstract"]);
        Assert.Null(claims[1]!["appearance"]!["url"]); // no URL known: none invented
        Assert.Equal(2, (int)claims[1]!["position"]!);

        // Adaptive Card 1.5 with the sources and 👍/👎 Action.Submit buttons.
        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        var cardJson = card.ToJsonString();
        Assert.Contains("US-Mexico Intelligence Cooperation Braces For Possible Change", cardJson);
        Assert.Contains("Fronteras Desk", cardJson);
        Assert.Contains("vetted against U.S. criminal", cardJson);
        Assert.Contains("Action.OpenUrl", cardJson);
        var actions = card["actions"]!.AsArray();
        Assert.Equal(2, actions.Count);
        Assert.All(actions, a => Assert.Equal("Action.Submit", (string?)a!["type"]));
        Assert.True((bool)actions[0]!["data"]!["helpful"]!);
        Assert.False((bool)actions[1]!["data"]!["helpful"]!);
        Assert.Equal("chatbot.feedback", (string?)actions[0]!["data"]!["action"]);
    }

    [Fact]
    public async Task Bot_token_comes_from_the_token_endpoint_once_and_is_reused()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await _host.PostActivityAsync(
                Activities.Message(_botFramework.ServiceUrl, $"Question number {i}?", activityId: $"id-{i}"), Token());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await _botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith($"/id-{i}", StringComparison.Ordinal));
        }
        Assert.Equal(1, _botFramework.TokenRequests);
        var token = Assert.Single(_botFramework.IssuedTokens);
        Assert.All(_botFramework.Activities, a => Assert.Equal("Bearer " + token, a.Authorization));
    }

    [Fact]
    public async Task Redelivered_activity_is_answered_once()
    {
        var activity = Activities.Message(_botFramework.ServiceUrl, "Who vets passengers?", activityId: "dup-1");
        using var first = await _host.PostActivityAsync(activity, Token());
        using var again = await _host.PostActivityAsync(activity, Token());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        using var other = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Next?", activityId: "dup-2"), Token());
        await _botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/dup-2", StringComparison.Ordinal));
        await _botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/dup-1", StringComparison.Ordinal));
        Assert.Equal(2, _engine.Asked.Count);
        Assert.Single(_botFramework.Activities, a => a.RawTarget.EndsWith("/dup-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_token_is_401_and_nothing_is_answered()
    {
        using var response = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Hello?"), bearerToken: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_engine.Asked);
    }

    public static TheoryData<string> InvalidTokens => new()
    {
        "wrong-audience", "wrong-issuer", "expired", "not-yet-valid", "hs256", "none", "garbage", "unknown-key", "tampered",
    };

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task Invalid_tokens_are_401(string kind)
    {
        using var stranger = new FakeSigningKey("not-published", "msteams");
        var now = DateTimeOffset.UtcNow;
        var token = kind switch
        {
            "wrong-audience" => Token(c => c with { Audience = "another-bot-app-id" }),
            "wrong-issuer" => Token(c => c with { Issuer = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/" }),
            // Beyond the 5 minutes of clock skew either way.
            "expired" => Token(c => c with { NotBefore = now.AddHours(-2), Expires = now.AddMinutes(-6) }),
            "not-yet-valid" => Token(c => c with { NotBefore = now.AddMinutes(6), Expires = now.AddHours(1) }),
            "hs256" => Token(c => c with { Algorithm = "HS256" }),
            "none" => Token(c => c with { Algorithm = "none" }),
            "garbage" => "not.a.jwt",
            "unknown-key" => Token(key: stranger),
            "tampered" => Tamper(Token()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var response = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Hello?"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_engine.Asked);
        // Refused for the reason under test, not by accident.
        var expectedReason = kind switch
        {
            "wrong-audience" => "InvalidAudience",
            "wrong-issuer" => "InvalidIssuer",
            "expired" or "not-yet-valid" => "InvalidLifetime",
            "hs256" or "none" => "not allowed",
            "garbage" => "malformed",
            "unknown-key" => "unknown signing key",
            _ => "InvalidSignature",
        };
        Assert.Contains(_host.Logs.Lines, l => l.Contains("Refused a Teams activity: 401", StringComparison.Ordinal) && l.Contains(expectedReason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_within_the_clock_skew_is_accepted()
    {
        var now = DateTimeOffset.UtcNow;
        using var expiredMoments = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Skew one?", activityId: "a"),
            Token(c => c with { NotBefore = now.AddHours(-1), Expires = now.AddMinutes(-3) }));
        using var early = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Skew two?", activityId: "b"),
            Token(c => c with { NotBefore = now.AddMinutes(3) }));
        Assert.Equal(HttpStatusCode.OK, expiredMoments.StatusCode);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
    }

    [Fact]
    public async Task Key_not_endorsed_for_the_channel_is_403()
    {
        using var response = await _host.PostActivityAsync(
            Activities.Message(_botFramework.ServiceUrl, "Hello?", channelId: "slack"), Token());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_engine.Asked);
    }

    [Fact]
    public async Task ServiceUrl_differing_from_the_token_claim_is_403()
    {
        // A valid token for our connector must not make the bot post (with its own token) elsewhere.
        var activity = Activities.Message("https://evil.example.com/amer/", "Hello?");
        using var response = await _host.PostActivityAsync(activity, Token());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_engine.Asked);
        Assert.Equal(0, _botFramework.TokenRequests);
    }

    [Fact]
    public async Task Broken_json_is_400_and_oversize_body_is_413()
    {
        using var broken = await _host.PostActivityAsync(Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":"), Token());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        var huge = Activities.Message(_botFramework.ServiceUrl, new string('x', 300 * 1024));
        using var oversize = await _host.PostActivityAsync(huge, Token());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
        Assert.Empty(_engine.Asked);
    }

    [Fact]
    public async Task Signing_key_rollover_is_picked_up_on_refresh()
    {
        using var ok = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Before rollover?", activityId: "r1"), Token());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var jwksFetches = _botFramework.JwksRequests;

        using var next = new FakeSigningKey("bf-key-2", "msteams");
        _botFramework.SetSigningKeys(next); // the first unknown key id forces a refresh at once

        using var rolled = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "After rollover?", activityId: "r2"), Token(key: next));
        Assert.Equal(HttpStatusCode.OK, rolled.StatusCode);
        Assert.True(_botFramework.JwksRequests > jwksFetches);

        // The retired key is gone from the refreshed set.
        using var retired = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Old key?", activityId: "r3"), Token());
        Assert.Equal(HttpStatusCode.Unauthorized, retired.StatusCode);
        await _botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/r2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_key_ids_refresh_the_keys_at_most_once_per_interval_and_the_keys_are_refreshed_twice_a_day()
    {
        var time = new TestClock();
        await using var host = await TeamsBotHost.StartAsync(_botFramework, _engine, s => s["Teams:SigningKeysRefreshInterval"] = "00:05:00", time: time);
        string TokenNow(FakeSigningKey key) => FakeBotFrameworkTokens.Mint(key, new FakeBotFrameworkTokens.Claims(TeamsBotHost.AppId, _botFramework.ServiceUrl,
            NotBefore: time.GetUtcNow().AddMinutes(-1), Expires: time.GetUtcNow().AddHours(1)));
        async Task<HttpStatusCode> PostAsync(FakeSigningKey key, string id)
        {
            using var response = await host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Key check?", activityId: id), TokenNow(key));
            return response.StatusCode;
        }
        var fetches = _botFramework.JwksRequests;

        Assert.Equal(HttpStatusCode.OK, await PostAsync(_key, "k1"));
        Assert.Equal(fetches + 1, _botFramework.JwksRequests); // fetched on first use, then kept

        using var next = new FakeSigningKey("bf-key-rolled", "msteams");
        _botFramework.SetSigningKeys(next);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(next, "k2")); // an unknown key id: refreshed at once
        Assert.Equal(fetches + 2, _botFramework.JwksRequests);

        using var forged = new FakeSigningKey("bf-key-forged", "msteams");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(forged, "k3"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(forged, "k4"));
        Assert.Equal(fetches + 2, _botFramework.JwksRequests); // within the interval: no fetch for forged ids

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(forged, "k5"));
        Assert.Equal(fetches + 3, _botFramework.JwksRequests); // the interval passed: one more look

        time.Advance(TimeSpan.FromHours(12));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(next, "k6"));
        Assert.Equal(fetches + 4, _botFramework.JwksRequests); // kept keys are refreshed unasked after 12 hours
    }

    [Fact]
    public async Task A_redelivered_activity_is_answered_once_and_again_after_ten_minutes()
    {
        var time = new TestClock();
        var engine = new FakeAnswerEngine(FakeAnswerEngine.Sample);
        // One answer at a time: activities are answered in the order they came.
        await using var host = await TeamsBotHost.StartAsync(_botFramework, engine, s => s["Teams:MaxConcurrentAnswers"] = "1", time: time);
        string TokenNow() => FakeBotFrameworkTokens.Mint(_key, new FakeBotFrameworkTokens.Claims(TeamsBotHost.AppId, _botFramework.ServiceUrl,
            NotBefore: time.GetUtcNow().AddMinutes(-1), Expires: time.GetUtcNow().AddHours(1)));
        async Task PostAsync(string text, string id)
        {
            using var response = await host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, text, activityId: id), TokenNow());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await PostAsync("Asked once?", "dup-1");
        await PostAsync("Asked once?", "dup-1"); // the connector's retry
        await PostAsync("Next question?", "next-1");
        await _botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/next-1", StringComparison.Ordinal));
        Assert.Equal(["Asked once?", "Next question?"], engine.Asked.Select(a => a.Question));

        time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        await PostAsync("Asked once?", "dup-1");
        await _botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/dup-1", StringComparison.Ordinal) && engine.Asked.Count == 3);
        Assert.Equal(["Asked once?", "Next question?", "Asked once?"], engine.Asked.Select(a => a.Question));
    }

    [Fact]
    public async Task Bot_added_to_a_conversation_sends_a_welcome()
    {
        using var response = await _host.PostActivityAsync(Activities.BotAdded(_botFramework.ServiceUrl), Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var welcome = await _botFramework.WaitForActivityAsync();
        Assert.Equal("/amer/v3/conversations/a%3A1PersonalChatConversationId/activities", welcome.RawTarget);
        Assert.Contains("Ask me a question", welcome.Text);
        Assert.Empty(_engine.Asked);
    }

    [Fact]
    public async Task Message_without_a_question_gets_the_help_text()
    {
        using var response = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "   "), Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _botFramework.WaitForActivityAsync();
        Assert.Contains("Ask me a question", reply.Text);
        Assert.Empty(_engine.Asked);
    }

    [Fact]
    public async Task Reindex_is_for_moderators_only()
    {
        using var response = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "reindex"), Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _botFramework.WaitForActivityAsync();
        Assert.Contains("Only moderators", reply.Text);
    }

    [Fact]
    public async Task Secrets_and_tokens_are_never_logged()
    {
        var incoming = Token();
        using var response = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "What is vetted?"), incoming);
        await _botFramework.WaitForActivityAsync();
        using var refused = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "x"), Token(c => c with { Audience = "x" }));

        var logs = _host.Logs.AllText;
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(TeamsBotHost.AppPassword, logs);
        Assert.DoesNotContain(TeamsBotHost.WebhookSecret, logs);
        Assert.DoesNotContain(Assert.Single(_botFramework.IssuedTokens), logs);
        Assert.DoesNotContain(incoming.Split('.')[2], logs);
    }

    private static string Tamper(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/'))));
        payload = payload.Replace(TeamsBotHost.AppId, TeamsBotHost.AppId.ToUpperInvariant(), StringComparison.Ordinal)
            .Replace("\"nbf\"", "\"nbf\" ", StringComparison.Ordinal);
        parts[1] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Join('.', parts);
    }

    private static string Pad(string s) => s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
}
