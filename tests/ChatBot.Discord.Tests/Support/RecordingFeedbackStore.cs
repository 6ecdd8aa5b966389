using System.Collections.Concurrent;
using ChatBot.Core.Feedback;

namespace ChatBot.Discord.Tests.Support;

public sealed class RecordingFeedbackStore : IFeedbackStore
{
    public ConcurrentQueue<FeedbackEntry> Entries { get; } = new();

    public Task RecordAsync(FeedbackEntry entry, CancellationToken cancellationToken = default)
    {
        Entries.Enqueue(entry);
        return Task.CompletedTask;
    }
}
