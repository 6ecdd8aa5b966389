using System.Text.Json;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rest;

namespace ChatBot.Discord.Commands;

/// <summary>What a command handler sees: the interaction, the services and helpers to answer later.</summary>
public sealed class DiscordCommandContext(Interaction interaction, IServiceProvider services, DiscordOptions options, DiscordRestClient rest, DeferredWork deferredWork)
{
    public Interaction Interaction { get; } = interaction;
    public IServiceProvider Services { get; } = services;
    public DiscordOptions Options { get; } = options;

    public string UserId => Interaction.Invoker?.Id ?? "";

    /// <summary>Where the interaction happened: the channel (a thread is its own channel); with the user it keys the asker's conversation.</summary>
    public string? ConversationId => Interaction.ChannelId;

    /// <summary>The sub-command used (`/corpus add` → "add"), or null for a command without sub-commands.</summary>
    public string? SubCommand => Interaction.Data?.Options?.FirstOrDefault(o => o.Type == ApplicationCommandOption.SubCommandType)?.Name;

    /// <summary>The options given: those of the sub-command when one was used.</summary>
    private IEnumerable<CommandOptionValue> GivenOptions =>
        (Interaction.Data?.Options?.FirstOrDefault(o => o.Type == ApplicationCommandOption.SubCommandType) is { } sub ? sub.Options : Interaction.Data?.Options) ?? [];

    public string? GetString(string optionName) =>
        GivenOptions.FirstOrDefault(o => o.Name == optionName)?.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>An ATTACHMENT option: its value is an attachment id resolved in data.resolved.attachments.</summary>
    public Attachment? GetAttachment(string optionName) =>
        GivenOptions.FirstOrDefault(o => o.Name == optionName && o.Type == ApplicationCommandOption.AttachmentType)?.Value is { ValueKind: JsonValueKind.String } v
        && v.GetString() is { } id && Interaction.Data?.Resolved?.Attachments?.TryGetValue(id, out var attachment) == true
            ? attachment
            : null;

    /// <summary>In a modal submit: the value of the text input with this custom_id.</summary>
    public string? GetModalValue(string inputCustomId) =>
        Interaction.Data?.Components?.SelectMany(row => row.Components ?? []).FirstOrDefault(c => c.CustomId == inputCustomId)?.Value;

    /// <summary>
    /// Answers now with a deferred response (type 5, "thinking…") and runs <paramref name="work"/> in the
    /// background; the work edits the original response through <see cref="DeferredReply"/>.
    /// </summary>
    public InteractionResponse Defer(string what, Func<DeferredReply, CancellationToken, Task> work, bool ephemeral = false)
    {
        var reply = new DeferredReply(rest, Interaction.ApplicationId, Interaction.Token);
        deferredWork.Run(what, ct => work(reply, ct));
        return InteractionResponse.Deferred(ephemeral);
    }
}

/// <summary>Edits the original (deferred) response and sends follow-ups through the interaction webhook.</summary>
public sealed class DeferredReply(DiscordRestClient rest, string applicationId, string interactionToken)
{
    public Task EditOriginalAsync(MessagePayload message, CancellationToken ct) => rest.EditOriginalResponseAsync(applicationId, interactionToken, message, ct);

    public Task FollowupAsync(MessagePayload message, CancellationToken ct) => rest.CreateFollowupAsync(applicationId, interactionToken, message, ct);

    /// <summary>The first message replaces "thinking…", the others follow.</summary>
    public async Task SendAsync(IReadOnlyList<MessagePayload> messages, CancellationToken ct)
    {
        await EditOriginalAsync(messages[0], ct);
        foreach (var message in messages.Skip(1)) await FollowupAsync(message, ct);
    }
}
