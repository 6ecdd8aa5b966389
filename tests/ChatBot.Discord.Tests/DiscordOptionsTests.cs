using ChatBot.Core.Answering;
using ChatBot.Discord.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ChatBot.Testing.Engine;

namespace ChatBot.Discord.Tests;

public sealed class DiscordOptionsTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IAnswerEngine>(new FakeAnswerEngine());
        builder.Services.AddDiscordBot(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task Without_any_discord_setting_discord_is_off_and_starts()
    {
        using var host = Build(new() { ["Discord:EnableGateway"] = "true", ["Discord:MaxRestAttempts"] = "3" });
        await host.StartAsync();
        Assert.Empty(host.Services.GetServices<IHostedService>().OfType<Gateway.DiscordGatewayClient>());
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Discord:PublicKey", "Discord:ApplicationId is required when Discord:PublicKey is set")]
    [InlineData("Discord:BotToken", "Discord:ApplicationId is required when Discord:BotToken is set")]
    public async Task A_key_without_the_application_id_stops_start_up_instead_of_leaving_discord_off(string key, string message)
    {
        using var host = Build(new() { [key] = key.EndsWith("PublicKey") ? new string('a', 64) : "MTA5.bot-token-0123456789abcdef", ["Discord:EnableGateway"] = "false" });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task An_application_id_without_the_public_key_stops_start_up()
    {
        using var host = Build(new() { ["Discord:ApplicationId"] = "1100000000000000001" });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Discord:PublicKey is required", error.Message);
    }

    [Fact]
    public async Task A_bad_public_key_stops_start_up_with_a_message_naming_the_key()
    {
        using var host = Build(new() { ["Discord:ApplicationId"] = "1100000000000000001", ["Discord:PublicKey"] = "abc123" });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Discord:PublicKey must be 64 hex characters", error.Message);
    }

    [Theory]
    [InlineData("Discord:ApplicationId", "my-app", "Discord:ApplicationId")]
    [InlineData("Discord:ModeratorRoleIds:0", "moderators", "Discord:ModeratorRoleIds")]
    [InlineData("Discord:ApiBaseUrl", "discord.com/api", "Discord:ApiBaseUrl")]
    [InlineData("Discord:GatewayUrl", "https://gateway.discord.gg", "Discord:GatewayUrl")]
    [InlineData("Discord:BotToken", "short", "Discord:BotToken")]
    public void Each_bad_setting_is_named(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:ApplicationId"] = "1100000000000000001",
            ["Discord:PublicKey"] = new string('a', 64),
            [key] = value,
        };
        var options = new DiscordOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Discord").Bind(options);
        var result = new DiscordOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage);
        Assert.DoesNotContain("short", result.FailureMessage.Replace("too short", "")); // the token value itself is never echoed
    }

    [Fact]
    public void A_good_configuration_passes()
    {
        var options = new DiscordOptions { ApplicationId = "1100000000000000001", PublicKey = new string('F', 64), BotToken = DiscordBotHost.BotToken, ModeratorRoleIds = ["123"] };
        Assert.True(new DiscordOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public async Task The_gateway_client_is_only_registered_with_a_bot_token_and_the_gateway_enabled()
    {
        var baseSettings = new Dictionary<string, string?> { ["Discord:ApplicationId"] = "1100000000000000001", ["Discord:PublicKey"] = new string('a', 64) };
        using var noToken = Build(baseSettings);
        Assert.Null(noToken.Services.GetService<Gateway.DiscordGatewayClient>());
        using var disabled = Build(new(baseSettings) { ["Discord:BotToken"] = DiscordBotHost.BotToken, ["Discord:EnableGateway"] = "false" });
        Assert.Null(disabled.Services.GetService<Gateway.DiscordGatewayClient>());
        using var enabled = Build(new(baseSettings) { ["Discord:BotToken"] = DiscordBotHost.BotToken });
        Assert.NotNull(enabled.Services.GetService<Gateway.DiscordGatewayClient>());
        await Task.CompletedTask;
    }
}
