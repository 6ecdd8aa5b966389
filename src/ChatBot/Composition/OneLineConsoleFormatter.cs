using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ChatBot.Composition;

public sealed class OneLineConsoleFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>Print an exception's stack trace after the line (--verbose); otherwise only its type and message.</summary>
    public bool IncludeStackTraces { get; set; }
}

/// <summary>
/// "warn: Category: message (ExceptionType: message)" on one line: people read a cause, not a stack
/// trace; --verbose adds the trace for whoever debugs.
/// </summary>
public sealed class OneLineConsoleFormatter(IOptionsMonitor<OneLineConsoleFormatterOptions> options)
    : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "chatbot-one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null) return;
        var line = message.ReplaceLineEndings(" ");
        if (logEntry.Exception is { } ex)
        {
            var cause = ex.GetBaseException();
            line += $" ({cause.GetType().Name}: {cause.Message.ReplaceLineEndings(" ")})";
        }
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write(": ");
        textWriter.WriteLine(line);
        if (logEntry.Exception is not null && options.CurrentValue.IncludeStackTraces) textWriter.WriteLine(logEntry.Exception.ToString());
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
