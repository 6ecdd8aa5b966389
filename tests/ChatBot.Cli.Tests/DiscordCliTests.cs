using ChatBot.Testing.Fakes;

namespace ChatBot.Cli.Tests;

public class DiscordCliTests
{
    [Fact]
    public async Task Register_puts_the_command_set_to_the_guild_at_the_configured_api()
    {
        await using var discord = await FakeDiscordRestServer.StartAsync("MTEwMDAwMDAwMDAwMDAwMDAwMQ.cli-test.abcdefghijklmnop");
        var env = new Dictionary<string, string>
        {
            ["Discord__ApplicationId"] = "111122223333444455",
            ["Discord__PublicKey"] = new string('a', 64),
            ["Discord__BotToken"] = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.cli-test.abcdefghijklmnop",
            ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl,
            ["Discord__EnableGateway"] = "false",
        };
        var r = await CliRunner.RunAsync(["discord", "register", "--guild", "999"], env: env);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("/ask", r.Stdout);
        var put = Assert.Single(discord.Requests, q => q.Method == "PUT");
        Assert.EndsWith("/applications/111122223333444455/guilds/999/commands", put.Path);
        Assert.Equal("Bot MTEwMDAwMDAwMDAwMDAwMDAwMQ.cli-test.abcdefghijklmnop", put.Header("Authorization"));
        Assert.DoesNotContain("MTEwMDAwMDAwMDAwMDAwMDAwMQ.cli-test.abcdefghijklmnop", r.Stdout + r.Stderr);
    }

    [Fact]
    public async Task Register_without_configuration_says_what_to_set()
    {
        var r = await CliRunner.RunAsync(["discord", "register"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Discord__ApplicationId", r.Stderr);
    }
}
