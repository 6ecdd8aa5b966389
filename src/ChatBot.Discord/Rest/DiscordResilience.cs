using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace ChatBot.Discord.Rest;

/// <summary>
/// The retry policy of the Discord REST client (Microsoft.Extensions.Http.Resilience): 429s, 5xx and
/// network errors are tried again, Discord:MaxRestAttempts attempts in all. 5xx and network errors
/// back off exponentially from 500 ms; a 429 is tried again at once, because
/// <see cref="DiscordRateLimitHandler"/> makes the next attempt wait out Discord's retry_after.
/// </summary>
internal static partial class DiscordResilience
{
    /// <summary>First back-off after a 5xx or a network error (doubling each time): Discord's outages are brief.</summary>
    internal static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, DiscordOptions options, ILogger logger)
    {
        if (options.MaxRestAttempts <= 1) return;
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            Name = "discord-retry",
            MaxRetryAttempts = options.MaxRestAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            Delay = FirstBackoff,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is HttpRequestException
                || args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests }
                || (int?)args.Outcome.Result?.StatusCode >= 500),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.Zero : null),
            OnRetry = args =>
            {
                var request = args.Outcome.Result?.RequestMessage;
                var route = request?.RequestUri is { } uri ? DiscordRestClient.RedactToken(uri.AbsolutePath) : "?";
                var cause = args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "failure";
                LogRetry(logger, request?.Method.Method ?? "", route, cause, args.AttemptNumber + 2, options.MaxRestAttempts);
                return ValueTask.CompletedTask;
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Method} {Route} failed ({Cause}); attempt {Attempt} of {Max}")]
    private static partial void LogRetry(ILogger logger, string method, string route, string cause, int attempt, int max);
}
