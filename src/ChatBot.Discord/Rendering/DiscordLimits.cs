namespace ChatBot.Discord.Rendering;

/// <summary>Documented message limits (Discord: Channel Resources → Embed Limits, Message Components).</summary>
public static class DiscordLimits
{
    public const int Content = 2000;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int FooterText = 2048;
    /// <summary>Sum of title, description, field names/values and footer text over all embeds of one message.</summary>
    public const int EmbedTotal = 6000;
    public const int EmbedsPerMessage = 10;
    public const int CustomId = 100;
    public const int ButtonLabel = 80;
    public const int ThreadName = 100;
}
