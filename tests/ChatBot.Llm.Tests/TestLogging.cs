namespace ChatBot.Llm.Tests;

/// <summary>Records each report synchronously (Progress&lt;T&gt; would post them later, out of order with the result).</summary>
internal sealed class RecordingProgress : IProgress<string>
{
    private readonly List<string> _reports = [];
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the first report.</summary>
    public Task FirstReport => _first.Task;

    public IReadOnlyList<string> Reports
    {
        get { lock (_reports) return _reports.ToArray(); }
    }

    public void Report(string value)
    {
        lock (_reports) _reports.Add(value);
        _first.TrySetResult();
    }
}
