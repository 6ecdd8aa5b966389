using System.Text;
using ChatBot.Core.Answering;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using NSec.Cryptography;

namespace ChatBot.Discord.Tests;

public sealed class SignatureAndCacheTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 7, 0, 0, TimeSpan.Zero);

    private static (DiscordSignatureVerifier Verifier, Key Key) NewVerifier()
    {
        var key = DiscordBotHost.NewKey();
        return (new DiscordSignatureVerifier(DiscordBotHost.PublicKeyHex(key), TimeSpan.FromMinutes(5), new FixedTime(Now)), key);
    }

    private static string Sign(Key key, string timestamp, byte[] body) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, [.. Encoding.UTF8.GetBytes(timestamp), .. body]));

    [Fact]
    public void Verifies_exactly_timestamp_plus_raw_body()
    {
        var (verifier, key) = NewVerifier();
        using var _ = key;
        var body = Encoding.UTF8.GetBytes("{\"type\":1}");
        var ts = Now.ToUnixTimeSeconds().ToString();
        var signature = Sign(key, ts, body);
        Assert.Equal(SignatureCheck.Valid, verifier.Verify(signature, ts, body));
        Assert.Equal(SignatureCheck.Valid, verifier.Verify(signature.ToUpperInvariant(), ts, body)); // hex in either case
        Assert.Equal(SignatureCheck.BadSignature, verifier.Verify(signature, (Now.ToUnixTimeSeconds() + 1).ToString(), body));
        Assert.Equal(SignatureCheck.BadSignature, verifier.Verify(signature, ts, Encoding.UTF8.GetBytes("{\"type\": 1}")));
        Assert.Equal(SignatureCheck.Malformed, verifier.Verify(signature[..100], ts, body));
        Assert.Equal(SignatureCheck.MissingHeaders, verifier.Verify(null, ts, body));
    }

    [Fact]
    public void Timestamps_more_than_five_minutes_away_are_refused_even_when_signed()
    {
        var (verifier, key) = NewVerifier();
        using var _ = key;
        var body = Encoding.UTF8.GetBytes("{}");
        foreach (var (offset, expected) in new[] { (-301, SignatureCheck.StaleTimestamp), (-299, SignatureCheck.Valid), (301, SignatureCheck.StaleTimestamp) })
        {
            var ts = (Now.ToUnixTimeSeconds() + offset).ToString();
            Assert.Equal(expected, verifier.Verify(Sign(key, ts, body), ts, body));
        }
    }

    [Theory]
    [InlineData("<@1100000000000000900> hello   there", "hello there")]
    [InlineData("<@!1100000000000000900>what?", "what?")]
    [InlineData("ask <@1100000000000000900> about <@1100000000000000999>", "ask about <@1100000000000000999>")]
    public void The_bots_mention_is_stripped(string content, string expected) =>
        Assert.Equal(expected, DiscordMessageHandler.StripMention(content, "1100000000000000900"));

    [Fact]
    public void Messages_from_bots_and_webhooks_are_never_for_the_bot()
    {
        var botMessage = new ReceivedMessage { Id = "1", ChannelId = "2", Author = new DiscordUser { Id = "3", Bot = true } };
        var webhook = new ReceivedMessage { Id = "1", ChannelId = "2", WebhookId = "9", Author = new DiscordUser { Id = "3" } };
        var dm = new ReceivedMessage { Id = "1", ChannelId = "2", Author = new DiscordUser { Id = "3" } };
        Assert.False(DiscordMessageHandler.IsForBot(botMessage, "5"));
        Assert.False(DiscordMessageHandler.IsForBot(webhook, "5"));
        Assert.True(DiscordMessageHandler.IsForBot(dm, "5"));
        Assert.False(DiscordMessageHandler.IsForBot(dm, "3")); // its own message
    }

    [Theory]
    [InlineData("webhooks/11/secrettoken123/messages/@original", "webhooks/11/secret…/messages/@original")]
    [InlineData("interactions/11/abcdefghij/callback", "interactions/11/abcdef…/callback")]
    [InlineData("channels/11/messages", "channels/11/messages")]
    public void Interaction_tokens_are_redacted_from_logged_routes(string path, string expected) =>
        Assert.Equal(expected, DiscordRestClient.RedactToken(path));
}
