using ChatBot.Discord.Model;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Commands;

/// <summary>
/// Registers the slash commands with Discord by bulk overwrite (PUT), globally or in one guild (guild
/// commands appear at once; global ones can take a while). Idempotent: running it twice changes nothing.
/// </summary>
public sealed class DiscordCommandRegistrar(IEnumerable<DiscordCommand> commands, DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<DiscordCommandRegistrar> logger)
{
    /// <summary>The command set as sent to Discord.</summary>
    public List<ApplicationCommand> Definitions() => commands.Where(c => c.IsAvailable).Select(c => c.ToDefinition()).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

    /// <returns>The definitions registered.</returns>
    public async Task<IReadOnlyList<ApplicationCommand>> RegisterAsync(string? guildId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.ApplicationId)) throw new InvalidOperationException("Discord:ApplicationId is not configured.");
        if (string.IsNullOrWhiteSpace(o.BotToken)) throw new InvalidOperationException("Discord:BotToken is not configured; registering commands needs the bot token.");
        if (guildId is not null && !DiscordOptionsValidator.Snowflake().IsMatch(guildId)) throw new ArgumentException($"'{guildId}' is not a guild id.", nameof(guildId));
        var definitions = Definitions();
        var count = await rest.BulkOverwriteCommandsAsync(o.ApplicationId, guildId, definitions, cancellationToken);
        logger.LogInformation("Registered {Count} Discord command(s) {Scope}: {Names}", count, guildId is null ? "globally" : $"in guild {guildId}",
            string.Join(", ", definitions.Select(d => "/" + d.Name)));
        return definitions;
    }
}
