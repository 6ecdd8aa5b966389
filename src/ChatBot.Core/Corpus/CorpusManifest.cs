using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Core.Corpus;

/// <summary>One entry of corpus/manifest.json. Unknown values are null, never guessed.</summary>
public sealed record ManifestEntry(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("outlet")] string? Outlet,
    [property: JsonPropertyName("author")] string? Author,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("url")] string? Url);

/// <summary>corpus/manifest.json: metadata per corpus file.</summary>
public sealed class CorpusManifest
{
    public const string FileName = "manifest.json";

    [JsonPropertyName("documents")] public List<ManifestEntry> Documents { get; set; } = [];

    public ManifestEntry? Find(string file) =>
        Documents.FirstOrDefault(d => string.Equals(d.File, file, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the manifest of a corpus folder; an absent manifest is an empty one.</summary>
    public static CorpusManifest Load(string corpusDir)
    {
        var path = Path.Combine(corpusDir, FileName);
        if (!File.Exists(path)) return new CorpusManifest();
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CorpusJsonContext.Default.CorpusManifest) ?? new CorpusManifest();
        }
        catch (JsonException ex)
        {
            throw new CorpusException($"{path} is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Writes the manifest atomically (temp file, then rename), so a crash never leaves half a file.</summary>
    public void Save(string corpusDir)
    {
        var path = Path.Combine(corpusDir, FileName);
        var json = JsonSerializer.Serialize(this, CorpusJsonContext.Default.CorpusManifest);
        AtomicFile.WriteAllText(path, json + "\n");
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CorpusManifest))]
internal sealed partial class CorpusJsonContext : JsonSerializerContext;
