using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatBot.Testing.Logging;

/// <summary>Keeps every log entry, so tests can check what is (and is not: secrets) logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    /// <summary>One entry; <see cref="Message"/> carries the exception's text after it, where there was one.</summary>
    public sealed record Entry(LogLevel Level, string Category, string Message)
    {
        public override string ToString() => $"{Level} {Category}: {Message}";
    }

    public ConcurrentQueue<Entry> Entries { get; } = new();

    /// <summary>Each entry as "Level Category: message exception".</summary>
    public IEnumerable<string> Lines => Entries.Select(e => e.ToString());

    public IEnumerable<string> Messages => Entries.Select(e => e.Message);

    /// <summary>Messages of warnings and worse.</summary>
    public IEnumerable<string> Warnings => Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message);

    /// <summary>Every line, one a line: for "this secret appears nowhere".</summary>
    public string AllText => string.Join("\n", Lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue(new Entry(logLevel, category, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
