using ChatBot.Core.Corpus;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Corpus;

public class ChunkingTests
{
    [Fact]
    public void Loading_three_times_gives_the_same_chunk_ids()
    {
        var loader = new CorpusLoader();
        var runs = Enumerable.Range(0, 3).Select(_ => loader.Load(RepoPaths.Corpus).Chunks.Select(c => c.Id).ToList()).ToList();
        Assert.NotEmpty(runs[0]);
        Assert.Equal(runs[0], runs[1]);
        Assert.Equal(runs[0], runs[2]);
        Assert.Equal(runs[0].Count, runs[0].Distinct().Count());
    }

    [Fact]
    public void Chunks_are_spans_of_their_document_and_respect_the_size_limit()
    {
        var corpus = new CorpusLoader().Load(RepoPaths.Corpus);
        foreach (var chunk in corpus.Chunks)
        {
            var doc = corpus.Documents.Single(d => d.Source == chunk.Source);
            Assert.Equal(chunk.Text, doc.Text.Substring(chunk.Start, chunk.Length));
            Assert.InRange(chunk.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 1, Chunker.MaxWords + 40);
            Assert.Equal(Chunker.IdFor(chunk.Source, chunk.Text), chunk.Id);
        }
    }

    [Fact]
    public void A_long_paragraph_is_cut_between_sentences_with_one_sentence_of_overlap()
    {
        var sentences = Enumerable.Range(1, 40).Select(i => $"Sentence number {i} talks about the border and cooperation.").ToList();
        var doc = new CorpusDocument("long.txt", new DocumentMetadata("Long"), string.Join(" ", sentences), "h");
        var chunks = Chunker.Chunk(doc);
        Assert.True(chunks.Count > 1);
        for (var i = 1; i < chunks.Count; i++)
        {
            var lastOfPrevious = SentenceSplitter.Split(chunks[i - 1].Text)[^1].Of(chunks[i - 1].Text);
            Assert.StartsWith(lastOfPrevious, chunks[i].Text);
        }
        Assert.EndsWith("Sentence number 40 talks about the border and cooperation.", chunks[^1].Text);
    }

    [Fact]
    public void A_shrunk_document_leaves_no_stale_chunks()
    {
        var dir = RepoPaths.NewTempDir();
        var paragraphs = Enumerable.Range(1, 12).Select(i => $"Paragraph {i} says the agents met in city {i}. They talked for {i} hours about the cartel.").ToList();
        File.WriteAllText(Path.Combine(dir, "a.txt"), string.Join("\n\n", paragraphs));
        var before = new CorpusLoader().Load(dir).Chunks;
        File.WriteAllText(Path.Combine(dir, "a.txt"), string.Join("\n\n", paragraphs.Take(3)));
        var after = new CorpusLoader().Load(dir).Chunks;
        Assert.True(after.Count < before.Count);
        Assert.All(after, c => Assert.DoesNotContain("Paragraph 9", c.Text));
        var shrunk = string.Join("\n\n", paragraphs.Take(3));
        Assert.All(after, c => Assert.Contains(c.Text, shrunk));
        Directory.Delete(dir, true);
    }
}
