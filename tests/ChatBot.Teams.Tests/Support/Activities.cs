using System.Text.Json.Nodes;

namespace ChatBot.Teams.Tests.Support;

/// <summary>Activities shaped like the ones Teams sends (ids in Teams' formats).</summary>
internal static class Activities
{
    public const string BotId = "28:" + TeamsBotHost.AppId;
    public const string UserId = "29:1xYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    public const string UserAadObjectId = "a1b2c3d4-e5f6-4a5b-8c7d-9e0f1a2b3c4d";
    public const string ChannelConversationId = "19:3e5f2a4b6c8d@thread.tacv2;messageid=1718000000000";

    public static JsonObject Message(string serviceUrl, string text, string conversationId = ChannelConversationId,
        string channelId = "msteams", bool mentionBot = true, string activityId = "1718000000001")
    {
        var entities = new JsonArray();
        if (mentionBot)
        {
            entities.Add(new JsonObject
            {
                ["type"] = "mention",
                ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "ChatBot" },
                ["text"] = "<at>ChatBot</at>",
            });
        }
        entities.Add(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["country"] = "US", ["platform"] = "Web" });
        return new JsonObject
        {
            ["type"] = "message",
            ["id"] = activityId,
            ["timestamp"] = "2026-11-24T07:00:00.000Z",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = channelId,
            ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Ana Pérez", ["aadObjectId"] = UserAadObjectId },
            ["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47", ["id"] = conversationId },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "ChatBot" },
            ["textFormat"] = "plain",
            ["text"] = mentionBot ? "<at>ChatBot</at> " + text : text,
            ["entities"] = entities,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "72f988bf-86f1-41af-91ab-2d7cd011db47" } },
        };
    }

    public static JsonObject BotAdded(string serviceUrl, string conversationId = "a:1PersonalChatConversationId")
    {
        return new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["id"] = "f:3c1f0a6e",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = UserId, ["aadObjectId"] = UserAadObjectId },
            ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["id"] = conversationId },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "ChatBot" },
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId }),
        };
    }

    public const string PersonalConversationId = "a:1PersonalChatConversationId";

    /// <summary>A message in a personal chat from <paramref name="aadObjectId"/>, with optional card-submit data.</summary>
    public static JsonObject Personal(string serviceUrl, string? text, string aadObjectId, string activityId, JsonObject? value = null)
    {
        var message = Message(serviceUrl, text ?? "", conversationId: PersonalConversationId, mentionBot: false, activityId: activityId);
        message["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47", ["id"] = PersonalConversationId };
        message["from"] = new JsonObject { ["id"] = "29:" + aadObjectId.Replace("-", ""), ["name"] = "Someone", ["aadObjectId"] = aadObjectId };
        if (text is null) message.Remove("text");
        if (value is not null) message["value"] = value;
        return message;
    }

    /// <summary>A file sent to the bot in a personal chat, as Teams delivers it: a file.download.info attachment.</summary>
    public static JsonObject FileUpload(string serviceUrl, string fileName, string downloadUrl, string aadObjectId, string activityId, string? text = null)
    {
        var message = Personal(serviceUrl, text ?? "<p></p>", aadObjectId, activityId);
        message["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/user_contoso_com/Documents/Microsoft%20Teams%20Chat%20Files/" + Uri.EscapeDataString(fileName),
            ["name"] = fileName,
            ["content"] = new JsonObject
            {
                ["downloadUrl"] = downloadUrl,
                ["uniqueId"] = Guid.NewGuid().ToString().ToUpperInvariant(),
                ["fileType"] = Path.GetExtension(fileName).TrimStart('.'),
            },
        });
        return message;
    }
}
