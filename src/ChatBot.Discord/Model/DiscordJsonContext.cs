using System.Text.Json.Serialization;

namespace ChatBot.Discord.Model;

/// <summary>Source-generated JSON for every Discord payload: snake_case names, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(List<ApplicationCommand>))]
[JsonSerializable(typeof(GatewayPayload))]
[JsonSerializable(typeof(HelloData))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(ReceivedMessage))]
[JsonSerializable(typeof(IdentifyData))]
[JsonSerializable(typeof(ResumeData))]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(ThreadCreateRequest))]
[JsonSerializable(typeof(ChannelInfo))]
[JsonSerializable(typeof(CreatedMessage))]
[JsonSerializable(typeof(DiscordErrorBody))]
[JsonSerializable(typeof(RateLimitBody))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int?))]
public sealed partial class DiscordJsonContext : JsonSerializerContext;
