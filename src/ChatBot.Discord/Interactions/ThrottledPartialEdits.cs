using ChatBot.Discord.Model;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// Receives the answer text so far (LLM streaming) and edits the deferred reply with it, at most once per
/// <c>interval</c>: reports in between are coalesced, only the newest text is sent. <see cref="CompleteAsync"/>
/// stops the edits and waits until an interval has passed since the last one, so the final edit keeps the pace too.
/// </summary>
public sealed class ThrottledPartialEdits : IProgress<string>, IAsyncDisposable
{
    public const string WritingMarker = " ▍";

    private readonly Func<MessagePayload, CancellationToken, Task> _edit;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _changed = new(0);
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;
    private readonly CancellationToken _outer;
    private string? _latest;
    private string? _sent;
    private long _lastEditTimestamp;
    private bool _edited;

    public ThrottledPartialEdits(Func<MessagePayload, CancellationToken, Task> edit, TimeSpan interval, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        _edit = edit;
        _interval = interval;
        _time = time;
        _logger = logger;
        _outer = ct;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Partial edits sent so far.</summary>
    public int Edits { get; private set; }

    public void Report(string value)
    {
        Volatile.Write(ref _latest, value);
        _changed.Release();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await _changed.WaitAsync(ct);
                var wait = Remaining();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, ct);
                // Reports made meanwhile are all answered by this edit of the newest text: don't wake for each of them.
                while (_changed.Wait(0)) { }
                var text = Volatile.Read(ref _latest);
                if (string.IsNullOrWhiteSpace(text) || text == _sent) continue;
                _sent = text;
                _lastEditTimestamp = _time.GetTimestamp();
                _edited = true;
                try
                {
                    // An edit under way is finished even when the answer completes meanwhile (only shutdown cancels it),
                    // so the final edit never overtakes it.
                    await _edit(MessagePayload.Text(TextFitting.Truncate(text.TrimEnd(), DiscordLimits.Content - WritingMarker.Length) + WritingMarker), _outer);
                    Edits++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A lost partial edit is harmless: the next one (or the final answer) replaces it.
                    _logger.LogWarning("A partial answer edit failed: {Error}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested || _outer.IsCancellationRequested)
        {
        }
    }

    private TimeSpan Remaining() => _edited ? _interval - _time.GetElapsedTime(_lastEditTimestamp) : TimeSpan.Zero;

    /// <summary>Stops partial edits; returns once the next edit may be sent without breaking the pace.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        await _stop.CancelAsync();
        await _loop;
        var wait = Remaining();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _changed.Dispose();
    }
}
