using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Teams.Auth;
using ChatBot.Teams.Protocol;
using ChatBot.Teams.Rendering;
using Microsoft.Extensions.Logging;

namespace ChatBot.Teams.Connector;

/// <summary>
/// The two Bot Connector REST operations the bot needs: reply to an activity
/// (POST /v3/conversations/{conversationId}/activities/{activityId}) and send to a conversation
/// (POST /v3/conversations/{conversationId}/activities), with the bot's bearer token.
/// </summary>
internal sealed class ConnectorClient(IHttpClientFactory httpClientFactory, BotTokenProvider tokens, ILogger<ConnectorClient> logger)
{
    public const string HttpClientName = "Teams.Connector";

    public Task<string?> ReplyAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken) =>
        PostAsync(BuildUri(serviceUrl, conversationId, activityId), activity, cancellationToken);

    public Task<string?> SendAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken) =>
        PostAsync(BuildUri(serviceUrl, conversationId, null), activity, cancellationToken);

    /// <summary>Ids are escaped as one path segment each: Teams conversation ids hold ':', '@' and ';'.</summary>
    internal static Uri BuildUri(string serviceUrl, string conversationId, string? activityId)
    {
        if (!TeamsOptionsValidator.IsUrl(serviceUrl))
            throw new InvalidOperationException("serviceUrl must be an https URL.");
        var path = new StringBuilder(serviceUrl.TrimEnd('/'))
            .Append("/v3/conversations/").Append(Uri.EscapeDataString(conversationId)).Append("/activities");
        if (activityId is not null) path.Append('/').Append(Uri.EscapeDataString(activityId));
        return new Uri(path.ToString());
    }

    private async Task<string?> PostAsync(Uri uri, JsonObject activity, CancellationToken cancellationToken)
    {
        var payload = AnswerRenderer.Serialize(activity);
        using var client = httpClientFactory.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new ByteArrayContent(payload) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                // A revoked or rotated token: get a new one once.
                tokens.Invalidate();
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                var error = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                logger.LogError("Bot Connector refused an activity at {Path}: {Status} {Error}",
                    uri.AbsolutePath, (int)response.StatusCode, error.Length > 300 ? error[..300] : error);
                throw new HttpRequestException($"Bot Connector answered {(int)response.StatusCode}.", null, response.StatusCode);
            }
            // The connector answers a ResourceResponse ({"id": ...}); its id is informational only.
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                return JsonSerializer.Deserialize(body, TeamsJsonContext.Default.ResourceResponse)?.Id;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
