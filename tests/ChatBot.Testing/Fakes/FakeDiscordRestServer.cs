using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Testing.Fakes;

/// <summary>One request the fake Discord API received.</summary>
public sealed record DiscordRecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At, int Status)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>
/// A fake Discord REST API v10 on 127.0.0.1 (a real Kestrel server). It records every request and answers
/// like Discord: bot authorization and the DiscordBot User-Agent required, message limits enforced with
/// `50035 Invalid Form Body`, X-RateLimit-* headers on every answer, enforced buckets (429 with a JSON
/// retry_after when exceeded), scripted failures, 404 `{"code": 0}` for unknown routes.
/// </summary>
public sealed partial class FakeDiscordRestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<DiscordRecordedRequest> _requests = new();
    private readonly List<(string Method, string PathContains, int Status, string Body, Dictionary<string, string> Headers)> _scripted = [];
    private readonly ConcurrentDictionary<string, (int Limit, double ResetAfter)> _bucketRules = new();
    private readonly ConcurrentDictionary<string, (int Remaining, DateTimeOffset ResetAt)> _bucketState = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private long _nextId = 1_300_000_000_000_000_000;
    private LoopbackServer _server = null!;

    public string BotToken { get; }
    public string? GatewayUrl { get; set; }

    private FakeDiscordRestServer(string botToken, TimeProvider time)
    {
        BotToken = botToken;
        Time = time;
    }

    /// <summary>The clock of the buckets and of <see cref="DiscordRecordedRequest.At"/> (a test clock when the client runs on one).</summary>
    public TimeProvider Time { get; }

    /// <summary>Value for Discord:ApiBaseUrl.</summary>
    public string ApiBaseUrl => new Uri(_server.BaseAddress, "api/v10").ToString();

    public IReadOnlyList<DiscordRecordedRequest> Requests => _requests.ToList();

    public static async Task<FakeDiscordRestServer> StartAsync(string botToken, TimeProvider? time = null)
    {
        var fake = new FakeDiscordRestServer(botToken, time ?? TimeProvider.System);
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.Map("/api/v10/{**path}", fake.HandleAsync);
            // Discord's CDN serves attachments at /attachments/{channel}/{attachment}/{filename}, without authorization.
            app.MapGet("/attachments/{channel}/{id}/{name}", fake.ServeAttachmentAsync);
        });
        return fake;
    }

    private readonly ConcurrentDictionary<string, (string FileName, string ContentType, byte[] Content)> _attachments = new();
    private readonly ConcurrentQueue<string> _downloads = new();
    private readonly ConcurrentQueue<string> _downloadHosts = new();
    private readonly ConcurrentDictionary<string, string> _redirects = new();

    /// <summary>Attachment ids downloaded so far.</summary>
    public IReadOnlyList<string> AttachmentDownloads => _downloads.ToList();

    /// <summary>The host names attachments were served under (a redirect can send a client to another name).</summary>
    public IReadOnlyList<string> AttachmentDownloadHosts => _downloadHosts.ToList();

    /// <summary>
    /// Makes the attachment's URL answer 302 to the same path under <paramref name="host"/> (e.g. "localhost",
    /// this same fake under a name no allowlist holds), as a compromised or misconfigured CDN edge could.
    /// </summary>
    public void RedirectAttachment(JsonObject attachment, string host) => _redirects[attachment["id"]!.GetValue<string>()] = host;

    /// <summary>
    /// Stores a file as if a user had attached it to a command, and returns the attachment object Discord puts
    /// in data.resolved.attachments: id, filename, size, url (served by this fake), proxy_url, content_type.
    /// <paramref name="declaredSize"/> overrides the size Discord reports (for size checks made before downloading).
    /// </summary>
    public JsonObject AddAttachment(string fileName, byte[] content, string contentType = "text/plain; charset=utf-8", long? declaredSize = null)
    {
        var id = NextId();
        _attachments[id] = (fileName, contentType, content);
        var url = new Uri(_server.BaseAddress, $"attachments/1200000000000000001/{id}/{Uri.EscapeDataString(fileName)}?ex=6790a1b2&is=678f5032&hm=0f1e2d3c").ToString();
        return new JsonObject
        {
            ["id"] = id,
            ["filename"] = fileName,
            ["size"] = declaredSize ?? content.Length,
            ["url"] = url,
            ["proxy_url"] = url,
            ["content_type"] = contentType,
        };
    }

    private async Task ServeAttachmentAsync(HttpContext http, string channel, string id, string name)
    {
        if (!_attachments.TryGetValue(id, out var file) || file.FileName != name)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (_redirects.TryGetValue(id, out var host) && !string.Equals(http.Request.Host.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status302Found;
            http.Response.Headers.Location = $"{http.Request.Scheme}://{host}:{http.Request.Host.Port}{http.Request.Path}{http.Request.QueryString}";
            return;
        }
        _downloads.Enqueue(id);
        _downloadHosts.Enqueue(http.Request.Host.Host);
        http.Response.ContentType = file.ContentType;
        http.Response.ContentLength = file.Content.Length;
        await http.Response.Body.WriteAsync(file.Content);
    }

    /// <summary>
    /// Discord's rules for an interaction response (HTTP body or callback): a known type; messages within the message
    /// limits; a modal (type 9) with a custom_id of 1–100, a title of 1–45 and 1–5 action rows each holding one text
    /// input (custom_id, label 1–45, style 1 or 2, lengths within 0–4000). Null when acceptable.
    /// </summary>
    public static string? ValidateInteractionResponse(string body)
    {
        JsonObject response;
        try { response = JsonNode.Parse(body) as JsonObject ?? throw new JsonException(); } catch (JsonException) { return "{\"_errors\": \"body is not a JSON object\"}"; }
        var type = response["type"]?.GetValue<int>() ?? 0;
        var data = response["data"] as JsonObject;
        switch (type)
        {
            case 1 or 5 or 6:
                return null;
            case 4 or 7:
                return data is null ? "{\"data\": \"required\"}" : ValidateMessage(data.ToJsonString());
            case 9:
                if (data is null) return "{\"data\": \"required\"}";
                if ((data["custom_id"]?.GetValue<string>().Length ?? 0) is 0 or > 100) return "{\"data\": \"custom_id: Must be between 1 and 100 in length.\"}";
                if ((data["title"]?.GetValue<string>().Length ?? 0) is 0 or > 45) return "{\"data\": \"title: Must be between 1 and 45 in length.\"}";
                var rows = data["components"] as JsonArray ?? [];
                if (rows.Count is 0 or > 5) return "{\"data\": \"components: Must be between 1 and 5 in length.\"}";
                foreach (var row in rows)
                {
                    if (row?["type"]?.GetValue<int>() != 1 || row["components"] is not JsonArray { Count: 1 } inputs) return "{\"data\": \"components: each row holds one text input\"}";
                    var input = inputs[0]!;
                    if (input["type"]?.GetValue<int>() != 4) return "{\"data\": \"components: Component type must be 4 (text input) in a modal\"}";
                    if ((input["custom_id"]?.GetValue<string>().Length ?? 0) is 0 or > 100) return "{\"data\": \"text input custom_id: Must be between 1 and 100 in length.\"}";
                    if ((input["label"]?.GetValue<string>().Length ?? 0) is 0 or > 45) return "{\"data\": \"text input label: Must be between 1 and 45 in length.\"}";
                    if (input["style"]?.GetValue<int>() is not (1 or 2)) return "{\"data\": \"text input style: Must be 1 or 2\"}";
                    if (input["max_length"]?.GetValue<int>() is < 1 or > 4000) return "{\"data\": \"text input max_length: Must be between 1 and 4000\"}";
                }
                return null;
            default:
                return "{\"type\": \"Value is not a valid interaction callback type.\"}";
        }
    }

    /// <summary>The next request whose method is <paramref name="method"/> and path contains <paramref name="pathContains"/> gets this answer instead.</summary>
    public void Script(string method, string pathContains, int status, string body, Dictionary<string, string>? headers = null)
    {
        lock (_scripted) _scripted.Add((method, pathContains, status, body, headers ?? []));
    }

    /// <summary>Routes whose path contains <paramref name="pathContains"/> share a bucket of <paramref name="limit"/> requests per <paramref name="resetAfterSeconds"/>.</summary>
    public void LimitBucket(string pathContains, int limit, double resetAfterSeconds) => _bucketRules[pathContains] = (limit, resetAfterSeconds);

    /// <summary>Waits until a request matching <paramref name="match"/> has been received.</summary>
    public async Task<DiscordRecordedRequest> WaitForAsync(Func<DiscordRecordedRequest, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = _requests.FirstOrDefault(match);
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException("The fake Discord API did not receive the expected request. Received: " + string.Join(", ", _requests.Select(r => $"{r.Method} {r.Path} {r.Status}")));
            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = "/" + (string)http.Request.RouteValues["path"]!;
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var method = http.Request.Method;

        var (status, responseBody, extraHeaders) = Answer(method, path, headers, body);
        foreach (var (k, v) in extraHeaders) http.Response.Headers[k] = v;
        http.Response.StatusCode = status;
        _requests.Enqueue(new DiscordRecordedRequest(method, path, headers, body, Time.GetUtcNow(), status));
        _arrived.Release();
        if (responseBody.Length > 0)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(responseBody);
        }
    }

    private (int Status, string Body, Dictionary<string, string> Headers) Answer(string method, string path, Dictionary<string, string> headers, string body)
    {
        var isWebhook = path.StartsWith("/webhooks/", StringComparison.Ordinal) || path.StartsWith("/interactions/", StringComparison.Ordinal);
        if (!headers.TryGetValue("user-agent", out var ua) || !ua.StartsWith("DiscordBot (", StringComparison.Ordinal))
            return Error(400, 0, "User-Agent must be 'DiscordBot ($url, $versionNumber)'");
        if (!isWebhook && (!headers.TryGetValue("authorization", out var auth) || auth != "Bot " + BotToken))
            return Error(401, 0, "401: Unauthorized");

        lock (_scripted)
        {
            var i = _scripted.FindIndex(s => s.Method == method && path.Contains(s.PathContains, StringComparison.Ordinal));
            if (i >= 0)
            {
                var s = _scripted[i];
                _scripted.RemoveAt(i);
                return (s.Status, s.Body, s.Headers);
            }
        }

        var rateHeaders = RateLimit(path, out var limited);
        if (limited is not null) return (429, limited, rateHeaders);

        var result = Route(method, path, body);
        foreach (var (k, v) in rateHeaders) result.Item3[k] = v;
        return result;
    }

    private Dictionary<string, string> RateLimit(string path, out string? limitedBody)
    {
        limitedBody = null;
        var rule = _bucketRules.FirstOrDefault(r => path.Contains(r.Key, StringComparison.Ordinal));
        var (limit, resetAfter) = rule.Key is null ? (50, 1.0) : rule.Value;
        var bucket = "bkt" + (rule.Key ?? path).GetHashCode().ToString("x", CultureInfo.InvariantCulture);
        var now = Time.GetUtcNow();
        int remaining;
        DateTimeOffset resetAt;
        lock (_bucketState)
        {
            var state = _bucketState.TryGetValue(bucket, out var st) && st.ResetAt > now ? st : (limit, now + TimeSpan.FromSeconds(resetAfter));
            if (state.Item1 <= 0)
            {
                var retry = (state.Item2 - now).TotalSeconds;
                limitedBody = JsonSerializer.Serialize(new { message = "You are being rate limited.", retry_after = Math.Round(retry, 3), global = false });
                return new()
                {
                    ["X-RateLimit-Bucket"] = bucket, ["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture),
                    ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset-After"] = retry.ToString("0.000", CultureInfo.InvariantCulture),
                    ["X-RateLimit-Scope"] = "user", ["Retry-After"] = Math.Ceiling(retry).ToString(CultureInfo.InvariantCulture),
                };
            }
            remaining = state.Item1 - 1;
            resetAt = state.Item2;
            _bucketState[bucket] = (remaining, resetAt);
        }
        return new()
        {
            ["X-RateLimit-Bucket"] = bucket,
            ["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Reset-After"] = Math.Max(0, (resetAt - now).TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture),
        };
    }

    private (int, string, Dictionary<string, string>) Route(string method, string path, string body)
    {
        switch (method)
        {
            case "PATCH" when WebhookOriginal().IsMatch(path):
            case "POST" when WebhookExecute().IsMatch(path):
            case "POST" when ChannelMessages().IsMatch(path):
                if (ValidateMessage(body) is { } invalid) return Error(400, 50035, "Invalid Form Body", invalid);
                var channel = ChannelMessages().Match(path) is { Success: true } m ? m.Groups[1].Value : "1200000000000000001";
                return Ok(200, JsonSerializer.Serialize(new { id = NextId(), channel_id = channel, content = JsonNode.Parse(body)?["content"]?.GetValue<string>() ?? "" }));
            case "DELETE" when WebhookOriginal().IsMatch(path):
                return Ok(204, "");
            case "POST" when Typing().IsMatch(path):
                return Ok(204, "");
            case "POST" when Threads().IsMatch(path):
                var name = JsonNode.Parse(body)?["name"]?.GetValue<string>() ?? "";
                if (name.Length is 0 or > 100) return Error(400, 50035, "Invalid Form Body", "{\"name\": \"Must be between 1 and 100 in length.\"}");
                return Ok(201, JsonSerializer.Serialize(new { id = NextId(), type = 11, name }));
            case "POST" when InteractionCallback().IsMatch(path):
                if (ValidateInteractionResponse(body) is { } badResponse) return Error(400, 50035, "Invalid Form Body", badResponse);
                return Ok(204, "");
            case "PUT" when Commands().IsMatch(path):
                if (ValidateCommands(body) is { } bad) return Error(400, 50035, "Invalid Form Body", bad);
                var commands = JsonNode.Parse(body)!.AsArray();
                foreach (var c in commands) c!["id"] = NextId();
                return Ok(200, commands.ToJsonString());
            case "GET" when path == "/gateway/bot":
                return Ok(200, JsonSerializer.Serialize(new { url = GatewayUrl ?? "wss://gateway.invalid", shards = 1, session_start_limit = new { total = 1000, remaining = 999, reset_after = 14400000, max_concurrency = 1 } }));
            default:
                return Error(404, 0, "404: Not Found");
        }
    }

    /// <summary>Discord's message limits; null when the message is acceptable.</summary>
    public static string? ValidateMessage(string body)
    {
        JsonNode? json;
        try { json = JsonNode.Parse(body); } catch (JsonException) { return "{\"_errors\": \"body is not JSON\"}"; }
        if (json is not JsonObject message) return "{\"_errors\": \"not an object\"}";
        var content = message["content"]?.GetValue<string>() ?? "";
        if (content.Length > 2000) return "{\"content\": \"Must be 2000 or fewer in length.\"}";
        var embeds = message["embeds"] as JsonArray ?? [];
        if (embeds.Count > 10) return "{\"embeds\": \"Must be 10 or fewer in length.\"}";
        if (content.Length == 0 && embeds.Count == 0 && message["components"] is null) return "{\"_errors\": \"Cannot send an empty message\"}";
        var total = 0;
        foreach (var e in embeds.OfType<JsonObject>())
        {
            int Len(JsonNode? n) => n?.GetValue<string>().Length ?? 0;
            if (Len(e["title"]) > 256) return "{\"embeds\": \"title: Must be 256 or fewer in length.\"}";
            if (Len(e["description"]) > 4096) return "{\"embeds\": \"description: Must be 4096 or fewer in length.\"}";
            var fields = e["fields"] as JsonArray ?? [];
            if (fields.Count > 25) return "{\"embeds\": \"fields: Must be 25 or fewer in length.\"}";
            foreach (var f in fields.OfType<JsonObject>())
            {
                if (Len(f["name"]) is 0 or > 256) return "{\"embeds\": \"fields.name: Must be between 1 and 256 in length.\"}";
                if (Len(f["value"]) is 0 or > 1024) return "{\"embeds\": \"fields.value: Must be between 1 and 1024 in length.\"}";
                total += Len(f["name"]) + Len(f["value"]);
            }
            if (e["url"] is { } url && !Uri.TryCreate(url.GetValue<string>(), UriKind.Absolute, out _)) return "{\"embeds\": \"url: Not a well formed URL.\"}";
            total += Len(e["title"]) + Len(e["description"]) + Len(e["footer"]?["text"]);
        }
        if (total > 6000) return "{\"embeds\": \"Embed size exceeds maximum size of 6000\"}";
        foreach (var row in (message["components"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var button in (row["components"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if ((button["custom_id"]?.GetValue<string>().Length ?? 0) is 0 or > 100) return "{\"components\": \"custom_id: Must be between 1 and 100 in length.\"}";
            }
        }
        return null;
    }

    private static string? ValidateCommands(string body)
    {
        if (JsonNode.Parse(body) is not JsonArray commands) return "{\"_errors\": \"expected an array\"}";
        foreach (var c in commands.OfType<JsonObject>())
        {
            var name = c["name"]?.GetValue<string>() ?? "";
            if (!CommandName().IsMatch(name)) return $"{{\"name\": \"Command name '{name}' is invalid.\"}}";
            var description = c["description"]?.GetValue<string>() ?? "";
            if (description.Length is 0 or > 100) return "{\"description\": \"Must be between 1 and 100 in length.\"}";
            if (ValidateOptions(c["options"] as JsonArray, depth: 0) is { } badOption) return badOption;
        }
        return null;
    }

    /// <summary>
    /// Option rules: at most 25; names like command names; descriptions 1–100; required options before optional
    /// ones; sub-commands (type 1) only at the top level and not mixed with plain options; known types 1–11.
    /// </summary>
    private static string? ValidateOptions(JsonArray? options, int depth)
    {
        if (options is null) return null;
        if (options.Count > 25) return "{\"options\": \"Must be 25 or fewer in length.\"}";
        var seenOptional = false;
        var subCommands = options.Count(o => o?["type"]?.GetValue<int>() is 1 or 2);
        if (subCommands > 0 && subCommands != options.Count) return "{\"options\": \"Sub-commands cannot be mixed with other options.\"}";
        foreach (var o in options.OfType<JsonObject>())
        {
            var name = o["name"]?.GetValue<string>() ?? "";
            if (!CommandName().IsMatch(name)) return $"{{\"options\": \"Option name '{name}' is invalid.\"}}";
            if ((o["description"]?.GetValue<string>().Length ?? 0) is 0 or > 100) return "{\"options\": \"description: Must be between 1 and 100 in length.\"}";
            var type = o["type"]?.GetValue<int>() ?? 0;
            if (type is < 1 or > 11) return "{\"options\": \"type: Value is not a valid option type.\"}";
            if (type is 1 or 2)
            {
                if (depth > 0) return "{\"options\": \"Sub-commands can only be at the top level.\"}";
                if (ValidateOptions(o["options"] as JsonArray, depth + 1) is { } nested) return nested;
                continue;
            }
            var required = o["required"]?.GetValue<bool>() ?? false;
            if (required && seenOptional) return "{\"options\": \"Required options must be placed before non-required options.\"}";
            seenOptional |= !required;
            if (o["max_length"] is not null && type != 3) return "{\"options\": \"max_length is only allowed for string options.\"}";
        }
        return null;
    }

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private static (int, string, Dictionary<string, string>) Ok(int status, string body) => (status, body, new Dictionary<string, string>());

    private static (int, string, Dictionary<string, string>) Error(int status, int code, string message, string? errors = null) =>
        (status, errors is null ? JsonSerializer.Serialize(new { code, message }) : $"{{\"code\": {code}, \"message\": {JsonSerializer.Serialize(message)}, \"errors\": {errors}}}", new Dictionary<string, string>());

    [GeneratedRegex(@"^/webhooks/\d+/[^/]+/messages/@original$")] private static partial Regex WebhookOriginal();
    [GeneratedRegex(@"^/webhooks/\d+/[^/]+$")] private static partial Regex WebhookExecute();
    [GeneratedRegex(@"^/channels/(\d+)/messages$")] private static partial Regex ChannelMessages();
    [GeneratedRegex(@"^/channels/\d+/typing$")] private static partial Regex Typing();
    [GeneratedRegex(@"^/channels/\d+/messages/\d+/threads$")] private static partial Regex Threads();
    [GeneratedRegex(@"^/interactions/\d+/[^/]+/callback$")] private static partial Regex InteractionCallback();
    [GeneratedRegex(@"^/applications/\d+(/guilds/\d+)?/commands$")] private static partial Regex Commands();
    [GeneratedRegex(@"^[-_\p{Ll}\p{N}]{1,32}$")] private static partial Regex CommandName();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _arrived.Dispose();
    }
}
