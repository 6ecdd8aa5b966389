using ChatBot.Core.Corpus;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Corpus;

public class NearDuplicateTests
{
    [Fact]
    public void A_republished_excerpt_is_marked_and_not_indexed_twice()
    {
        var corpus = new CorpusLoader().Load(RepoPaths.Corpus);
        var excerpt = corpus.Documents.Single(d => d.Source.StartsWith("003", StringComparison.Ordinal));
        Assert.StartsWith("002", excerpt.DuplicateOf);
        Assert.DoesNotContain(corpus.Chunks, c => c.Source == excerpt.Source);
        Assert.Null(corpus.Documents.Single(d => d.Source.StartsWith("002", StringComparison.Ordinal)).DuplicateOf);
    }

    [Fact]
    public void No_passage_text_is_indexed_twice()
    {
        var corpus = new CorpusLoader().Load(RepoPaths.Corpus);
        var sentences = corpus.Chunks
            .GroupBy(c => c.Source)
            .SelectMany(g => g.SelectMany(c => SentenceSplitter.Split(c.Text).Select(s => (g.Key, Text: NearDuplicateDetector.Words(s.Of(c.Text))))).DistinctBy(x => string.Join(' ', x.Text)))
            .Where(x => x.Text.Count >= 8)
            .GroupBy(x => string.Join(' ', x.Text))
            .Where(g => g.Select(x => x.Key).Distinct().Count() > 1)
            .ToList();
        Assert.Empty(sentences);
    }

    [Fact]
    public void Different_documents_are_not_duplicates()
    {
        var a = NearDuplicateDetector.Shingles("Mexico extradited 79 people to the United States last year, compared with 12 in 2000.");
        var b = NearDuplicateDetector.Shingles("The DEA is active inside Mexico, and the U.S. Border Patrol is training Mexican border police.");
        Assert.Equal(0, NearDuplicateDetector.Containment(a, b));
        Assert.Equal(1, NearDuplicateDetector.Containment(a, a));
    }
}
