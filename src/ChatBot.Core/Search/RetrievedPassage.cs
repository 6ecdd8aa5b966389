using ChatBot.Core.Corpus;

namespace ChatBot.Core.Search;

/// <summary>A chunk found for a query, with the fused score and each leg's raw score (null where a leg did not find it).</summary>
public sealed record RetrievedPassage(Chunk Chunk, CorpusDocument Document, double Score, double? LexicalScore = null, double? DenseScore = null);
