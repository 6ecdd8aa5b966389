using ChatBot.Core.Embeddings;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.AI;

namespace ChatBot.Core.Search.Hybrid;

/// <summary>
/// Builds the dense leg beside BM25: every chunk embedded and stored in the vector store under a name
/// made of the corpus hash and the embedding model's id, so a stored index never mixes vectors of two
/// models, and changing the model or the corpus re-embeds. Also every sentence (unit) of every document,
/// kept as a per-version artifact of the snapshot (<see cref="SentenceVectors.ToArtifact"/>: saved in
/// the index folder, or published with the version to a shared store) and attached for answering.
/// </summary>
public sealed class DenseIndexLeg(
    IEmbeddingGenerator<string, Embedding<float>> generator,
    IEmbeddingModelInfo model,
    IChunkVectorIndex vectors) : IIndexLeg
{
    /// <summary>Chunks per call: the local generator splits a call into batches and runs them on every core.</summary>
    private const int BatchSize = 256;

    public string IndexNameFor(IndexSnapshot snapshot) => $"{snapshot.CorpusHash[..16]}-{model.ModelId}";

    public async Task<bool> IsBuiltAsync(IndexSnapshot snapshot, CancellationToken cancellationToken) =>
        snapshot.Chunks.Count == 0 || snapshot.SentenceVectors is not null && await vectors.IsBuiltAsync(IndexNameFor(snapshot), cancellationToken);

    public async Task EnsureBuiltAsync(IndexSnapshot snapshot, bool force, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        if (snapshot.Chunks.Count == 0) return;
        if (!await vectors.IsBuiltAsync(IndexNameFor(snapshot), cancellationToken)) await BuildChunkVectorsAsync(snapshot, progress, cancellationToken);
        if (snapshot.SentenceVectors is null) snapshot.AttachSentenceVectors(await LoadOrBuildSentenceVectorsAsync(snapshot, force, progress, cancellationToken));
    }

    private async Task<SentenceVectors> LoadOrBuildSentenceVectorsAsync(IndexSnapshot snapshot, bool force, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        if (!force && snapshot.Artifacts.TryGet(SentenceVectors.ArtifactName(model.ModelId), out var artifact)
            && SentenceVectors.FromArtifact(snapshot, model.ModelId, artifact) is { } stored) return stored;
        var units = SentenceVectors.UnitsOf(snapshot);
        const string stage = "Embedding sentences";
        progress?.Report(new IndexProgress(stage, 0, units.Count));
        var embedded = new List<ReadOnlyMemory<float>>(units.Count);
        foreach (var batch in units.Chunk(BatchSize))
        {
            var embeddings = await generator.EmbedDocumentsAsync(batch.Select(u => SentenceVectors.EmbeddedText(snapshot, u.Source, u.Unit)), cancellationToken);
            embedded.AddRange(embeddings.Select(e => e.Vector));
            progress?.Report(new IndexProgress(stage, embedded.Count, units.Count));
        }
        var built = SentenceVectors.Create(snapshot, model.ModelId, embedded);
        if (built.Count > 0) snapshot.Artifacts.Set(built.ToArtifact(snapshot));
        return built;
    }

    private async Task BuildChunkVectorsAsync(IndexSnapshot snapshot, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
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
