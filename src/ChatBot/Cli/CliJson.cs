using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Answering;
using ChatBot.Core.Evaluation;
using ChatBot.Core.Search;

namespace ChatBot.Cli;

/// <summary>JSON output of the CLI: one object per line, readable accents, the answer object's snake_case property names.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        TypeInfoResolver = CliJsonContext.Default,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}

/// <summary>One line of `eval --json`: the answer object plus how it scored.</summary>
public sealed record EvalLine(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answered")] bool Answered,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("citations")] IReadOnlyList<Citation> Citations,
    [property: JsonPropertyName("elapsed_ms")] double ElapsedMs,
    [property: JsonPropertyName("correct")] bool Correct,
    [property: JsonPropertyName("gold_rank")] int? GoldRank,
    [property: JsonPropertyName("answerable")] bool Answerable,
    [property: JsonPropertyName("reason")] string? Reason = null);

/// <summary>One line of `eval --conversations --json`: a turn's answer and how it scored.</summary>
public sealed record ConversationEvalLine(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("turn")] int Turn,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answered")] bool Answered,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("citations")] IReadOnlyList<Citation> Citations,
    [property: JsonPropertyName("elapsed_ms")] double ElapsedMs,
    [property: JsonPropertyName("correct")] bool Correct,
    [property: JsonPropertyName("answerable")] bool Answerable);

public sealed record ConversationEvalSummaryLine([property: JsonPropertyName("summary")] ConversationEvalSummary Summary);

public sealed record EvalSummaryLine([property: JsonPropertyName("summary")] EvalSummary Summary);

public sealed record EmbedOutput(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("dimensions")] int Dimensions,
    [property: JsonPropertyName("embedding")] float[] Embedding,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("tokens")] long? Tokens);

public sealed record ErrorOutput([property: JsonPropertyName("error")] string Error);

[JsonSerializable(typeof(Answer))]
[JsonSerializable(typeof(EvalLine))]
[JsonSerializable(typeof(EvalSummaryLine))]
[JsonSerializable(typeof(ConversationEvalLine))]
[JsonSerializable(typeof(ConversationEvalSummaryLine))]
[JsonSerializable(typeof(EmbedOutput))]
[JsonSerializable(typeof(ErrorOutput))]
[JsonSerializable(typeof(IReadOnlyList<SourceInfo>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
