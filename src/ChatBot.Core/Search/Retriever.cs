using ChatBot.Core.Answering;

namespace ChatBot.Core.Search;

/// <summary>Finds the passages for a question: BM25 today, fused with the dense leg when one is registered.</summary>
public interface IRetriever
{
    Task<IReadOnlyList<RetrievedPassage>> RetrieveAsync(IndexSnapshot snapshot, QuestionAnalysis question, int top, CancellationToken cancellationToken);
}

/// <summary>BM25 only.</summary>
public sealed class LexicalRetriever : IRetriever
{
    public Task<IReadOnlyList<RetrievedPassage>> RetrieveAsync(IndexSnapshot snapshot, QuestionAnalysis question, int top, CancellationToken cancellationToken)
    {
        var hits = snapshot.Lexical.Search(question.SearchTerms, top);
        IReadOnlyList<RetrievedPassage> passages = hits
            .Select(h => (Chunk: snapshot.FindChunk(h.ChunkId), h.Score))
            .Where(h => h.Chunk is not null)
            .Select(h => new RetrievedPassage(h.Chunk!, snapshot.FindDocument(h.Chunk!.Source)!, h.Score, LexicalScore: h.Score))
            .ToList();
        return Task.FromResult(passages);
    }
}
