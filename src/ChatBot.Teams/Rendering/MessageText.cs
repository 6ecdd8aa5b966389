using System.Net;
using System.Text.RegularExpressions;
using ChatBot.Teams.Protocol;

namespace ChatBot.Teams.Rendering;

/// <summary>Turns the text Teams sends (HTML-ish, with &lt;at&gt; mentions) into the plain question.</summary>
internal static partial class MessageText
{
    /// <summary>
    /// Removes the bot's own mention (the `text` of each mention entity whose mentioned id is the
    /// recipient's; when the recipient is unknown, as in outgoing webhooks, a leading mention), keeps
    /// other people's names, drops remaining tags and decodes HTML entities. Outgoing webhooks are
    /// always mentioned first, so <paramref name="leadingMentionIsBot"/> drops that mention too.
    /// </summary>
    public static string ExtractQuestion(Activity activity, bool leadingMentionIsBot = false)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (!string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(entity.Text)) continue;
            if (botId is not null && string.Equals(entity.Mentioned?.Id, botId, StringComparison.Ordinal))
                text = text.Replace(entity.Text, " ", StringComparison.Ordinal);
        }
        if (botId is null || leadingMentionIsBot) text = LeadingMention().Replace(text, " ");
        text = AtTag().Replace(text, "");
        text = Tag().Replace(text, " ");
        text = WebUtility.HtmlDecode(text);
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"^\s*<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingMention();

    [GeneratedRegex(@"</?at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
