using System.CommandLine;
using ChatBot.Discord;
using ChatBot.Discord.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Cli;

/// <summary>`discord register [--guild ID]`: puts the slash-command set to Discord (a bulk overwrite, so idempotent).</summary>
public static class DiscordCommands
{
    public static Command Create()
    {
        var guild = new Option<string?>("--guild") { Description = "Register for one server (instant) instead of globally." };
        var register = new Command("register", "Register the bot's slash commands with Discord (needs Discord__ApplicationId and Discord__BotToken).") { guild };
        register.SetAction((parse, ct) => ChatBotCli.Guard(false, async () =>
        {
            using var host = CliContext.BuildHost(ChatBotCli.Settings(parse), (services, configuration) => services.AddDiscordBot(configuration));
            var configuration = host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
            if (string.IsNullOrWhiteSpace(configuration["Discord:ApplicationId"]) || string.IsNullOrWhiteSpace(configuration["Discord:BotToken"]))
                throw new InvalidDataException("Discord is not configured: set Discord__ApplicationId and Discord__BotToken (see docs/discord.md).");
            var commands = await host.Services.GetRequiredService<DiscordCommandRegistrar>().RegisterAsync(parse.GetValue(guild), ct);
            var scope = parse.GetValue(guild) is { } g ? $"server {g}" : "all servers (global commands can take up to an hour to appear)";
            Console.Out.WriteLine($"Registered {commands.Count} commands for {scope}: {string.Join(", ", commands.Select(c => "/" + c.Name))}");
            return ExitCodes.Ok;
        }));
        return new Command("discord", "Discord administration.") { register };
    }
}
