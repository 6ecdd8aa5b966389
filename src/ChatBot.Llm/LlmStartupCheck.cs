using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Llm;

/// <summary>
/// When a server starts, asks the LLM endpoint which models it serves (`GET {Endpoint}/models`, which
/// OpenAI, Azure OpenAI v1, Ollama, LM Studio and vLLM all answer) and logs one line: ready, or why
/// answers will be extractive for now (unreachable, key refused, model not served). It runs in the
/// background and never stops the host: every answer falls back to the extractive one on its own.
/// </summary>
internal sealed partial class LlmStartupCheck(IHttpClientFactory httpClientFactory, IOptions<LlmOptions> options, ILogger<LlmStartupCheck> logger)
    : BackgroundService
{
    public const string HttpClientName = "ChatBot.Llm.StartupCheck";

    /// <summary>Long enough for a slow local server to answer a listing, short enough to report a dead one promptly.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // Scheme, host and path only: a query string could carry a key.
        var endpoint = settings.EndpointUri.GetLeftPart(UriPartial.Path);
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint + "/models");
        if (!string.IsNullOrEmpty(settings.ApiKey)) request.Headers.Authorization = new("Bearer", settings.ApiKey);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(settings.Timeout < ProbeTimeout ? settings.Timeout : ProbeTimeout);
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                LogKeyRefused(logger, endpoint, (int)response.StatusCode);
                return;
            }
            if (!response.IsSuccessStatusCode)
            {
                // Some compatible servers have no model listing; the first answer will tell.
                LogNoListing(logger, endpoint, (int)response.StatusCode);
                return;
            }
            var served = await ReadModelIdsAsync(response, deadline.Token).ConfigureAwait(false);
            if (served is null || served.Count == 0 || served.Contains(settings.Model!, StringComparer.OrdinalIgnoreCase))
                LogReady(logger, endpoint, settings.Model!);
            else
                LogModelNotServed(logger, settings.Model!, endpoint, string.Join(", ", served.Take(10)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            var reason = ex is OperationCanceledException ? $"no answer within {ProbeTimeout.TotalSeconds:0} s" : LlmFailure.Describe(ex);
            LogUnreachable(logger, endpoint, reason);
        }
    }

    /// <summary>The `data[].id` of an OpenAI model list; null when the body is not one.</summary>
    private static async Task<IReadOnlyList<string>?> ReadModelIdsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array) return null;
            return data.EnumerateArray()
                .Select(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id) ? id.GetString() : null)
                .OfType<string>()
                .ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM ready: {Endpoint} serves {Model}")]
    private static partial void LogReady(ILogger logger, string endpoint, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM at {Endpoint} is not reachable ({Reason}); answers are extractive until it is")]
    private static partial void LogUnreachable(ILogger logger, string endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM at {Endpoint} refused the API key (HTTP {Status}); check Llm:ApiKey. Answers are extractive until it is accepted")]
    private static partial void LogKeyRefused(ILogger logger, string endpoint, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM model {Model} is not among the models {Endpoint} serves ({Served}); check Llm:Model")]
    private static partial void LogModelNotServed(ILogger logger, string model, string endpoint, string served);

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM at {Endpoint} has no model listing (HTTP {Status}); the first answer will show whether it works")]
    private static partial void LogNoListing(ILogger logger, string endpoint, int status);
}
