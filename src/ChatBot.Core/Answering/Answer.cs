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

    /// <summary>
    /// This answer's id: feedback refers to it, and the server that gave the answer keeps its text
    /// (so stored feedback never carries text a client sent).
    /// </summary>
    [JsonPropertyName("answer_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AnswerId { get; init; }

    /// <summary>Longest id accepted back from a client (ours are 22 characters).</summary>
    public const int MaxIdLength = 64;

    /// <summary>A new answer id: 128 random bits, base64url (22 characters, safe in URLs and Discord custom ids).</summary>
    public static string NewId() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Why the engine refused or how it answered (for logs, metrics and eval; not in the JSON contract).</summary>
    [JsonIgnore] public string? Reason { get; init; }

    /// <summary>Which path produced the text: "extractive", "llm", "refusal".</summary>
    [JsonIgnore] public string Mode { get; init; } = "extractive";

    /// <summary>Best retrieval score seen for the question (for metrics).</summary>
    [JsonIgnore] public double TopScore { get; init; }

    /// <summary>What kind of question the engine took it for (not in the JSON contract).</summary>
    [JsonIgnore] public QuestionKind? Kind { get; init; }

    /// <summary>
    /// The sentences shown, with their citation number, speaker and the names in them (not in the JSON
    /// contract): what a conversation needs to resolve "who said that?" or "what else did he say?".
    /// </summary>
    [JsonIgnore] public IReadOnlyList<AnswerEvidence> Evidence { get; init; } = [];

    /// <summary>The item the answer opens with, when the question asked for one ("who …" → the person); not in the JSON contract.</summary>
    [JsonIgnore] public string? Lead { get; init; }
}

/// <summary>One sentence an answer showed: its citation number, where it is, who said it, and the people, organisations and places it names.</summary>
public sealed record AnswerEvidence(int Citation, string Source, int Unit, string Text, string? Speaker, IReadOnlyList<string> Names);
