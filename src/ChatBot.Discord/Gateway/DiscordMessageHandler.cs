using System.Text.RegularExpressions;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// Answers gateway messages that mention the bot (or DM it): strips the mention, shows typing, asks the
/// engine and replies to the message (message_reference), or in a new thread in the configured channels.
/// </summary>
public sealed partial class DiscordMessageHandler(DiscordAsker asker, DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<DiscordMessageHandler> logger)
{
    /// <summary>Whether the message is for the bot: not from a bot or webhook, and a DM or a mention of the bot.</summary>
    public static bool IsForBot(ReceivedMessage message, string botUserId)
    {
        if (message.Author is null || message.Author.Bot == true || message.WebhookId is not null || message.Author.Id == botUserId) return false;
        if (message.GuildId is null) return true;
        return message.Mentions?.Any(u => u.Id == botUserId) == true || MentionOf(message.Content ?? "", botUserId);
    }

    /// <summary>The question with the bot's mention(s) removed.</summary>
    public static string StripMention(string content, string botUserId) =>
        Whitespace().Replace(content.Replace($"<@{botUserId}>", " ").Replace($"<@!{botUserId}>", " "), " ").Trim();

    public async Task HandleAsync(ReceivedMessage message, string botUserId, CancellationToken ct)
    {
        if (!IsForBot(message, botUserId)) return;
        var question = StripMention(message.Content ?? "", botUserId);
        var inThread = message.GuildId is not null && options.Value.ThreadChannelIds.Contains(message.ChannelId);

        var channelId = message.ChannelId;
        if (inThread)
        {
            var name = TextFitting.Truncate(question.Length == 0 ? "Question" : question, DiscordLimits.ThreadName);
            channelId = await rest.StartThreadFromMessageAsync(message.ChannelId, message.Id, name, ct);
        }

        IReadOnlyList<MessagePayload> replies;
        if (question.Length == 0)
        {
            replies = [MessagePayload.Text("Mention me with your question about the documents I know (`/sources` lists them), or use `/help`.")];
        }
        else
        {
            try
            {
                await rest.TriggerTypingAsync(channelId, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug("Typing indicator failed: {Error}", e.Message); // cosmetic only
            }
            replies = (await asker.AskAsync(question, channelId, message.Author!.Id, ct)).Messages;
        }

        for (var i = 0; i < replies.Count; i++)
        {
            var reply = replies[i];
            if (i == 0 && !inThread)
            {
                reply.MessageReference = new MessageReference { MessageId = message.Id, ChannelId = message.ChannelId, GuildId = message.GuildId, FailIfNotExists = false };
            }
            await rest.CreateMessageAsync(channelId, reply, ct);
        }
    }

    private static bool MentionOf(string content, string botUserId) =>
        content.Contains($"<@{botUserId}>", StringComparison.Ordinal) || content.Contains($"<@!{botUserId}>", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")] private static partial Regex Whitespace();
}
