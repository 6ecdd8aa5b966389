using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatBot.Core.Moderation;
using ChatBot.Hosting.Options;
using ChatBot.Hosting.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Http;

/// <summary>What the HTTP endpoints share: reading JSON bodies with clear errors, who the caller is.</summary>
internal static class HttpRequests
{
    /// <summary>Largest JSON body of the quiz, feedback and other small routes.</summary>
    public const long MaxJsonBodyBytes = 64 * 1024;

    public const string Surface = "http";

    /// <summary>
    /// The client's address: the connection's, or, behind a proxy listed in ForwardedHeaders, the one it
    /// forwarded (UseForwardedHeaders rewrites the connection before any endpoint runs).
    /// </summary>
    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Who the caller is for per-user limits and sessions: a trusted adapter's X-User-Id, else the address.</summary>
    public static string UserKey(HttpContext http) =>
        ConfigureChatBotRateLimiter.UserKey(http, http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);

    /// <summary>The HTTP surface's moderator rule: the X-Api-Key header holds Api:ModeratorApiKey.</summary>
    public static ModerationCaller Caller(HttpContext http) =>
        new(Surface, ClientAddress(http), http.RequestServices.GetRequiredService<IModeratorPolicy>().IsModerator(http.Request.Headers[ChatBotRoutes.ApiKeyHeader].ToString()));

    public static void SetBodyLimit(HttpContext http, long bytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = bytes;
    }

    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpContext http, JsonTypeInfo<T> type, bool allowEmpty = false) where T : class
    {
        if (http.Request.ContentLength > MaxJsonBodyBytes) return (null, ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {MaxJsonBodyBytes / 1024} KB."));
        SetBodyLimit(http, MaxJsonBodyBytes);
        if (allowEmpty && http.Request.ContentLength is 0) return (null, null);
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            if (buffer.Length == 0) return allowEmpty ? (null, null) : (null, ApiErrors.Result(StatusCodes.Status400BadRequest, "The request body is empty; send a JSON object."));
            buffer.Position = 0;
            var value = await JsonSerializer.DeserializeAsync(buffer, type, http.RequestAborted);
            return value is null ? (null, ApiErrors.Result(StatusCodes.Status400BadRequest, "Send a JSON object, not null.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrors.DescribeJsonError(ex, type)));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ApiErrors.Result(ex.StatusCode, ex.Message));
        }
    }
}
