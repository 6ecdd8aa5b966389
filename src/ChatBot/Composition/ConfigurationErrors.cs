using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatBot.Composition;

/// <summary>
/// Turns a start-up failure caused by configuration into one line per bad setting, each naming the
/// key (as written in appsettings.json; `Section__Key` in the environment) and what is wrong.
/// </summary>
public static partial class ConfigurationErrors
{
    public const string Prefix = "Configuration error: ";

    /// <summary>The lines for <paramref name="exception"/>, or null when it is not a configuration mistake.</summary>
    public static IReadOnlyList<string>? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var lines = new List<string>();
        return Collect(exception, lines) ? lines.Distinct().ToList() : null;
    }

    private static bool Collect(Exception exception, List<string> lines)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                lines.AddRange(validation.Failures.Select(f => f.Trim()));
                return true;
            case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                var found = false;
                foreach (var inner in aggregate.InnerExceptions) found |= Collect(inner, lines);
                return found;
            case InvalidOperationException { Message: var message } when BinderFailure().Match(message) is { Success: true } match:
                lines.Add(DescribeBinderFailure(match.Groups["key"].Value, match.Groups["type"].Value));
                return true;
            default:
                // DI and the host wrap the real cause (an options factory throwing inside a service factory).
                return exception.InnerException is { } cause && Collect(cause, lines);
        }
    }

    /// <summary>
    /// The binder's "Failed to convert configuration value 'x' at 'Key' to type 'T'", reworded without
    /// the value (it may be a secret put under the wrong key) and with what the key accepts.
    /// </summary>
    private static string DescribeBinderFailure(string key, string typeName)
    {
        var nullable = NullableOf().Match(typeName);
        if (nullable.Success) typeName = nullable.Groups["inner"].Value;
        var type = FindType(typeName);
        if (type is { IsEnum: true })
            return $"{key} must be one of: {string.Join(", ", Enum.GetNames(type))}.";
        return $"{key} must be {Expected(type, typeName)}.";
    }

    private static string Expected(Type? type, string typeName) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number (use '.' for decimals)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(TimeSpan) => "a duration as hh:mm:ss, e.g. 00:00:30",
        _ when type == typeof(Uri) => "an absolute URL",
        _ => $"a value of type {typeName.Split('.').Last()}",
    };

    private static Type? FindType(string fullName) =>
        Type.GetType(fullName) ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName)).FirstOrDefault(t => t is not null);

    [GeneratedRegex(@"^Failed to convert configuration value .*at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BinderFailure();

    [GeneratedRegex(@"^System\.Nullable`1\[\[(?<inner>[^,\]]+)")]
    private static partial Regex NullableOf();
}
