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

    /// <summary>The conversation the question belongs to: the channel (a thread is its own channel).</summary>
    public string? ConversationId => Interaction.ChannelId;

    public string? GetString(string optionName) =>
        Interaction.Data?.Options?.FirstOrDefault(o => o.Name == optionName)?.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

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
