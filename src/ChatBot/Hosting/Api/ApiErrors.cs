using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Hosting.Api;

/// <summary>Writes {"error": "..."} responses, also from middleware where IResult is not at hand.</summary>
internal static class ApiErrors
{
    /// <summary>
    /// What is wrong with a JSON body that did not deserialize into <paramref name="type"/>: a member
    /// of the wrong type is named ("question" must be a string); anything else is not valid JSON,
    /// with where it broke.
    /// </summary>
    public static string DescribeJsonError(JsonException ex, JsonTypeInfo type, string? example = null)
    {
        var member = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        var property = member is null ? null : type.Properties.FirstOrDefault(p => p.Name == member);
        // A syntax error inside a member is reported at its path too; only a value of the wrong type "could not be converted".
        if (property is not null && ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            return $"\"{member}\" must be {Expected(property.PropertyType)}" + (example is null ? "." : $", e.g. {example}.");
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
        return $"The request body is not a valid JSON object{(example is null ? "" : $" like {example}")}{where}.";
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type.IsPrimitive || type == typeof(decimal)) return "a number";
        if (type.IsArray || type.IsAssignableTo(typeof(System.Collections.IEnumerable))) return "an array";
        return "an object";
    }

    public static IResult Result(int statusCode, string message) =>
        Results.Json(new ApiError(message), ApiJsonContext.Readable.ApiError, statusCode: statusCode);

    public static async Task Write(HttpContext context, int statusCode, string message)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ApiError(message), ApiJsonContext.Readable.ApiError, context.RequestAborted);
    }
}
