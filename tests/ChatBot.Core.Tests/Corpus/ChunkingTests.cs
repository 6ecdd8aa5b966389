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
            // Headings ride along with the first passage of their section; the prose itself stays under the ceiling.
            var headings = doc.Layout.Blocks.Where(b => b.Kind == BlockKind.Heading && b.Start >= chunk.Start && b.End <= chunk.Start + chunk.Length).Sum(b => b.Length);
            Assert.InRange(Words(chunk.Text) - (headings > 0 ? Words(chunk.Text[..headings]) : 0), 1, Chunker.MaxWords);
            Assert.Equal(Chunker.IdFor(chunk.Source, chunk.Text), chunk.Id);
        }
    }

    private static int Words(string text) => text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;

    [Fact]
    public void Passages_of_the_articles_hold_80_to_120_words_unless_the_next_block_does_not_fit()
    {
        var corpus = new CorpusLoader().Load(RepoPaths.Corpus);
        Assert.All(corpus.Chunks, c => Assert.InRange(Words(c.Text), 1, Chunker.MaxWords + 5));
        // A passage under the target ends its section or its document, or the next block would have overfilled it.
        foreach (var c in corpus.Chunks.Where(c => Words(c.Text) < Chunker.TargetWords))
        {
            var next = corpus.Chunks.FirstOrDefault(n => n.Source == c.Source && n.Ordinal == c.Ordinal + 1);
            if (next is null || next.Section != c.Section) continue;
            var nextBlock = next.Text.Split(DocumentStructure.BlockSeparator)[0];
            Assert.True(Words(c.Text) + Words(nextBlock) > Chunker.MaxWords, $"{c.Source}#{c.Ordinal} has {Words(c.Text)} words mid-section");
        }
    }

    [Fact]
    public void List_items_and_table_rows_are_never_cut_and_each_section_starts_a_passage()
    {
        var items = Enumerable.Range(1, 30).Select(i => $"- Step {i}: check that the service on host {i} answers its health probe within two seconds, then record the time it took.").ToList();
        var rows = Enumerable.Range(1, 20).Select(i => $"| node-{i} | rack {i % 4} | {i * 16} GB |").ToList();
        var markdown = "# Runbook\n\n## Checks\n\n" + string.Join("\n", items) + "\n\n## Inventory\n\n| Host | Rack | Memory |\n|---|---|---|\n" + string.Join("\n", rows) + "\n";
        var doc = CorpusLoader.ReadDocument("runbook.md", markdown, null);
        var chunks = Chunker.Chunk(doc);
        Assert.True(chunks.Count > 3);
        foreach (var block in doc.Layout.Blocks.Where(b => b.Kind is BlockKind.ListItem or BlockKind.TableRow))
            Assert.Single(chunks, c => c.Start <= block.Start && block.End <= c.Start + c.Length);
        Assert.All(chunks, c => Assert.InRange(Words(c.Text), 1, Chunker.MaxWords));
        Assert.StartsWith("Checks\n\n", chunks.First(c => c.Section == "Checks").Text);
        Assert.StartsWith("Inventory\n\nHost: node-1;", chunks.First(c => c.Section == "Inventory").Text);
        Assert.DoesNotContain(chunks, c => c.Text.Contains("Step 30", StringComparison.Ordinal) && c.Text.Contains("node-1;", StringComparison.Ordinal));
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
