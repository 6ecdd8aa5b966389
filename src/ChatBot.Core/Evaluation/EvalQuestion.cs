using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Core.Evaluation;

/// <summary>One line of an eval file: the question, gold source prefixes, expected answer words (one of each group).</summary>
public sealed record EvalQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("gold")] IReadOnlyList<string>? Gold,
    [property: JsonPropertyName("expect")] IReadOnlyList<IReadOnlyList<string>>? Expect,
    [property: JsonPropertyName("answerable")] bool? AnswerableFlag)
{
    [JsonIgnore] public bool Answerable => AnswerableFlag ?? true;

    /// <summary>The question's kind as its author labelled it (factoid, who_is, summary, trap, ...), for per-kind figures; optional.</summary>
    [JsonPropertyName("kind")] public string? Kind { get; init; }

    /// <summary>Reads a JSON-lines eval file; a broken line is reported with its number.</summary>
    public static IReadOnlyList<EvalQuestion> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Eval file '{path}' does not exist.", path);
        var list = new List<EvalQuestion>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                var q = JsonSerializer.Deserialize(line, EvalJsonContext.Default.EvalQuestion);
                if (q is null || string.IsNullOrWhiteSpace(q.Id) || string.IsNullOrWhiteSpace(q.Question))
                    throw new InvalidDataException($"{path}:{lineNo}: each line needs \"id\" and \"question\".");
                list.Add(q);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{lineNo}: not valid JSON ({ex.Message}).");
            }
        }
        if (list.Count == 0) throw new InvalidDataException($"{path} holds no questions.");
        return list;
    }
}

[JsonSerializable(typeof(EvalQuestion))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
