using System.Text.Json.Serialization;

namespace ChatBot.Core.Answering;

/// <summary>One numbered citation: the passage an answer relied on and where it came from.</summary>
public sealed record Citation(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("outlet")] string? Outlet,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("quote")] string Quote)
{
    /// <summary>Id of the chunk the quote was taken from (not part of the JSON contract).</summary>
    [JsonIgnore] public string? ChunkId { get; init; }
}

/// <summary>
/// The answer object (README, "The answer object"). <see cref="Answered"/> is false for a refusal, and then
/// <see cref="Citations"/> is empty and <see cref="Text"/> is the polite refusal.
/// </summary>
public sealed record Answer
{
    [JsonPropertyName("question")] public required string Question { get; init; }
    [JsonPropertyName("answered")] public required bool Answered { get; init; }
    [JsonPropertyName("answer")] public required string Text { get; init; }
    [JsonPropertyName("citations")] public IReadOnlyList<Citation> Citations { get; init; } = [];
    [JsonPropertyName("elapsed_ms")] public double ElapsedMs { get; init; }

    /// <summary>Why the engine refused or how it answered (for logs, metrics and eval; not in the JSON contract).</summary>
    [JsonIgnore] public string? Reason { get; init; }

    /// <summary>Which path produced the text: "extractive", "llm", "refusal".</summary>
    [JsonIgnore] public string Mode { get; init; } = "extractive";

    /// <summary>Best retrieval score seen for the question (for metrics).</summary>
    [JsonIgnore] public double TopScore { get; init; }
}
