using System.Collections.Concurrent;
using System.Diagnostics;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Discord.Tests;

public sealed class ThrottledPartialEditsTests
{
    [Fact]
    public async Task Many_reports_are_coalesced_into_paced_edits_of_the_newest_text_and_completion_keeps_the_pace()
    {
        var interval = TimeSpan.FromMilliseconds(500);
        var edits = new ConcurrentQueue<(TimeSpan At, string Content)>();
        var clock = Stopwatch.StartNew();
        var reported = new List<string>();
        await using var partial = new ThrottledPartialEdits((m, _) => { edits.Enqueue((clock.Elapsed, m.Content!)); return Task.CompletedTask; },
            interval, TimeProvider.System, NullLogger.Instance, CancellationToken.None);

        var text = "";
        for (var i = 0; i < 30; i++)
        {
            text += $"word{i} ";
            reported.Add(text);
            partial.Report(text);
            await Task.Delay(50);
        }
        await partial.CompleteAsync(CancellationToken.None);
        var completedAt = clock.Elapsed;

        var list = edits.ToList();
        Assert.InRange(list.Count, 2, (int)(completedAt / interval) + 1);
        Assert.All(list, e => Assert.EndsWith(ThrottledPartialEdits.WritingMarker, e.Content));
        Assert.All(list, e => Assert.Contains(e.Content[..^ThrottledPartialEdits.WritingMarker.Length], reported.Select(r => r.TrimEnd())));
        for (var i = 1; i < list.Count; i++)
        {
            Assert.True(list[i].At - list[i - 1].At >= interval - TimeSpan.FromMilliseconds(20), $"edits {i - 1} and {i} too close");
            Assert.True(list[i].Content.Length > list[i - 1].Content.Length, "each edit shows more text");
        }
        Assert.True(completedAt - list[^1].At >= interval - TimeSpan.FromMilliseconds(20), "the final edit may follow only after an interval");
    }

    [Fact]
    public async Task A_failing_partial_edit_is_skipped_and_long_text_is_cut_to_the_message_limit()
    {
        var sent = new ConcurrentQueue<MessagePayload>();
        var calls = 0;
        await using var partial = new ThrottledPartialEdits((m, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1) throw new InvalidOperationException("Discord said no");
            sent.Enqueue(m);
            return Task.CompletedTask;
        }, TimeSpan.FromMilliseconds(500), TimeProvider.System, NullLogger.Instance, CancellationToken.None);

        partial.Report("first");
        await Task.Delay(100);
        partial.Report(new string('x', 5000));
        await Task.Delay(900); // the next edit is due 500 ms after the failed one
        await partial.CompleteAsync(CancellationToken.None);

        var message = Assert.Single(sent);
        Assert.Equal(2000, message.Content!.Length);
        Assert.EndsWith(ThrottledPartialEdits.WritingMarker, message.Content);
        Assert.Equal("[]", System.Text.Json.JsonSerializer.Serialize(message.AllowedMentions!.Parse));
    }
}
