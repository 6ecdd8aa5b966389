using ChatBot.Core.Answering;
using ChatBot.Teams.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;
using ChatBot.Testing.Engine;

namespace ChatBot.Teams.Tests;

public sealed class OptionsTests
{
    private static TeamsOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddSingleton<IAnswerEngine>(new FakeAnswerEngine(FakeAnswerEngine.Sample));
        services.AddTeamsBot(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TeamsOptions>>().Value;
    }

    [Fact]
    public void Unconfigured_teams_is_valid_and_off()
    {
        var options = Resolve([]);
        Assert.False(options.BotEnabled);
        Assert.False(options.WebhookEnabled);
        Assert.Equal(TeamsOptions.DefaultOpenIdMetadataUrl, options.OpenIdMetadataUrl);
        Assert.Equal(TeamsOptions.DefaultTokenEndpoint, options.ResolveTokenEndpoint());
    }

    [Theory]
    [InlineData("Teams:AppId", "6f1b2c3d-0a9e-4b8c-9d7f-112233445566", "Teams:AppPassword is required")]
    [InlineData("Teams:AppPassword", "secret", "Teams:AppId is required when Teams:AppPassword is set")]
    [InlineData("Teams:TenantId", "6f1b2c3d-0a9e-4b8c-9d7f-112233445566", "Teams:AppId is required when Teams:TenantId is set")]
    [InlineData("Teams:WebhookSecret", "not base64 !!", "Teams:WebhookSecret")]
    public void Incomplete_configuration_fails_naming_the_key(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Http_metadata_url_and_bad_moderator_ids_are_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Teams:AppId"] = "6f1b2c3d-0a9e-4b8c-9d7f-112233445566",
            ["Teams:AppPassword"] = "secret",
            ["Teams:OpenIdMetadataUrl"] = "http://login.botframework.com/v1/.well-known/openidconfiguration",
            ["Teams:ModeratorAadObjectIds:0"] = "bob",
        }));
        Assert.Contains("Teams:OpenIdMetadataUrl", error.Message);
        Assert.Contains("Teams:ModeratorAadObjectIds:0", error.Message);
    }

    [Fact]
    public void Single_tenant_bot_gets_tokens_from_its_tenant()
    {
        var options = Resolve(new()
        {
            ["Teams:AppId"] = "6f1b2c3d-0a9e-4b8c-9d7f-112233445566",
            ["Teams:AppPassword"] = "secret",
            ["Teams:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        });
        Assert.Equal("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token", options.ResolveTokenEndpoint());
    }

    [Fact]
    public async Task Host_with_bad_teams_settings_does_not_start()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Teams:AppId"] = "6f1b2c3d-0a9e-4b8c-9d7f-112233445566" });
        builder.Services.AddSingleton<IAnswerEngine>(new FakeAnswerEngine(FakeAnswerEngine.Sample));
        builder.Services.AddTeamsBot(builder.Configuration);
        await using var app = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Teams:AppPassword", error.Message);
    }
}
