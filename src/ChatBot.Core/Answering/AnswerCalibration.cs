using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Core.Answering;

/// <summary>
/// A linear model over named features: z = (x − mean) / scale per feature, score = bias + Σ wᵢ zᵢ. Used
/// as a ranker (the score orders candidate sentences) and as a logistic classifier (σ(score) is the
/// probability that the corpus answers the question). A feature the model does not name is ignored;
/// one it names but is not given counts as its mean (no evidence either way).
/// </summary>
public sealed class LinearModel
{
    [JsonPropertyName("features")] public List<string> Features { get; set; } = [];
    [JsonPropertyName("weights")] public List<double> Weights { get; set; } = [];
    [JsonPropertyName("bias")] public double Bias { get; set; }
    [JsonPropertyName("mean")] public List<double> Mean { get; set; } = [];
    [JsonPropertyName("scale")] public List<double> Scale { get; set; } = [];

    /// <summary>L2 penalty the weights were fitted with (on standardised features).</summary>
    [JsonPropertyName("l2")] public double L2 { get; set; }

    public double Score(IReadOnlyDictionary<string, double> x)
    {
        var s = Bias;
        for (var i = 0; i < Features.Count; i++)
        {
            if (!x.TryGetValue(Features[i], out var v)) continue;
            var scale = i < Scale.Count && Scale[i] > 0 ? Scale[i] : 1;
            var mean = i < Mean.Count ? Mean[i] : 0;
            s += Weights[i] * (v - mean) / scale;
        }
        return s;
    }

    public double Probability(IReadOnlyDictionary<string, double> x) => Sigmoid(Score(x));

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}

/// <summary>
/// The fitted weights of answering for one embedding model: the sentence ranker and the refusal model,
/// with how they were fitted. One JSON file per embedding model id under Answering/Calibration (embedded
/// in the assembly), plus <c>lexical.json</c> for when no embedding provider is configured. Refit with
/// `chatbot calibrate` (docs/retrieval.md); a file in `Answering:CalibrationDirectory` overrides the
/// embedded one.
/// </summary>
public sealed class AnswerCalibration
{
    public const string LexicalId = "lexical";

    [JsonPropertyName("model")] public string Model { get; set; } = LexicalId;
    [JsonPropertyName("fitted")] public string? Fitted { get; set; }
    [JsonPropertyName("method")] public string? Method { get; set; }
    [JsonPropertyName("training")] public List<string> Training { get; set; } = [];
    [JsonPropertyName("ranker")] public LinearModel Ranker { get; set; } = new();
    [JsonPropertyName("refusal")] public LinearModel Refusal { get; set; } = new();

    /// <summary>Answer when σ(refusal score) reaches this.</summary>
    [JsonPropertyName("threshold")] public double Threshold { get; set; } = 0.5;

    /// <summary>Figures on the training files when fitted (for the record; not used).</summary>
    [JsonPropertyName("train_figures")] public Dictionary<string, double> TrainFigures { get; set; } = [];

    /// <summary>File name of a model id's calibration: "local:snowflake-arctic-embed-xs:384" → "local-snowflake-arctic-embed-xs-384.json".</summary>
    public static string FileNameFor(string modelId) =>
        new string(modelId.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray()) + ".json";

    /// <summary>The calibration for a model id: from <paramref name="directory"/> when it holds one, else the embedded one; null when neither exists.</summary>
    public static AnswerCalibration? Load(string modelId, string? directory = null)
    {
        var name = FileNameFor(modelId);
        if (directory is not null && File.Exists(Path.Combine(directory, name)))
            return Parse(File.ReadAllText(Path.Combine(directory, name)), Path.Combine(directory, name));
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ChatBot.Calibration." + name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), name);
    }

    public static AnswerCalibration Parse(string json, string origin)
    {
        try
        {
            var c = JsonSerializer.Deserialize(json, CalibrationJsonContext.Default.AnswerCalibration) ?? throw new InvalidDataException($"{origin} is empty.");
            foreach (var m in new[] { c.Ranker, c.Refusal })
                if (m.Weights.Count != m.Features.Count) throw new InvalidDataException($"{origin}: {m.Features.Count} features but {m.Weights.Count} weights.");
            return c;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{origin} is not valid calibration JSON: {ex.Message}");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, CalibrationJsonContext.Default.AnswerCalibration);
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(AnswerCalibration))]
internal sealed partial class CalibrationJsonContext : JsonSerializerContext;
