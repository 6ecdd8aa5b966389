using ChatBot.Core.Corpus;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Search.Hybrid;

/// <summary>
/// Where the dense leg keeps the sentence vectors of a corpus version between runs. The unit of storage
/// is one whole <see cref="SentenceVectors"/> per (corpus hash, embedding model id), written once after
/// it is computed and read back whole when that version is opened again (it is small: a few thousand
/// vectors for a corpus of hundreds of pages). A store that shares corpus versions between processes
/// (e.g. Qdrant) can keep it beside the chunk vectors of the same version.
/// </summary>
public interface ISentenceVectorStore
{
    /// <summary>The stored vectors of this snapshot's corpus for the model, or null when none are stored (or they do not match).</summary>
    Task<SentenceVectors?> LoadAsync(IndexSnapshot snapshot, string modelId, CancellationToken cancellationToken);

    /// <summary>Stores the vectors of this snapshot's corpus; replaces what was stored for the same version and model.</summary>
    Task SaveAsync(IndexSnapshot snapshot, SentenceVectors vectors, CancellationToken cancellationToken);
}

/// <summary>
/// Sentence vectors as a file in the snapshot's own index folder (the data dir):
/// <c>sentences-&lt;model&gt;.vec</c>, written atomically; the folder is named after the corpus hash,
/// so a corpus change starts from an empty folder and old versions are pruned with their folder.
/// </summary>
public sealed class LocalSentenceVectorStore(ILogger<LocalSentenceVectorStore>? logger = null) : ISentenceVectorStore
{
    public static string FileName(string modelId) => $"sentences-{IndexNames.ToSafe(modelId)}.vec";

    public Task<SentenceVectors?> LoadAsync(IndexSnapshot snapshot, string modelId, CancellationToken cancellationToken)
    {
        var path = Path.Combine(snapshot.Folder, FileName(modelId));
        if (!File.Exists(path)) return Task.FromResult<SentenceVectors?>(null);
        try
        {
            using var stream = File.OpenRead(path);
            var vectors = SentenceVectors.ReadFrom(stream);
            if (vectors.Matches(snapshot, modelId)) return Task.FromResult<SentenceVectors?>(vectors);
            logger?.LogInformation("Stored sentence vectors {Path} do not match the corpus; computing them again", path);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            logger?.LogWarning("Stored sentence vectors {Path} are not usable ({Error}); computing them again", path, ex.Message);
        }
        return Task.FromResult<SentenceVectors?>(null);
    }

    public Task SaveAsync(IndexSnapshot snapshot, SentenceVectors vectors, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        vectors.WriteTo(buffer);
        AtomicFile.WriteAllBytes(Path.Combine(snapshot.Folder, FileName(vectors.ModelId)), buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        return Task.CompletedTask;
    }
}
