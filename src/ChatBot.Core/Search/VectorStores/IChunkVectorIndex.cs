namespace ChatBot.Core.Search.VectorStores;

/// <summary>
/// The dense-vector leg of retrieval as the indexer and the retriever see it, whatever the store
/// (embedded file or Qdrant). An index is named after what it holds (corpus hash + embedding
/// model), built whole and then published atomically: readers only ever see a complete index.
/// </summary>
public interface IChunkVectorIndex
{
    /// <summary>"embedded" or "qdrant", for logs and health output.</summary>
    string Provider { get; }

    /// <summary>
    /// Builds the index <paramref name="indexName"/> from <paramref name="records"/> and publishes it.
    /// Idempotent: when that index is already published nothing is written. If the build fails or is
    /// cancelled midway, the previously published index keeps serving. A store that publishes whole corpus
    /// versions (<see cref="ISharedCorpus"/>, Qdrant) hands the records to the publication in progress,
    /// which publishes them with the version (and refuses them outside one).
    /// </summary>
    /// <exception cref="ArgumentException">The records are empty or their vectors differ in length.</exception>
    Task BuildAsync(string indexName, IReadOnlyList<ChunkVectorRecord> records,
        IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>True when <paramref name="indexName"/> is the published (serving) index (with a shared corpus: held by a version this instance loaded).</summary>
    Task<bool> IsBuiltAsync(string indexName, CancellationToken cancellationToken = default);

    /// <summary>
    /// The <paramref name="top"/> chunks most similar (cosine, higher is closer, 1 = same direction)
    /// to <paramref name="query"/> in the published index, optionally only from one corpus file.
    /// Empty when nothing has been published yet.
    /// </summary>
    /// <exception cref="ArgumentException">The query's length differs from the index's dimensions.</exception>
    Task<IReadOnlyList<(string ChunkId, double Score)>> SearchAsync(ReadOnlyMemory<float> query, int top,
        string? source = null, CancellationToken cancellationToken = default);

    /// <summary>Readiness: can the store be reached and what does it serve. Never throws for an unreachable store.</summary>
    Task<VectorStoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default);
}

/// <summary>Outcome of a readiness check.</summary>
/// <param name="IsReady">The store is reachable and usable (an index may still be unpublished).</param>
/// <param name="Provider">"embedded" or "qdrant".</param>
/// <param name="Message">One human-readable line, e.g. why it is not ready.</param>
/// <param name="PublishedIndex">The index name currently serving, if any.</param>
/// <param name="Records">How many records the published index holds, if known.</param>
public sealed record VectorStoreHealth(bool IsReady, string Provider, string Message, string? PublishedIndex = null, long? Records = null);
