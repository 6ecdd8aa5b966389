using ChatBot.Core.Search;

namespace ChatBot.Core.Quiz;

/// <summary>One sentence of a document as the quiz sees it. <see cref="ChunkId"/> is null when the index left the sentence out (a passage repeated from another document).</summary>
public sealed record QuizSentence(int Index, int Paragraph, int Start, int End, string Text, string? ChunkId, string? Speaker, bool SpeakerInherited, double QuotedShare, double Rarity);

/// <summary>One document: its manifest metadata and its sentences in order.</summary>
public sealed record QuizDocument(string Source, string Title, string? Outlet, string? Author, string? Url, bool IsDuplicate, string Text, IReadOnlyList<QuizSentence> Sentences)
{
    /// <summary>"004" for "004_3efa1be4316af08c.txt", "faq" for "faq.html": how people name a file briefly.</summary>
    public string Stem => Path.GetFileNameWithoutExtension(Source).Split('_')[0];
}

/// <summary>
/// The corpus as the quiz reads it. Built from an index snapshot here and nowhere else, so question
/// generation depends on ingestion and search only through this one adapter.
/// </summary>
public sealed class QuizCorpus(string hash, IReadOnlyList<QuizDocument> documents)
{
    public string Hash { get; } = hash;
    public IReadOnlyList<QuizDocument> Documents { get; } = documents;

    public static QuizCorpus From(IndexSnapshot snapshot)
    {
        var chunksBySource = snapshot.Chunks.GroupBy(c => c.Source).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var documents = new List<QuizDocument>();
        foreach (var document in snapshot.Documents.OrderBy(d => d.Source, StringComparer.Ordinal))
        {
            var chunks = chunksBySource.GetValueOrDefault(document.Source) ?? [];
            var sentences = snapshot.Analysis(document.Source).Sentences.Select(s =>
            {
                var chunk = chunks.FirstOrDefault(c => c.Start <= s.Span.Start && s.Span.End <= c.Start + c.Length);
                // Average idf of the sentence's terms: rare vocabulary makes a harder question.
                var rarity = s.Terms.Count == 0 ? 0 : s.Terms.Average(t => snapshot.TermStats.Idf(t));
                return new QuizSentence(s.Index, s.Paragraph, s.Span.Start, s.Span.End, s.Text.Trim(), chunk?.Id, s.Speaker, s.SpeakerInherited, s.QuotedShare, rarity);
            }).ToList();
            var m = document.Metadata;
            documents.Add(new QuizDocument(document.Source, m.Title, m.Outlet, m.Author, m.Url, document.DuplicateOf is not null, document.Text, sentences));
        }
        return new QuizCorpus(snapshot.CorpusHash, documents);
    }

    /// <summary>Documents that stand on their own (near-duplicates of another are left out).</summary>
    public IEnumerable<QuizDocument> Originals => Documents.Where(d => !d.IsDuplicate);
}
