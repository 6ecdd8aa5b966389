using ChatBot.Core.Corpus;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Corpus;

/// <summary>
/// The five articles in corpus/ are web pages saved as text. Each line of each file is labelled here by
/// hand (by its line number) as title, article text, heading or chrome; the cleaner, which knows none of
/// their words, must keep exactly the article text and headings and drop the rest.
/// </summary>
public class ArticleCorpusTests
{
    private static readonly LoadedCorpus Corpus = new CorpusLoader().Load(RepoPaths.Corpus);

    /// <summary>Line numbers (1-based) of chrome, headings and reader comments; every other non-blank line after the title is article text.</summary>
    public static TheoryData<string, int, int[], int[], int[]> Labels => new()
    {
        // prefix, title line, chrome lines, heading lines, comment lines
        { "000", 1, [3, 11, 35, 37, 39], [], [] },
        { "001", 1, [3, 6, 10, 14, 16, 18, 20, 22, 24, 26, 28, 30], [], [8, 12] },
        { "002", 3, [1, 5, 17, 41, 61, 63, 65, 67, 69, 71, 73], [33], [] },
        { "003", 1, [15, 17, 19, 21, 23, 25, 27, 30, 32, 34], [], [] },
        { "004", 0, [1, 2, 3, 4, 5], [29], [] },
    };

    private static CorpusDocument Doc(string prefix) => Corpus.Documents.Single(d => d.Source.StartsWith(prefix, StringComparison.Ordinal));

    private static string[] RawLines(string prefix) =>
        File.ReadAllLines(Directory.GetFiles(RepoPaths.Corpus, prefix + "_*.txt").Single());

    private static string Line(string prefix, int n) => string.Join(' ', RawLines(prefix)[n - 1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Key(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    [Theory]
    [MemberData(nameof(Labels))]
    public void Article_text_and_headings_are_kept_and_chrome_is_dropped(string prefix, int titleLine, int[] chrome, int[] headings, int[] comments)
    {
        var doc = Doc(prefix);
        var raw = RawLines(prefix);
        var blocks = Ingest.Blocks(doc);
        var blockKeys = blocks.Select(b => (b.Kind, Key: Key(b.Text))).ToList();
        for (var n = 1; n <= raw.Length; n++)
        {
            var key = Key(raw[n - 1]);
            if (key.Length < 3 || n == titleLine) continue;
            if (chrome.Contains(n) || comments.Contains(n))
                Assert.False(blockKeys.Any(b => b.Key.Contains(key, StringComparison.Ordinal)), $"{prefix} line {n} is chrome but was kept: {raw[n - 1]}");
            else if (headings.Contains(n))
                Assert.Contains((BlockKind.Heading, key), blockKeys);
            else
                // Article text is kept whole, less a dateline at the start or an excerpt's "…" at the end.
                Assert.True(blockKeys.Any(b => b.Kind == BlockKind.Paragraph && key.Contains(b.Key, StringComparison.Ordinal) && b.Key.Length >= key.Length - 40),
                    $"{prefix} line {n} is article text but was lost: {raw[n - 1]}");
        }
        var labelled = chrome.Concat(comments).Append(titleLine).ToHashSet();
        Assert.Equal(Enumerable.Range(1, raw.Length).Count(n => !labelled.Contains(n) && Key(raw[n - 1]).Length >= 3), blocks.Count);
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Reader_comments_are_kept_apart_and_never_in_the_article(string prefix, int titleLine, int[] chrome, int[] headings, int[] comments)
    {
        _ = (titleLine, chrome, headings);
        var doc = Doc(prefix);
        var raw = RawLines(prefix);
        if (comments.Length == 0) { Assert.Null(doc.Comments); return; }
        foreach (var n in comments)
        {
            var text = raw[n - 1].Trim().TrimStart('1', '2', '.', ' ');
            Assert.Contains(text, doc.Comments);
            Assert.DoesNotContain(text[..40], doc.Text);
        }
    }

    [Fact]
    public void Titles_come_from_the_manifest_and_without_it_from_the_page()
    {
        Assert.Equal("U.S.-Mexico security cooperation is at a historic high. Will that change under Trump?", Doc("002").Title);
        var dir = RepoPaths.NewTempDir();
        try
        {
            foreach (var file in Directory.GetFiles(RepoPaths.Corpus, "*.txt")) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
            var bare = new CorpusLoader().Load(dir).Documents;
            string Title(string prefix) => bare.Single(d => d.Source.StartsWith(prefix, StringComparison.Ordinal)).Title;
            Assert.Equal(Line("000", 1), Title("000"));
            Assert.Equal(Line("001", 1), Title("001"));
            Assert.Equal(Line("002", 3), Title("002")); // the masthead above it is not the title
            Assert.Equal(Line("003", 1), Title("003"));
            Assert.StartsWith("U.S. efforts to battle powerful drug cartels", Title("004")); // no title line: its first sentence
            // The article text does not depend on the manifest.
            Assert.All(bare, d => Assert.Equal(Corpus.Documents.Single(c => c.Source == d.Source).Text, d.Text));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Bylines_and_dates_in_the_masthead_become_metadata()
    {
        Assert.Equal("Nathaniel Ballantyne", Doc("004").Metadata.Author);
        Assert.Equal("2021-03-30", Doc("004").Metadata.Date);
        Assert.Equal("The Washington Post", Doc("002").Metadata.Outlet);
        Assert.Null(Doc("002").Metadata.Url);
        Assert.StartsWith("The U.S. Congressional Research Service", Doc("000").Text); // dateline removed
    }

    [Fact]
    public void Subheads_are_section_titles_of_the_passages_under_them()
    {
        var chunk = Corpus.Chunks.Single(c => c.Source.StartsWith("004", StringComparison.Ordinal) && c.Text.Contains("The slowdown began last year", StringComparison.Ordinal));
        Assert.Equal("HIGH PROFILE PROSECUTION", chunk.Section);
        Assert.StartsWith("HIGH PROFILE PROSECUTION\n\n", chunk.Text);
        Assert.Null(Corpus.Chunks.First(c => c.Source.StartsWith("004", StringComparison.Ordinal)).Section);
    }
}
