using System.Text.Json;

namespace ChatBot.Discord.Model;

/// <summary>Gateway opcodes (Discord: Opcodes and Status Codes → Gateway Opcodes).</summary>
public static class GatewayOpcode
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>Gateway intents ChatBot needs.</summary>
public static class GatewayIntents
{
    public const int GuildMessages = 1 << 9;
    public const int DirectMessages = 1 << 12;
}

/// <summary>One gateway frame: `{"op", "d", "s", "t"}`.</summary>
public sealed class GatewayPayload
{
    public int Op { get; set; }
    public JsonElement? D { get; set; }
    public int? S { get; set; }
    public string? T { get; set; }
}

public sealed class HelloData
{
    public int HeartbeatInterval { get; set; }
}

public sealed class ReadyData
{
    public string SessionId { get; set; } = "";
    public string? ResumeGatewayUrl { get; set; }
    public DiscordUser? User { get; set; }
}

public sealed class GatewayBotInfo
{
    public string Url { get; set; } = "";
}

public sealed class IdentifyData
{
    public string Token { get; set; } = "";
    public int Intents { get; set; }
    public IdentifyProperties Properties { get; set; } = new();
}

public sealed class IdentifyProperties
{
    public string Os { get; set; } = "linux";
    public string Browser { get; set; } = "chatbot";
    public string Device { get; set; } = "chatbot";
}

public sealed class ResumeData
{
    public string Token { get; set; } = "";
    public string SessionId { get; set; } = "";
    public int? Seq { get; set; }
}

public sealed class ThreadCreateRequest
{
    public string Name { get; set; } = "";
    /// <summary>Minutes of inactivity before the thread is archived.</summary>
    public int? AutoArchiveDuration { get; set; }
}

public sealed class ChannelInfo
{
    public string Id { get; set; } = "";
}

public sealed class CreatedMessage
{
    public string Id { get; set; } = "";
    public string? ChannelId { get; set; }
}

/// <summary>Discord's error body: `{"code": 50035, "message": "Invalid Form Body", "errors": {...}}`.</summary>
public sealed class DiscordErrorBody
{
    public int Code { get; set; }
    public string? Message { get; set; }
    public JsonElement? Errors { get; set; }
}

/// <summary>The 429 body: `{"message", "retry_after": 1.5, "global": false}`.</summary>
public sealed class RateLimitBody
{
    public string? Message { get; set; }
    public double RetryAfter { get; set; }
    public bool Global { get; set; }
}
