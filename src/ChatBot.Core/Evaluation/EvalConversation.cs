using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Core.Evaluation;

/// <summary>One turn of an eval conversation: a question read in the light of the turns before it, scored like an eval question.</summary>
public sealed record EvalTurn(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("gold")] IReadOnlyList<string>? Gold,
    [property: JsonPropertyName("expect")] IReadOnlyList<IReadOnlyList<string>>? Expect,
    [property: JsonPropertyName("answerable")] bool? AnswerableFlag)
{
    [JsonPropertyName("kind")] public string? Kind { get; init; }
}

/// <summary>
/// One line of a conversation eval file: <c>{"id", "corpus"?, "turns": [{"question", "gold", "expect", "answerable"?}]}</c>.
/// <see cref="Corpus"/> is only a label; which corpus a conversation belongs to is decided by its gold sources
/// (<see cref="ConversationEvalRunner"/>).
/// </summary>
public sealed record EvalConversation(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("turns")] IReadOnlyList<EvalTurn> Turns)
{
    [JsonPropertyName("corpus")] public string? Corpus { get; init; }

    /// <summary>Turn <paramref name="index"/> (0-based) as an eval question, with the id "conversation#turn" (1-based).</summary>
    public EvalQuestion Question(int index)
    {
        var t = Turns[index];
        return new EvalQuestion($"{Id}#{index + 1}", t.Question, t.Gold, t.Expect, t.AnswerableFlag) { Kind = t.Kind };
    }

    /// <summary>Reads a JSON-lines conversation file; a broken line is reported with its number.</summary>
    public static IReadOnlyList<EvalConversation> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Conversation file '{path}' does not exist.", path);
        var list = new List<EvalConversation>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            EvalConversation? c;
            try { c = JsonSerializer.Deserialize(line, EvalConversationJsonContext.Default.EvalConversation); }
            catch (JsonException ex) { throw new InvalidDataException($"{path}:{lineNo}: not valid JSON ({ex.Message})."); }
            if (c is null || string.IsNullOrWhiteSpace(c.Id) || c.Turns is not { Count: > 0 } || c.Turns.Any(t => t is null || string.IsNullOrWhiteSpace(t.Question)))
                throw new InvalidDataException($"{path}:{lineNo}: each line needs \"id\" and \"turns\", each turn a \"question\".");
            list.Add(c);
        }
        if (list.Count == 0) throw new InvalidDataException($"{path} holds no conversations.");
        return list;
    }
}

[JsonSerializable(typeof(EvalConversation))]
internal sealed partial class EvalConversationJsonContext : JsonSerializerContext;
