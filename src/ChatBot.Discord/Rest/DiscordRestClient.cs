using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatBot.Discord.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Rest;

/// <summary>
/// The Discord REST API v10, only the calls ChatBot makes. Sends `Authorization: Bot &lt;token&gt;` and the
/// required `User-Agent: DiscordBot (url, version)`, waits on exhausted rate-limit buckets, honours 429
/// retry_after (global and per route) and retries a bounded number of times; other 4xx/5xx become
/// <see cref="DiscordApiException"/> with Discord's error code and message.
/// </summary>
public sealed class DiscordRestClient
{
    public const string HttpClientName = "ChatBot.Discord";
    public const string UserAgent = "DiscordBot (https://github.com/chatbot/chatbot, 1.0)";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<DiscordOptions> _options;
    private readonly ILogger<DiscordRestClient> _logger;
    private readonly TimeProvider _time;
    private readonly RateLimitBuckets _buckets;

    public DiscordRestClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<DiscordOptions> options, ILogger<DiscordRestClient> logger, TimeProvider? time = null)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _buckets = new RateLimitBuckets(_time);
    }

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
        var options = _options.CurrentValue;
        var routeKey = RateLimitBuckets.RouteKey(method, path);
        var logRoute = method.Method + " /" + RedactToken(path);
        var client = _httpClientFactory.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            var wait = _buckets.Acquire(routeKey);
            if (wait > TimeSpan.Zero)
            {
                _logger.LogDebug("Discord rate limit: waiting {Wait} ms before {Route}", (int)wait.TotalMilliseconds, logRoute);
                await Task.Delay(wait, _time, ct);
            }
            using var request = new HttpRequestMessage(method, new Uri(options.ApiBaseUrl.TrimEnd('/') + "/" + path));
            request.Headers.UserAgent.ParseAdd(UserAgent);
            if (!string.IsNullOrWhiteSpace(options.BotToken)) request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.BotToken);
            if (body is not null && typeInfo is not null) request.Content = JsonContent.Create(body, typeInfo);

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            }
            catch (HttpRequestException e) when (attempt < options.MaxRestAttempts)
            {
                _logger.LogWarning("Discord {Route} failed ({Error}); retrying", logRoute, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), _time, ct);
                continue;
            }
            _buckets.Update(routeKey, response);
            if (response.IsSuccessStatusCode) return response;

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var limit = await ReadRateLimitAsync(response, ct);
                    var retryAfter = TimeSpan.FromSeconds(Math.Clamp(limit?.RetryAfter ?? 1, 0, 60));
                    var global = limit?.Global == true || response.Headers.Contains("X-RateLimit-Global");
                    if (global) _buckets.BlockGlobally(retryAfter);
                    _logger.LogWarning("Discord 429 on {Route} ({Scope}); retry after {RetryAfter} s (attempt {Attempt}/{Max})",
                        logRoute, global ? "global" : response.Headers.TryGetValues("X-RateLimit-Scope", out var s) ? s.First() : "route", retryAfter.TotalSeconds, attempt, options.MaxRestAttempts);
                    if (attempt < options.MaxRestAttempts)
                    {
                        await Task.Delay(retryAfter, _time, ct);
                        continue;
                    }
                }
                else if ((int)response.StatusCode >= 500 && attempt < options.MaxRestAttempts)
                {
                    _logger.LogWarning("Discord {Route} answered {Status}; retrying", logRoute, (int)response.StatusCode);
                    await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), _time, ct);
                    continue;
                }
                throw await ToExceptionAsync(response, method.Method, "/" + RedactToken(path), ct);
            }
        }
    }

    private static async Task<RateLimitBody?> ReadRateLimitAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(DiscordJsonContext.Default.RateLimitBody, ct);
        }
        catch (JsonException)
        {
            // Fall back to the Retry-After header (whole seconds) when the body is not JSON (e.g. Cloudflare bans).
            var header = response.Headers.RetryAfter?.Delta;
            return header is null ? null : new RateLimitBody { RetryAfter = header.Value.TotalSeconds };
        }
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
