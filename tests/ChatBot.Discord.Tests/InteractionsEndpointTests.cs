using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Discord.Tests.Support;

namespace ChatBot.Discord.Tests;

public sealed class InteractionsEndpointTests : IAsyncLifetime
{
    private DiscordBotHost _host = null!;

    public async Task InitializeAsync() => _host = await DiscordBotHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        var response = await _host.InteractAsync(InteractionJson.Ping());
        Assert.Equal("{\"type\":1}", response.ToJsonString());
    }

    [Fact]
    public async Task Signature_from_another_key_is_refused_with_401()
    {
        using var other = DiscordBotHost.NewKey();
        using var response = await _host.PostSignedAsync(InteractionJson.Ping().ToJsonString(), signWith: other);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Body_changed_after_signing_is_refused_with_401()
    {
        var signed = InteractionJson.Ping().ToJsonString();
        using var response = await _host.PostSignedAsync(signed.Replace("\"type\":1", "\"type\":2"), signedBody: signed);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Discord.Requests);
    }

    [Fact]
    public async Task Missing_or_malformed_signature_headers_are_refused_with_401()
    {
        using var noHeaders = await _host.Http.PostAsync(_host.InteractionsUrl, new StringContent(InteractionJson.Ping().ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, noHeaders.StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, _host.InteractionsUrl) { Content = new StringContent("{\"type\":1}") };
        request.Headers.Add("X-Signature-Ed25519", "zz-not-hex");
        request.Headers.Add("X-Signature-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString());
        using var malformed = await _host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, malformed.StatusCode);
    }

    [Fact]
    public async Task Correctly_signed_but_stale_timestamp_is_refused_with_401()
    {
        using var stale = await _host.PostSignedAsync(InteractionJson.Ping().ToJsonString(), at: DateTimeOffset.UtcNow.AddMinutes(-6));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        using var fresh = await _host.PostSignedAsync(InteractionJson.Ping().ToJsonString(), at: DateTimeOffset.UtcNow.AddMinutes(-4));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Oversize_body_is_refused_with_413()
    {
        var ping = InteractionJson.Ping();
        ping["padding"] = new string('x', 300 * 1024);
        using var response = await _host.PostSignedAsync(ping.ToJsonString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Signed_broken_json_is_refused_with_400()
    {
        using var response = await _host.PostSignedAsync("{\"type\": 1, \"id\": ");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_command_gets_an_ephemeral_hint()
    {
        var response = await _host.InteractAsync(InteractionJson.Command("nope"));
        Assert.Equal(4, response["type"]!.GetValue<int>());
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("/help", response["data"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Help_lists_the_registered_commands_but_not_the_quiz_without_a_quiz_service()
    {
        var response = await _host.InteractAsync(InteractionJson.Command("help"));
        var content = response["data"]!["content"]!.GetValue<string>();
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        foreach (var name in new[] { "/ask", "/sources", "/reindex", "/help" }) Assert.Contains(name, content);
        Assert.DoesNotContain("/quiz", content);
        Assert.True(content.Length <= 2000);
    }

    [Fact]
    public async Task Sources_lists_the_corpus_documents()
    {
        var response = await _host.InteractAsync(InteractionJson.Command("sources"));
        Assert.Equal(4, response["type"]!.GetValue<int>());
        var embed = response["data"]!["embeds"]![0]!;
        var fields = embed["fields"]!.AsArray();
        Assert.Equal(5, fields.Count);
        Assert.Contains(fields, f => f!["value"]!.GetValue<string>().Contains("002_d03fe261832cac16.txt"));
        Assert.Null(FakeDiscordRestServerValidate(response["data"]!));
    }

    private static string? FakeDiscordRestServerValidate(JsonNode message) => ChatBot.Testing.Fakes.FakeDiscordRestServer.ValidateMessage(message.ToJsonString());
}
