using System.Threading.Channels;
using ChatBot.Core.Caching;
using ChatBot.Teams.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Messaging;

/// <summary>
/// Authenticated activities waiting to be answered. The endpoint acknowledges with 200 at once
/// (the connector times out after 15 s) and the answer is posted back through the connector.
/// </summary>
internal sealed class ActivityQueue : IDisposable
{
    private readonly Channel<Activity> _channel = Channel.CreateBounded<Activity>(
        new BoundedChannelOptions(256) { SingleReader = false, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The connector redelivers within seconds to minutes; ten minutes covers its retries with room to spare.</summary>
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(10);

    /// <summary>Activity ids remembered; beyond this the least recently seen are forgotten first (far more than ten minutes of traffic).</summary>
    private const int MaxRemembered = 10_000;

    private readonly BoundedMemoryCache<object> _recent;

    public ActivityQueue(TimeProvider time) => _recent = new BoundedMemoryCache<object>(MaxRemembered, time, expireAfter: RememberFor);

    /// <summary>False when the queue is full (the caller answers 503 and the connector retries).</summary>
    public bool TryEnqueue(Activity activity) => _channel.Writer.TryWrite(activity);

    /// <summary>
    /// True the first time an activity id is seen in a conversation (within 10 minutes): the connector
    /// redelivers an activity it thinks failed, and a question must not be answered twice.
    /// </summary>
    public bool IsFirstDelivery(Activity activity)
    {
        if (activity.Id is null) return true;
        var marker = new object();
        return ReferenceEquals(marker, _recent.GetOrAdd(activity.Conversation?.Id + "|" + activity.Id, () => marker));
    }

    public ChannelReader<Activity> Reader => _channel.Reader;

    public void Dispose() => _recent.Dispose();
}

/// <summary>Answers queued activities, a few at a time.</summary>
internal sealed class ActivityWorker(ActivityQueue queue, TeamsActivityHandler handler, IOptions<TeamsOptions> options, ILogger<ActivityWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentAnswers).Select(_ => RunAsync(stoppingToken)));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var activity in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await handler.HandleAsync(activity, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Teams activity {ActivityId} ({Type}) could not be handled", activity.Id, activity.Type);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
