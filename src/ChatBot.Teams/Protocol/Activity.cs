using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Teams.Protocol;

/// <summary>The parts of a Bot Framework activity this bot reads (the schema has many more; unknown members are ignored).</summary>
internal sealed class Activity
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("channelId")] public string? ChannelId { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
    [JsonPropertyName("from")] public ChannelAccount? From { get; set; }
    [JsonPropertyName("recipient")] public ChannelAccount? Recipient { get; set; }
    [JsonPropertyName("conversation")] public ConversationAccount? Conversation { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("replyToId")] public string? ReplyToId { get; set; }
    [JsonPropertyName("entities")] public List<Entity>? Entities { get; set; }
    [JsonPropertyName("membersAdded")] public List<ChannelAccount>? MembersAdded { get; set; }
    /// <summary>Data of an Adaptive Card Action.Submit, when the message comes from a card button.</summary>
    [JsonPropertyName("value")] public JsonElement? Value { get; set; }
    [JsonPropertyName("attachments")] public List<Attachment>? Attachments { get; set; }
}

/// <summary>An incoming attachment; a file sent in a personal chat has <see cref="FileDownloadInfo.ContentType"/> and that content.</summary>
internal sealed class Attachment
{
    [JsonPropertyName("contentType")] public string? ContentType { get; set; }
    [JsonPropertyName("contentUrl")] public string? ContentUrl { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("content")] public JsonElement? Content { get; set; }
}

/// <summary>Content of a Teams file attachment: a short-lived, pre-authorised URL fetched with a plain GET (no bearer token).</summary>
internal sealed class FileDownloadInfo
{
    public const string ContentType = "application/vnd.microsoft.teams.file.download.info";

    [JsonPropertyName("downloadUrl")] public string? DownloadUrl { get; set; }
    [JsonPropertyName("uniqueId")] public string? UniqueId { get; set; }
    [JsonPropertyName("fileType")] public string? FileType { get; set; }
}

internal sealed class ChannelAccount
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("aadObjectId")] public string? AadObjectId { get; set; }
}

internal sealed class ConversationAccount
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("conversationType")] public string? ConversationType { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonPropertyName("isGroup")] public bool? IsGroup { get; set; }
}

/// <summary>An activity entity; only `mention` entities are read (mentioned account + the `&lt;at&gt;` text).</summary>
internal sealed class Entity
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("mentioned")] public ChannelAccount? Mentioned { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
}

internal static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
}

/// <summary>Answer of the connector's send/reply operations.</summary>
internal sealed class ResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; set; }
}

/// <summary>Answer of the OAuth client-credentials token endpoint.</summary>
internal sealed class TokenResponse
{
    [JsonPropertyName("token_type")] public string? TokenType { get; set; }
    [JsonPropertyName("expires_in")] public int ExpiresIn { get; set; }
    [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(FileDownloadInfo))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class TeamsJsonContext : JsonSerializerContext;
