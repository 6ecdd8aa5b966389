using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace ChatBot.Qdrant;

/// <summary>
/// One gRPC channel to Qdrant and the official <see cref="QdrantClient"/> on it. Every unary call
/// goes through a Polly pipeline (retry on Unavailable / ResourceExhausted / a timed-out attempt,
/// exponential backoff with jitter, the server's `retry-after` honoured; a per-attempt timeout), and
/// carries the api key as `api-key` metadata. TLS when the URL is https.
/// </summary>
public sealed partial class QdrantConnection : IDisposable
{
    /// <summary>Longest wait between two attempts, whatever the backoff or the server asks.</summary>
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly GrpcChannel _channel;

    public QdrantConnection(IOptions<QdrantOptions> options, TimeProvider? timeProvider = null, ILogger<QdrantConnection>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        Endpoint = o.GetEndpoint();
        Timeout = o.Timeout;
        MaxRetries = o.MaxRetries;
        var log = (ILogger?)logger ?? NullLogger.Instance;
        _channel = GrpcChannel.ForAddress(Endpoint, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectTimeout = o.ConnectTimeout,
                EnableMultipleHttp2Connections = true,
                // Keep the one long-lived connection healthy through idle periods and proxies.
                PooledConnectionIdleTimeout = System.Threading.Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            },
            // Cancellation (ours or the per-attempt timeout) surfaces as OperationCanceledException, which Polly's timeout maps.
            ThrowOperationCanceledOnCancellation = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
        var pipeline = BuildPipeline(o, timeProvider ?? TimeProvider.System, log);
        var invoker = _channel.CreateCallInvoker()
            .Intercept(new ResilienceInterceptor(pipeline))
            .Intercept(metadata =>
            {
                if (!string.IsNullOrEmpty(o.ApiKey)) metadata.Add("api-key", o.ApiKey);
                return metadata;
            });
        // No logger factory: Qdrant.Client would log every failed call with its stack trace; failures reach our callers instead.
        Client = new QdrantClient(new QdrantGrpcClient(invoker));
    }

    /// <summary>The official client; its calls are retried and time-limited as configured.</summary>
    public QdrantClient Client { get; }

    /// <summary>The endpoint dialled (scheme, host and port; never the key).</summary>
    public Uri Endpoint { get; }

    /// <summary>"http://host:6334", for messages.</summary>
    public string Where => Endpoint.GetLeftPart(UriPartial.Authority);

    public TimeSpan Timeout { get; }

    public int MaxRetries { get; }

    public void Dispose()
    {
        Client.Dispose();
        _channel.Dispose();
    }

    /// <summary>Calls worth another attempt: the server was unreachable or asked us to slow down, or an attempt timed out.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        RpcException { StatusCode: StatusCode.Unavailable or StatusCode.ResourceExhausted } => true,
        TimeoutRejectedException => true,
        _ => false,
    };

    private static ResiliencePipeline BuildPipeline(QdrantOptions o, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (o.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
                MaxRetryAttempts = o.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryDelay,
                MaxDelay = MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, Describe(args.Outcome.Exception));
                    return ValueTask.CompletedTask;
                },
            });
        }
        builder.AddTimeout(o.Timeout);
        return builder.Build();
    }

    /// <summary>Qdrant puts `retry-after` (whole seconds) on a rate-limited answer; null lets the backoff decide.</summary>
    private static TimeSpan? RetryAfter(Exception? exception)
    {
        if (exception is not RpcException { StatusCode: StatusCode.ResourceExhausted } rpc) return null;
        var value = rpc.Trailers.GetValue("retry-after");
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryDelay.TotalSeconds))
            : null;
    }

    private static string Describe(Exception? exception) => exception switch
    {
        RpcException rpc => rpc.StatusCode.ToString(),
        TimeoutRejectedException => "timed out",
        _ => exception?.GetType().Name ?? "?",
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Qdrant call failed ({Reason}); attempt {Attempt} in {DelayMs:F0} ms")]
    private static partial void LogRetry(ILogger logger, int attempt, double delayMs, string reason);

    /// <summary>Runs each unary call through the pipeline; every attempt is a fresh call with the attempt's cancellation.</summary>
    private sealed class ResilienceInterceptor(ResiliencePipeline pipeline) : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            AsyncUnaryCall<TResponse>? last = null;
            var response = pipeline.ExecuteAsync(async token =>
            {
                last?.Dispose();
                var options = context.Options.WithCancellationToken(token);
                last = continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options));
                return await last.ResponseAsync.ConfigureAwait(false);
            }, context.Options.CancellationToken).AsTask();
            return new AsyncUnaryCall<TResponse>(
                response,
                response.ContinueWith(_ => last?.ResponseHeadersAsync ?? Task.FromResult(new Metadata()), TaskScheduler.Default).Unwrap(),
                () => last?.GetStatus() ?? Status.DefaultSuccess,
                () => last?.GetTrailers() ?? [],
                () => last?.Dispose());
        }
    }
}
