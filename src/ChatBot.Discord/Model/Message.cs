namespace ChatBot.Discord.Model;

public static class MessageFlags
{
    public const int Ephemeral = 1 << 6;
}

/// <summary>
/// An outgoing message (create message, webhook execute/edit, interaction callback data).
/// <see cref="AllowedMentions"/> defaults to "parse nothing" so corpus text never pings anyone.
/// </summary>
public sealed class MessagePayload
{
    public string? Content { get; set; }
    public List<Embed>? Embeds { get; set; }
    public List<Component>? Components { get; set; }
    public AllowedMentions? AllowedMentions { get; set; } = AllowedMentions.None;
    public int? Flags { get; set; }
    public MessageReference? MessageReference { get; set; }
    /// <summary>Modal responses only: the modal's custom_id and title (its text inputs go in <see cref="Components"/>).</summary>
    public string? CustomId { get; set; }
    /// <summary>Modal responses only.</summary>
    public string? Title { get; set; }

    public static MessagePayload Text(string content, bool ephemeral = false) => new()
    {
        Content = content,
        Flags = ephemeral ? MessageFlags.Ephemeral : null,
    };
}

public sealed class AllowedMentions
{
    public List<string> Parse { get; set; } = [];
    public bool? RepliedUser { get; set; }

    /// <summary>`{"parse": [], "replied_user": false}`: nobody is pinged, not even the user replied to.</summary>
    public static AllowedMentions None => new() { Parse = [], RepliedUser = false };
}

public sealed class MessageReference
{
    public string? MessageId { get; set; }
    public string? ChannelId { get; set; }
    public string? GuildId { get; set; }
    public bool? FailIfNotExists { get; set; }
}

public sealed class Embed
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Url { get; set; }
    public int? Color { get; set; }
    public List<EmbedField>? Fields { get; set; }
    public EmbedFooter? Footer { get; set; }
}

public sealed class EmbedField
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public bool? Inline { get; set; }
}

public sealed class EmbedFooter
{
    public string Text { get; set; } = "";
}

/// <summary>Message components: action rows (type 1) holding buttons (type 2).</summary>
public sealed class Component
{
    public const int ActionRowType = 1;
    public const int ButtonType = 2;
    public const int TextInputType = 4;
    public const int ShortTextStyle = 1;

    public int Type { get; set; }
    public List<Component>? Components { get; set; }
    public int? Style { get; set; }
    public string? Label { get; set; }
    public string? CustomId { get; set; }
    public PartialEmoji? Emoji { get; set; }
    public string? Url { get; set; }
    /// <summary>Text inputs: limits, whether required, and (in a modal submit) the value typed.</summary>
    public int? MinLength { get; set; }
    public int? MaxLength { get; set; }
    public bool? Required { get; set; }
    public string? Placeholder { get; set; }
    public string? Value { get; set; }

    public static Component Row(params Component[] children) => new() { Type = ActionRowType, Components = [.. children] };

    /// <summary>Secondary-style (grey) button.</summary>
    public static Component Button(string customId, string? label, string? emoji = null) => new()
    {
        Type = ButtonType,
        Style = 2,
        CustomId = customId,
        Label = label,
        Emoji = emoji is null ? null : new PartialEmoji { Name = emoji },
    };
}

/// <summary>A one-line text input for a modal.</summary>
public static class TextInput
{
    public static Component Short(string customId, string label, int maxLength, string? placeholder = null) => new()
    {
        Type = Component.TextInputType,
        Style = Component.ShortTextStyle,
        CustomId = customId,
        Label = label,
        MinLength = 1,
        MaxLength = maxLength,
        Required = true,
        Placeholder = placeholder,
    };
}

public sealed class PartialEmoji
{
    public string? Name { get; set; }
}

/// <summary>A slash command definition for the bulk-overwrite PUT.</summary>
public sealed class ApplicationCommand
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>1 = CHAT_INPUT (slash command).</summary>
    public int Type { get; set; } = 1;
    public List<ApplicationCommandOption>? Options { get; set; }
    /// <summary>Permission bit set as a decimal string; Discord hides the command from members lacking it.</summary>
    public string? DefaultMemberPermissions { get; set; }
}

public sealed class ApplicationCommandOption
{
    public const int SubCommandType = 1;
    public const int StringType = 3;
    public const int AttachmentType = 11;

    public int Type { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool? Required { get; set; }
    public int? MaxLength { get; set; }
    /// <summary>For sub-commands: their own options.</summary>
    public List<ApplicationCommandOption>? Options { get; set; }
}
