using System.CommandLine;
using ChatBot.Discord;
using ChatBot.Discord.Commands;
using Microsoft.Extensions.Options;

namespace ChatBot.Cli;

/// <summary>`discord register [--guild ID]`: puts the slash-command set to Discord (a bulk overwrite, so idempotent).</summary>
public static class DiscordCommands
{
    public static Command Create()
    {
        var guild = new Option<string?>("--guild") { Description = "Register for one server (instant) instead of globally." };
        var register = new Command("register", "Register the bot's slash commands with Discord (needs Discord__ApplicationId and Discord__BotToken).") { guild };
        register.SetAction((parse, ct) => CliHost.RunAsync<DiscordRegisterHandler>(parse, false,
            handler => handler.RegisterAsync(parse.GetValue(guild), ct),
            builder => builder.Services.AddDiscordBot(builder.Configuration)));
        return new Command("discord", "Discord administration.") { register };
    }
}

/// <summary>Registers the slash commands with the configured application.</summary>
public sealed class DiscordRegisterHandler(DiscordCommandRegistrar registrar, IOptions<DiscordOptions> options)
{
    public async Task<int> RegisterAsync(string? guild, CancellationToken ct)
    {
        var discord = options.Value;
        if (string.IsNullOrWhiteSpace(discord.ApplicationId) || string.IsNullOrWhiteSpace(discord.BotToken))
            throw new InvalidDataException("Discord is not configured: set Discord__ApplicationId and Discord__BotToken (see docs/discord.md).");
        var commands = await registrar.RegisterAsync(guild, ct);
        var scope = guild is { } g ? $"server {g}" : "all servers (global commands can take up to an hour to appear)";
        Console.Out.WriteLine($"Registered {commands.Count} commands for {scope}: {string.Join(", ", commands.Select(c => "/" + c.Name))}");
        return ExitCodes.Ok;
    }
}
