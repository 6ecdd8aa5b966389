using System.Threading.Channels;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Model;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Discord.Tests;

/// <summary>The pacing of streamed edits, on a test clock: every gap is asserted exactly, nothing sleeps.</summary>
public sealed class ThrottledPartialEditsTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly TestClock _time = new();
    private readonly Channel<(DateTimeOffset At, MessagePayload Message)> _edits = Channel.CreateUnbounded<(DateTimeOffset, MessagePayload)>();

    private ThrottledPartialEdits Create(Func<int, Exception?>? failOnCall = null)
    {
        var calls = 0;
        return new ThrottledPartialEdits((m, _) =>
        {
            _edits.Writer.TryWrite((_time.GetUtcNow(), m));
            return failOnCall?.Invoke(Interlocked.Increment(ref calls)) is { } failure ? Task.FromException(failure) : Task.CompletedTask;
        }, Interval, _time, NullLogger.Instance, CancellationToken.None);
    }

    private async Task<(DateTimeOffset At, MessagePayload Message)> NextEditAsync() => await _edits.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Reports_are_coalesced_into_paced_edits_of_the_newest_text_and_completion_keeps_the_pace()
    {
        var start = _time.GetUtcNow();
        await using var partial = Create();

        partial.Report("word0 ");
        var first = await NextEditAsync(); // the first text shows at once
        for (var i = 1; i <= 6; i++) partial.Report(string.Concat(Enumerable.Range(0, i + 1).Select(n => $"word{n} ")));
        await _time.WaitForTimerAsync(Interval);
        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(_edits.Reader.TryPeek(out _), "an edit came before the interval was up");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var second = await NextEditAsync();

        var completed = partial.CompleteAsync(CancellationToken.None);
        await _time.AdvanceWhenWaitingAsync(Interval); // the final answer may follow only an interval after the last edit
        await completed;

        Assert.Equal(start, first.At);
        Assert.Equal("word0" + ThrottledPartialEdits.WritingMarker, first.Message.Content);
        Assert.Equal(start + Interval, second.At);
        Assert.Equal("word0 word1 word2 word3 word4 word5 word6" + ThrottledPartialEdits.WritingMarker, second.Message.Content); // only the newest of six reports
        Assert.Equal(start + 2 * Interval, _time.GetUtcNow());
        Assert.Equal(2, partial.Edits);
        Assert.False(_edits.Reader.TryPeek(out _));
    }

    [Fact]
    public async Task A_failing_partial_edit_is_skipped_and_long_text_is_cut_to_the_message_limit()
    {
        await using var partial = Create(call => call == 1 ? new InvalidOperationException("Discord said no") : null);

        partial.Report("first");
        await NextEditAsync(); // refused
        partial.Report(new string('x', 5000));
        await _time.AdvanceWhenWaitingAsync(Interval); // the next edit is due an interval after the failed one
        var (_, message) = await NextEditAsync();
        var completed = partial.CompleteAsync(CancellationToken.None);
        await _time.AdvanceWhenWaitingAsync(Interval);
        await completed;

        Assert.Equal(2000, message.Content!.Length);
        Assert.EndsWith(ThrottledPartialEdits.WritingMarker, message.Content);
        Assert.Equal("[]", System.Text.Json.JsonSerializer.Serialize(message.AllowedMentions!.Parse));
        Assert.Equal(1, partial.Edits);
    }
}
