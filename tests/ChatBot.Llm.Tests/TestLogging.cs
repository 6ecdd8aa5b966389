using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatBot.Llm.Tests;

/// <summary>Keeps every log line, so tests can assert what was logged (and that no secret was).</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose() { }

    public IEnumerable<string> Warnings => Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message);

    public string AllText => string.Join("\n", Entries.Select(e => e.Message));

    private sealed class ListLogger(ListLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
    }
}

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
