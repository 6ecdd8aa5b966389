using System.Collections.Concurrent;
using System.Threading.Channels;
using ChatBot.Teams.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Messaging;

/// <summary>
/// Authenticated activities waiting to be answered. The endpoint acknowledges with 200 at once
/// (the connector times out after 15 s) and the answer is posted back through the connector.
/// </summary>
internal sealed class ActivityQueue
{
    private readonly Channel<Activity> _channel = Channel.CreateBounded<Activity>(
        new BoundedChannelOptions(256) { SingleReader = false, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recent = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ActivityQueue(TimeProvider time) => _time = time;

    /// <summary>False when the queue is full (the caller answers 503 and the connector retries).</summary>
    public bool TryEnqueue(Activity activity) => _channel.Writer.TryWrite(activity);

    /// <summary>
    /// True the first time an activity id is seen in a conversation (within 10 minutes): the connector
    /// redelivers an activity it thinks failed, and a question must not be answered twice.
    /// </summary>
    public bool IsFirstDelivery(Activity activity)
    {
        if (activity.Id is null) return true;
        var now = _time.GetUtcNow();
        if (_recent.Count > 10_000)
        {
            foreach (var (key, seen) in _recent)
                if (now - seen > RememberFor) _recent.TryRemove(key, out _);
        }
        var id = activity.Conversation?.Id + "|" + activity.Id;
        var first = _recent.TryAdd(id, now);
        if (!first && _recent.TryGetValue(id, out var at) && now - at > RememberFor)
        {
            _recent[id] = now;
            return true;
        }
        return first;
    }

    public ChannelReader<Activity> Reader => _channel.Reader;
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
