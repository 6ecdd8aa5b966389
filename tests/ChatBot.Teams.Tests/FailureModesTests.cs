using System.Net;
using ChatBot.Core.Answering;
using ChatBot.Teams.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Xunit;
using ChatBot.Testing.Engine;

namespace ChatBot.Teams.Tests;

/// <summary>What happens when the other side misbehaves: revoked tokens, wrong secrets, unreachable keys, failing engine.</summary>
public sealed class FailureModesTests : IAsyncLifetime
{
    // One RSA key per class: generating 2048-bit keys for every test is slow on a busy machine.
    private static readonly FakeSigningKey SharedKey = new("bf-key-1", "msteams");
    private readonly FakeSigningKey _key = SharedKey;
    private FakeBotFrameworkServer _botFramework = null!;

    public async Task InitializeAsync() => _botFramework = await FakeBotFrameworkServer.StartAsync(TeamsBotHost.AppId, TeamsBotHost.AppPassword, _key);

    public async Task DisposeAsync()
    {
        await _botFramework.DisposeAsync();
    }

    private string Token() => FakeBotFrameworkTokens.Mint(_key, new(TeamsBotHost.AppId, _botFramework.ServiceUrl));

    [Fact]
    public async Task Connector_refusing_a_revoked_token_gets_a_fresh_one()
    {
        await using var host = await TeamsBotHost.StartAsync(_botFramework, new FakeAnswerEngine(FakeAnswerEngine.Sample));
        using var first = await host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "First?", activityId: "a1"), Token());
        await _botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/a1", StringComparison.Ordinal));

        _botFramework.RevokeIssuedTokens();
        using var second = await host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Second?", activityId: "a2"), Token());
        var reply = await _botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/a2", StringComparison.Ordinal));

        Assert.Equal(2, _botFramework.TokenRequests);
        Assert.NotEqual(_botFramework.Activities[0].Authorization, reply.Authorization);
    }

    [Fact]
    public async Task Wrong_app_password_is_reported_without_leaking_it()
    {
        const string wrongPassword = "wrong~password.value-999";
        await using var host = await TeamsBotHost.StartAsync(_botFramework, new FakeAnswerEngine(FakeAnswerEngine.Sample),
            configure: c => c["Teams:AppPassword"] = wrongPassword);
        using var response = await host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Anyone?"), Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await Eventually.WaitUntilAsync(() => host.Logs.Lines.Any(l => l.Contains("AADSTS7000215", StringComparison.Ordinal)), "the token endpoint's refusal logged");
        Assert.Empty(_botFramework.Activities);
        Assert.DoesNotContain(wrongPassword, host.Logs.AllText);
    }

    [Fact]
    public async Task Unreachable_signing_keys_answer_503()
    {
        await using var host = await TeamsBotHost.StartAsync(_botFramework, new FakeAnswerEngine(FakeAnswerEngine.Sample),
            configure: c => c["Teams:OpenIdMetadataUrl"] = new Uri(_botFramework.BaseAddress, "missing/openidconfiguration").ToString());
        using var response = await host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Anyone?"), Token());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Key_without_endorsements_is_403()
    {
        using var bare = new FakeSigningKey("bf-key-bare");
        _botFramework.SetSigningKeys(_key, bare);
        await using var host = await TeamsBotHost.StartAsync(_botFramework, new FakeAnswerEngine(FakeAnswerEngine.Sample));
        using var response = await host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Anyone?"),
            FakeBotFrameworkTokens.Mint(bare, new(TeamsBotHost.AppId, _botFramework.ServiceUrl)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Engine_failure_and_bad_question_get_a_polite_reply()
    {
        var engine = new FakeAnswerEngine(q => q.StartsWith("boom", StringComparison.Ordinal) ? throw new InvalidOperationException("index corrupt") : FakeAnswerEngine.Sample(q));
        await using var host = await TeamsBotHost.StartAsync(_botFramework, engine);

        using var boom = await host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "boom?", activityId: "b1"), Token());
        var failure = await _botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/b1", StringComparison.Ordinal));
        Assert.Contains("something went wrong", failure.Text);
        Assert.DoesNotContain("index corrupt", failure.Text);

        using var tooLong = await host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, new string('q', 2500), activityId: "b2"), Token());
        var invalid = await _botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/b2", StringComparison.Ordinal));
        Assert.Contains("the limit is 2,000", invalid.Text); // the engine's own words
    }
}
