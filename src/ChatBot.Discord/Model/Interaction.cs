using System.Text.Json;

namespace ChatBot.Discord.Model;

/// <summary>Interaction types (Discord: Interaction Object → Interaction Type).</summary>
public static class InteractionType
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int ApplicationCommandAutocomplete = 4;
    public const int ModalSubmit = 5;
}

/// <summary>Interaction callback types (Discord: Interaction Response Object → Interaction Callback Type).</summary>
public static class InteractionCallbackType
{
    public const int Pong = 1;
    public const int ChannelMessageWithSource = 4;
    public const int DeferredChannelMessageWithSource = 5;
    public const int DeferredUpdateMessage = 6;
    public const int UpdateMessage = 7;
    public const int Modal = 9;
}

/// <summary>The parts of an incoming interaction ChatBot reads. Ids are snowflake strings, as on the wire.</summary>
public sealed class Interaction
{
    public string Id { get; set; } = "";
    public string ApplicationId { get; set; } = "";
    public int Type { get; set; }
    public InteractionData? Data { get; set; }
    public string? GuildId { get; set; }
    public string? ChannelId { get; set; }
    public GuildMember? Member { get; set; }
    /// <summary>Set for interactions in DMs (in guilds the user is inside <see cref="Member"/>).</summary>
    public DiscordUser? User { get; set; }
    public string Token { get; set; } = "";
    public int Version { get; set; }
    /// <summary>For component interactions: the message the component is on.</summary>
    public ReceivedMessage? Message { get; set; }

    public DiscordUser? Invoker => Member?.User ?? User;
}

public sealed class InteractionData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public int? Type { get; set; }
    public List<CommandOptionValue>? Options { get; set; }
    public string? CustomId { get; set; }
    public int? ComponentType { get; set; }
    /// <summary>For modal submits: the action rows with the text inputs and their values.</summary>
    public List<Component>? Components { get; set; }
    /// <summary>Objects referenced by option values (attachments for ATTACHMENT options).</summary>
    public ResolvedData? Resolved { get; set; }
}

public sealed class ResolvedData
{
    /// <summary>Attachment id → attachment.</summary>
    public Dictionary<string, Attachment>? Attachments { get; set; }
}

/// <summary>A file a user attached to a slash command option (Discord: Attachment Object).</summary>
public sealed class Attachment
{
    public string Id { get; set; } = "";
    public string Filename { get; set; } = "";
    public long Size { get; set; }
    public string Url { get; set; } = "";
    public string? ContentType { get; set; }
}

public sealed class CommandOptionValue
{
    public string Name { get; set; } = "";
    public int Type { get; set; }
    public JsonElement? Value { get; set; }
    public List<CommandOptionValue>? Options { get; set; }
}

public sealed class GuildMember
{
    public DiscordUser? User { get; set; }
    public List<string> Roles { get; set; } = [];
    /// <summary>Total permissions of the member in the channel, a bit set serialized as a decimal string.</summary>
    public string? Permissions { get; set; }
}

public sealed class DiscordUser
{
    public string Id { get; set; } = "";
    public string? Username { get; set; }
    public string? GlobalName { get; set; }
    public bool? Bot { get; set; }
}

/// <summary>A message as Discord sends it (MESSAGE_CREATE, or the message a component sits on).</summary>
public sealed class ReceivedMessage
{
    public string Id { get; set; } = "";
    public string ChannelId { get; set; } = "";
    public string? GuildId { get; set; }
    public DiscordUser? Author { get; set; }
    public string? Content { get; set; }
    public List<DiscordUser>? Mentions { get; set; }
    public List<Embed>? Embeds { get; set; }
    public int? Type { get; set; }
    public string? WebhookId { get; set; }
}

/// <summary>The response to an interaction: sent as the HTTP response body or POSTed to /interactions/{id}/{token}/callback.</summary>
public sealed class InteractionResponse
{
    public int Type { get; set; }
    public MessagePayload? Data { get; set; }

    public static InteractionResponse Pong() => new() { Type = InteractionCallbackType.Pong };

    public static InteractionResponse Message(MessagePayload message) => new() { Type = InteractionCallbackType.ChannelMessageWithSource, Data = message };

    public static InteractionResponse Ephemeral(string content) => Message(MessagePayload.Text(content, ephemeral: true));

    /// <summary>Opens a modal (type 9): <paramref name="modal"/> carries custom_id, title and the text input rows.</summary>
    public static InteractionResponse Modal(MessagePayload modal) => new() { Type = InteractionCallbackType.Modal, Data = modal };

    public static InteractionResponse Deferred(bool ephemeral = false) => new()
    {
        Type = InteractionCallbackType.DeferredChannelMessageWithSource,
        Data = ephemeral ? new MessagePayload { Flags = MessageFlags.Ephemeral } : null,
    };
}
