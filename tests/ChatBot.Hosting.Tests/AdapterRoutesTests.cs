using System.Net;
using ChatBot.Hosting.Tests.Support;

namespace ChatBot.Hosting.Tests;

/// <summary>`serve` hosts the chat adapters beside the API (their behaviour is tested in their own projects).</summary>
public sealed class AdapterRoutesTests
{
    [Fact]
    public async Task Configured_adapters_answer_on_their_routes_and_refuse_unsigned_requests()
    {
        await using var server = await ChatBotServer.StartAsync(new()
        {
            Config = new Dictionary<string, string?>
            {
                ["Discord:ApplicationId"] = "123456789012345678",
                ["Discord:PublicKey"] = new string('a', 64),
                ["Teams:WebhookSecret"] = Convert.ToBase64String(new byte[32]),
            },
        });

        using var discord = await server.Client.PostAsync("discord/interactions", Json.Body("{\"type\": 1}"));
        using var webhook = await server.Client.PostAsync("teams/webhook", Json.Body("{\"type\": \"message\", \"text\": \"hi\"}"));

        Assert.Equal(HttpStatusCode.Unauthorized, discord.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, webhook.StatusCode);
    }

    [Fact]
    public async Task An_unconfigured_adapter_says_so()
    {
        await using var server = await ChatBotServer.StartAsync();

        using var teams = await server.Client.PostAsync("teams/messages", Json.Body("{\"type\": \"message\"}"));

        Assert.Equal(HttpStatusCode.NotFound, teams.StatusCode);
        Assert.Contains("Teams__AppId", await teams.Content.ReadAsStringAsync());
    }
}
