using ChatBot.Discord.Commands;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Interactions;

/// <summary>Routes a verified interaction to the command or component handler and returns the response to send.</summary>
public sealed class DiscordInteractionDispatcher(
    IEnumerable<DiscordCommand> commands,
    ComponentHandler components,
    IServiceProvider services,
    IOptions<DiscordOptions> options,
    DiscordRestClient rest,
    DeferredWork deferredWork,
    ILogger<DiscordInteractionDispatcher> logger)
{
    private readonly Dictionary<string, DiscordCommand> _commands = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public async Task<InteractionResponse> HandleAsync(Interaction interaction, CancellationToken ct)
    {
        if (interaction.Type == InteractionType.Ping) return InteractionResponse.Pong();
        var context = new DiscordCommandContext(interaction, services, options.Value, rest, deferredWork);
        try
        {
            return interaction.Type switch
            {
                InteractionType.ApplicationCommand => await RunCommandAsync(context, ct),
                InteractionType.MessageComponent or InteractionType.ModalSubmit => await components.HandleAsync(context, ct),
                _ => InteractionResponse.Ephemeral("This kind of interaction is not supported."),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Discord interaction {Type} '{Name}' failed", interaction.Type, interaction.Data?.Name ?? interaction.Data?.CustomId);
            return InteractionResponse.Ephemeral(DiscordAsker.Apology);
        }
    }

    private async Task<InteractionResponse> RunCommandAsync(DiscordCommandContext context, CancellationToken ct)
    {
        var name = context.Interaction.Data?.Name ?? "";
        if (!_commands.TryGetValue(name, out var command) || !command.IsAvailable)
        {
            logger.LogWarning("Unknown Discord command '/{Name}' (re-run `chatbot discord register`?)", Rendering.TextFitting.Truncate(name, 40));
            return InteractionResponse.Ephemeral("I don't know that command (any more). Try `/help`.");
        }
        foreach (var check in command.Checks)
        {
            if (check.IsSatisfied(context)) continue;
            logger.LogWarning("Refused /{Command} for user {UserId} in guild {GuildId}: {Check} not satisfied",
                name, context.UserId, context.Interaction.GuildId ?? "(DM)", check.GetType().Name);
            await command.OnRefusedAsync(context, check, ct);
            return InteractionResponse.Ephemeral(check.FailureMessage);
        }
        return await command.ExecuteAsync(context, ct);
    }
}
