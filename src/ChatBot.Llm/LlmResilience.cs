using System.Globalization;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace ChatBot.Llm;

/// <summary>
/// The resilience pipeline of the LLM HttpClient, outermost first: a total timeout (Llm:Timeout),
/// retries on 429/5xx/network errors/attempt timeouts with exponential back-off that honours
/// Retry-After up to Llm:MaxRetryAfter, a circuit breaker that stops calling a failing endpoint for
/// Llm:BreakDuration, and a per-attempt timeout.
/// </summary>
internal static class LlmResilience
{
    public const string PipelineName = "llm";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, LlmOptions options)
    {
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "llm-total-timeout", Timeout = options.Timeout });

        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "llm-retry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = false, // replaced by the bounded DelayGenerator below
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "llm-circuit-breaker",
            FailureRatio = 0.5,
            MinimumThroughput = 5,
            SamplingDuration = TimeSpan.FromSeconds(60),
            BreakDuration = options.BreakDuration,
        });

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "llm-attempt-timeout", Timeout = options.Timeout });
    }

    /// <summary>Transient failures are retried, except when the server asks for a longer wait than we accept.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
    {
        if (!HttpClientResiliencePredicates.IsTransient(outcome)) return false;
        var wait = RetryAfter(outcome.Result);
        return wait is null || wait <= maxRetryAfter;
    }

    /// <summary>The wait a 429/503 asks for: OpenAI's `retry-after-ms`, else the standard Retry-After (seconds or date).</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response is null) return null;
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)) return null;

        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            return TimeSpan.FromMilliseconds(ms);

        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
