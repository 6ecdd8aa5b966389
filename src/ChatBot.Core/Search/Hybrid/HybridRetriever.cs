using ChatBot.Core.Answering;
using ChatBot.Core.Embeddings;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Search.Hybrid;

/// <summary>
/// BM25 and the dense leg fused, by default as a weighted sum of BM25 scaled by the query's best BM25
/// score and the cosine similarity (the question embedded as a query); reciprocal-rank fusion is the
/// alternative (`Retrieval:Fusion`). Rank fusion throws away how far ahead a leg's winner is, and
/// ranked the right passage first less often on the probe questions; see docs/retrieval.md. If the
/// dense leg fails (a vector store outage), answers go on from BM25 alone and the reason is logged.
/// </summary>
public sealed class HybridRetriever(
    IEmbeddingGenerator<string, Embedding<float>> generator,
    IChunkVectorIndex vectors,
    IOptions<RetrievalOptions> options,
    ILogger<HybridRetriever> logger) : IRetriever
{
    public async Task<IReadOnlyList<RetrievedPassage>> RetrieveAsync(IndexSnapshot snapshot, QuestionAnalysis question, int top, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var lexical = o.Mode == RetrievalMode.Dense ? [] : snapshot.Lexical.Search(question.SearchTerms, o.Candidates);
        IReadOnlyList<(string ChunkId, double Score)> dense = [];
        if (o.Mode != RetrievalMode.Lexical && question.HasContent)
        {
            try
            {
                // The engine embeds the question once for retrieval and answering; embed it here only when it did not.
                var query = question.Vector ?? await generator.EmbedQueryAsync(question.Text, cancellationToken);
                dense = await vectors.SearchAsync(query, o.Candidates, cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Dense retrieval failed ({Error}); answering from BM25 alone.", ex.Message);
                if (o.Mode == RetrievalMode.Dense) throw;
            }
        }

        var fused = new Dictionary<string, (double Score, double? Lexical, double? Dense)>(StringComparer.Ordinal);
        var maxLexical = lexical.Count > 0 ? lexical.Max(h => h.Score) : 1;
        void Add(IReadOnlyList<(string ChunkId, double Score)> hits, double weight, bool isDense)
        {
            for (var rank = 0; rank < hits.Count; rank++)
            {
                var (id, raw) = hits[rank];
                fused.TryGetValue(id, out var entry);
                entry.Score += o.Fusion == FusionMethod.Rrf
                    ? weight / (o.RrfK + rank + 1)
                    : weight * (isDense ? Math.Max(0, raw) : raw / maxLexical);
                if (isDense) entry.Dense = raw; else entry.Lexical = raw;
                fused[id] = entry;
            }
        }
        Add(lexical, o.Mode == RetrievalMode.Dense ? 0 : o.LexicalWeight, isDense: false);
        Add(dense, o.Mode == RetrievalMode.Lexical ? 0 : o.DenseWeight, isDense: true);

        return fused
            .Where(f => f.Value.Score > 0)
            .OrderByDescending(f => f.Value.Score).ThenBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => (Chunk: snapshot.FindChunk(f.Key), f.Value))
            .Where(f => f.Chunk is not null)
            .Take(top)
            .Select(f => new RetrievedPassage(f.Chunk!, snapshot.FindDocument(f.Chunk!.Source)!, f.Value.Score, f.Value.Lexical, f.Value.Dense))
            .ToList();
    }
}
