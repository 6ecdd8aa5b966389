using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatBot.Discord.Model;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Rest;

/// <summary>
/// The Discord REST API v10, only the calls ChatBot makes. Sends `Authorization: Bot &lt;token&gt;` and the
/// required `User-Agent: DiscordBot (url, version)`. Its HttpClient (see AddDiscordBot) retries 429s,
/// 5xx and network errors up to Discord:MaxRestAttempts with Microsoft.Extensions.Http.Resilience, and
/// <see cref="DiscordRateLimitHandler"/> makes every attempt wait out the buckets and 429 retry_after
/// (global and per route). What still fails becomes <see cref="DiscordApiException"/> with Discord's
/// error code and message.
/// </summary>
public sealed class DiscordRestClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<DiscordOptions> options)
{
    public const string HttpClientName = "ChatBot.Discord";
    public const string UserAgent = "DiscordBot (https://github.com/chatbot/chatbot, 1.0)";

    // ---- interaction webhooks (authorised by the interaction token in the path) ----

    public Task EditOriginalResponseAsync(string applicationId, string interactionToken, MessagePayload message, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Patch, $"webhooks/{applicationId}/{interactionToken}/messages/@original", message, DiscordJsonContext.Default.MessagePayload, ct);

    public Task DeleteOriginalResponseAsync(string applicationId, string interactionToken, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"webhooks/{applicationId}/{interactionToken}/messages/@original", null, null, ct);

    public Task CreateFollowupAsync(string applicationId, string interactionToken, MessagePayload message, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"webhooks/{applicationId}/{interactionToken}", message, DiscordJsonContext.Default.MessagePayload, ct);

    /// <summary>Responds to an interaction that arrived over the gateway (HTTP interactions answer in the response body).</summary>
    public Task CreateInteractionResponseAsync(string interactionId, string interactionToken, InteractionResponse response, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"interactions/{interactionId}/{interactionToken}/callback", response, DiscordJsonContext.Default.InteractionResponse, ct);

    // ---- bot calls ----

    public async Task<CreatedMessage?> CreateMessageAsync(string channelId, MessagePayload message, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Post, $"channels/{channelId}/messages", message, DiscordJsonContext.Default.MessagePayload, ct);
        return await ReadAsync(response, DiscordJsonContext.Default.CreatedMessage, ct);
    }

    public Task TriggerTypingAsync(string channelId, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, $"channels/{channelId}/typing", null, null, ct);

    /// <summary>Starts a thread from a message; returns the thread's channel id.</summary>
    public async Task<string> StartThreadFromMessageAsync(string channelId, string messageId, string name, CancellationToken ct = default)
    {
        var body = new ThreadCreateRequest { Name = name, AutoArchiveDuration = 1440 };
        using var response = await SendAsync(HttpMethod.Post, $"channels/{channelId}/messages/{messageId}/threads", body, DiscordJsonContext.Default.ThreadCreateRequest, ct);
        var channel = await ReadAsync(response, DiscordJsonContext.Default.ChannelInfo, ct);
        return channel?.Id is { Length: > 0 } id ? id : throw new InvalidOperationException("Discord returned no thread id.");
    }

    /// <summary>Bulk-overwrites the application's commands (global, or in one guild): idempotent.</summary>
    public async Task<int> BulkOverwriteCommandsAsync(string applicationId, string? guildId, List<ApplicationCommand> commands, CancellationToken ct = default)
    {
        var path = guildId is null ? $"applications/{applicationId}/commands" : $"applications/{applicationId}/guilds/{guildId}/commands";
        using var response = await SendAsync(HttpMethod.Put, path, commands, DiscordJsonContext.Default.ListApplicationCommand, ct);
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.GetArrayLength() : 0;
    }

    public async Task<string> GetGatewayBotUrlAsync(CancellationToken ct = default)
    {
        using var response = await SendAsync<object>(HttpMethod.Get, "gateway/bot", null, null, ct);
        var info = await ReadAsync(response, DiscordJsonContext.Default.GatewayBotInfo, ct);
        return info?.Url is { Length: > 0 } url ? url : throw new InvalidOperationException("GET /gateway/bot returned no url.");
    }

    // ---- core ----

    private async Task<HttpResponseMessage> SendAsync<T>(HttpMethod method, string path, T? body, JsonTypeInfo<T>? typeInfo, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        using var request = new HttpRequestMessage(method, new Uri(settings.ApiBaseUrl.TrimEnd('/') + "/" + path));
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (!string.IsNullOrWhiteSpace(settings.BotToken)) request.Headers.Authorization = new AuthenticationHeaderValue("Bot", settings.BotToken);
        if (body is not null && typeInfo is not null) request.Content = JsonContent.Create(body, typeInfo);

        var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ToExceptionAsync(response, method.Method, "/" + RedactToken(path), ct);
    }

    private static async Task<DiscordApiException> ToExceptionAsync(HttpResponseMessage response, string method, string route, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            var error = JsonSerializer.Deserialize(text, DiscordJsonContext.Default.DiscordErrorBody);
            var errors = error?.Errors is { ValueKind: JsonValueKind.Object } e ? e.GetRawText() : null;
            if (errors is { Length: > 500 }) errors = errors[..500];
            return new DiscordApiException(response.StatusCode, method, route, error?.Code, error?.Message, errors);
        }
        catch (JsonException)
        {
            return new DiscordApiException(response.StatusCode, method, route, null, text.Length > 200 ? text[..200] : text, null);
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength == 0) return default;
        return await response.Content.ReadFromJsonAsync(typeInfo, ct);
    }

    /// <summary>Interaction tokens are secrets too: keep them out of logs and exception messages.</summary>
    internal static string RedactToken(string path)
    {
        var parts = path.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            if ((parts[i] == "webhooks" || parts[i] == "interactions") && i + 2 < parts.Length)
                parts[i + 2] = parts[i + 2].Length > 6 ? parts[i + 2][..6] + "…" : parts[i + 2];
        }
        return string.Join('/', parts);
    }
}
