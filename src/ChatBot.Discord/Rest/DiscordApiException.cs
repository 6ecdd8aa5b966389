using System.Net;

namespace ChatBot.Discord.Rest;

/// <summary>A Discord REST error: the HTTP status plus Discord's JSON error code and message when it sent them.</summary>
public sealed class DiscordApiException(HttpStatusCode status, string method, string route, int? discordCode, string? discordMessage, string? errorsJson)
    : Exception($"Discord {method} {route} failed: {(int)status} {status}" + (discordCode is null ? "" : $", code {discordCode}: {discordMessage}") + (errorsJson is null ? "" : $" {errorsJson}"))
{
    public HttpStatusCode StatusCode { get; } = status;
    /// <summary>Discord's JSON error code (e.g. 10062 Unknown interaction, 50035 Invalid Form Body).</summary>
    public int? DiscordCode { get; } = discordCode;
    public string? DiscordMessage { get; } = discordMessage;
}
