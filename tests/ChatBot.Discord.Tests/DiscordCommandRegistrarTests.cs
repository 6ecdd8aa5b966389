using System.Text.Json.Nodes;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Model;
using ChatBot.Discord.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Tests;

public sealed class DiscordCommandRegistrarTests
{
    [Fact]
    public async Task Register_puts_the_command_set_globally_and_is_idempotent()
    {
        await using var host = await DiscordBotHost.StartAsync();
        var registrar = host.Server.Services.GetRequiredService<DiscordCommandRegistrar>();

        var registered = await registrar.RegisterAsync(null, CancellationToken.None);
        await registrar.RegisterAsync(null, CancellationToken.None);

        var puts = host.Discord.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        Assert.All(puts, p =>
        {
            Assert.Equal($"/applications/{DiscordBotHost.ApplicationId}/commands", p.Path);
            Assert.Equal(200, p.Status);
            Assert.Equal("Bot " + DiscordBotHost.BotToken, p.Header("Authorization"));
        });
        Assert.Equal(puts[0].Body, puts[1].Body); // same set both times: a bulk overwrite changes nothing the second time

        var commands = puts[0].Json!.AsArray().Select(c => c!.AsObject()).ToDictionary(c => c["name"]!.GetValue<string>());
        Assert.Equal(["ask", "corpus", "help", "reindex", "sources"], commands.Keys.Order());
        Assert.Equal(5, registered.Count);
        var option = Assert.Single(commands["ask"]["options"]!.AsArray())!;
        Assert.Equal("question", option["name"]!.GetValue<string>());
        Assert.Equal(3, option["type"]!.GetValue<int>());
        Assert.True(option["required"]!.GetValue<bool>());
        Assert.Equal("32", commands["reindex"]["default_member_permissions"]!.GetValue<string>());
        Assert.Null(commands["ask"]["default_member_permissions"]);
        Assert.All(commands.Values, c => Assert.Equal(1, c["type"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Register_in_a_guild_uses_the_guild_route()
    {
        await using var host = await DiscordBotHost.StartAsync();
        await host.Server.Services.GetRequiredService<DiscordCommandRegistrar>().RegisterAsync(DiscordBotHost.GuildId, CancellationToken.None);
        var put = Assert.Single(host.Discord.Requests);
        Assert.Equal($"/applications/{DiscordBotHost.ApplicationId}/guilds/{DiscordBotHost.GuildId}/commands", put.Path);
    }

    private sealed class StubQuiz : IDiscordQuiz
    {
        public Task<InteractionResponse> StartAsync(DiscordCommandContext context, CancellationToken cancellationToken) =>
            Task.FromResult(InteractionResponse.Ephemeral("Question 1: ..."));

        public Task<InteractionResponse> HandleComponentAsync(DiscordCommandContext context, string customId, CancellationToken cancellationToken) =>
            Task.FromResult(InteractionResponse.Ephemeral("Right!"));
    }

    [Fact]
    public async Task The_quiz_is_registered_and_served_only_when_a_quiz_is_registered()
    {
        await using var host = await DiscordBotHost.StartAsync(services: s => s.AddSingleton<IDiscordQuiz, StubQuiz>());
        await host.Server.Services.GetRequiredService<DiscordCommandRegistrar>().RegisterAsync(null, CancellationToken.None);
        Assert.Contains(host.Discord.Requests[0].Json!.AsArray(), c => c!["name"]!.GetValue<string>() == "quiz");
        var response = await host.InteractAsync(InteractionJson.Command("quiz"));
        Assert.Equal("Question 1: ...", response["data"]!["content"]!.GetValue<string>());
        var click = await host.InteractAsync(InteractionJson.Component(IDiscordQuiz.ComponentPrefix + "q1:a"));
        Assert.Equal("Right!", click["data"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_without_a_bot_token_fails_clearly()
    {
        await using var host = await DiscordBotHost.StartAsync(settings: new() { ["Discord:BotToken"] = null });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Server.Services.GetRequiredService<DiscordCommandRegistrar>().RegisterAsync(null, CancellationToken.None));
        Assert.Contains("Discord:BotToken", error.Message);
        Assert.Empty(host.Discord.Requests);
    }

    [Fact]
    public async Task A_rejected_command_set_surfaces_discords_error()
    {
        await using var host = await DiscordBotHost.StartAsync();
        host.Discord.Script("PUT", "/commands", 400, "{\"code\": 50035, \"message\": \"Invalid Form Body\", \"errors\": {\"0\": {\"name\": {\"_errors\": [{\"code\": \"APPLICATION_COMMAND_INVALID_NAME\"}]}}}}");
        var error = await Assert.ThrowsAsync<ChatBot.Discord.Rest.DiscordApiException>(() => host.Server.Services.GetRequiredService<DiscordCommandRegistrar>().RegisterAsync(null, CancellationToken.None));
        Assert.Equal(50035, error.DiscordCode);
        Assert.Contains("Invalid Form Body", error.Message);
        Assert.Contains("APPLICATION_COMMAND_INVALID_NAME", error.Message);
    }
}

public sealed class RegistrarWithoutEngineTests
{
    [Fact]
    public async Task Registering_needs_no_answer_engine()
    {
        // As the CLI's `chatbot discord register` runs: configuration and AddDiscordBot only.
        await using var discord = await ChatBot.Testing.Fakes.FakeDiscordRestServer.StartAsync(DiscordBotHost.BotToken);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:ApplicationId"] = DiscordBotHost.ApplicationId,
            ["Discord:PublicKey"] = new string('a', 64),
            ["Discord:BotToken"] = DiscordBotHost.BotToken,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddDiscordBot(configuration);
        await using var provider = services.BuildServiceProvider();
        var registered = await provider.GetRequiredService<DiscordCommandRegistrar>().RegisterAsync(null, CancellationToken.None);
        // /reindex and /corpus come with the moderation service (AddChatBotModeration), which `serve` and the CLI register.
        Assert.Equal(["ask", "help", "sources"], registered.Select(c => c.Name).Order());
        Assert.Equal(200, Assert.Single(discord.Requests).Status);
    }
}
