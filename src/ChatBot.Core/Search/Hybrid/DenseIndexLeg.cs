using ChatBot.Core.Embeddings;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.AI;

namespace ChatBot.Core.Search.Hybrid;

/// <summary>
/// Builds the dense leg beside BM25: every chunk embedded and stored in the vector store under a name
/// made of the corpus hash and the embedding model's id, so a stored index never mixes vectors of two
/// models, and changing the model or the corpus re-embeds.
/// </summary>
public sealed class DenseIndexLeg(IEmbeddingGenerator<string, Embedding<float>> generator, IEmbeddingModelInfo model, IChunkVectorIndex vectors) : IIndexLeg
{
    /// <summary>Chunks per call: the local generator splits a call into batches and runs them on every core.</summary>
    private const int BatchSize = 256;

    public string IndexNameFor(IndexSnapshot snapshot) => $"{snapshot.CorpusHash[..16]}-{model.ModelId}";

    public Task<bool> IsBuiltAsync(IndexSnapshot snapshot, CancellationToken cancellationToken) =>
        snapshot.Chunks.Count == 0 ? Task.FromResult(true) : vectors.IsBuiltAsync(IndexNameFor(snapshot), cancellationToken);

    public async Task EnsureBuiltAsync(IndexSnapshot snapshot, bool force, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        if (snapshot.Chunks.Count == 0 || await IsBuiltAsync(snapshot, cancellationToken)) return;
        var records = new List<ChunkVectorRecord>(snapshot.Chunks.Count);
        const string stage = "Embedding passages";
        progress?.Report(new IndexProgress(stage, 0, snapshot.Chunks.Count));
        foreach (var batch in snapshot.Chunks.Chunk(BatchSize))
        {
            var embeddings = await generator.EmbedDocumentsAsync(batch.Select(c => c.Text), cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                records.Add(new ChunkVectorRecord
                {
                    Key = ChunkVectorRecord.KeyFor(batch[i].Id),
                    ChunkId = batch[i].Id,
                    Source = batch[i].Source,
                    Text = batch[i].Text,
                    Embedding = embeddings[i].Vector,
                });
            }
            progress?.Report(new IndexProgress(stage, records.Count, snapshot.Chunks.Count));
        }
        await vectors.BuildAsync(IndexNameFor(snapshot), records, progress, cancellationToken);
    }
}
