namespace ChatBot.Core.Embeddings;

/// <summary>Where the converted Universal Sentence Encoder lite lives: model.onnx + vocab.json.</summary>
public sealed record UseLiteModelFiles(string Directory)
{
    /// <summary>The folder searched for when <c>Embeddings:ModelDir</c> is not set.</summary>
    public static readonly string DefaultRelativeDir = Path.Combine("models", "use-lite");

    public string ModelPath => Path.Combine(Directory, "model.onnx");

    public string VocabularyPath => Path.Combine(Directory, "vocab.json");

    /// <summary>
    /// The configured folder, or else the first models/use-lite holding model.onnx found going up
    /// from <see cref="AppContext.BaseDirectory"/> and then from the current directory.
    /// Throws <see cref="FileNotFoundException"/> naming the paths it looked at.
    /// </summary>
    public static UseLiteModelFiles Resolve(string? configuredDir)
    {
        if (!string.IsNullOrWhiteSpace(configuredDir))
        {
            var files = new UseLiteModelFiles(Path.GetFullPath(configuredDir));
            files.EnsureExists("Embeddings:ModelDir");
            return files;
        }

        var searched = new List<string>();
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = new UseLiteModelFiles(Path.Combine(dir.FullName, DefaultRelativeDir));
                if (File.Exists(candidate.ModelPath) && File.Exists(candidate.VocabularyPath)) return candidate;
            }
            searched.Add(start);
        }
        throw new FileNotFoundException(
            $"The local embedding model was not found: no {Path.Combine(DefaultRelativeDir, "model.onnx")} (with vocab.json) in " +
            $"'{string.Join("' or '", searched.Distinct())}' or any folder above. Set Embeddings:ModelDir to the folder " +
            "holding model.onnx and vocab.json (see tools/use-lite-onnx/README.md), or use Embeddings:Provider=OpenAI.");
    }

    private void EnsureExists(string setting)
    {
        foreach (var path in new[] { ModelPath, VocabularyPath })
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"The local embedding model file '{path}' does not exist (from {setting} = '{Directory}').", path);
        }
    }
}
