using ChatBot.Core.Corpus;

namespace ChatBot.Core.Tests.Corpus;

public class MarkdownIngestionTests
{
    private const string Intro = "ChatBot answers questions about the articles in its corpus. Moderators keep that corpus current: they add articles, fix their metadata and remove what should no longer be cited.";
    private const string StepOne = "Save the page as UTF-8 text, Markdown or HTML. Files larger than five megabytes are refused with a message that names the file.";
    private const string StepTwo = "Upload it with the corpus add command, or copy it into the corpus folder of the server.";

    private static string Guide()
    {
        var listing = string.Join("\n", Enumerable.Range(1, 8).Select(i => $"var step{i} = Configure({i});"));
        return string.Join("\n\n",
            "# Moderator guide",
            Ingest.Wrap(Intro),
            "## Adding an article",
            "To add an article:",
            Ingest.Wrap(StepOne, first: "1. ", hang: "   ") + "\n" + Ingest.Wrap(StepTwo, first: "2. ", hang: "   ") + "\n3. Run `chatbot index` to rebuild the index.",
            "- [Back to top](#moderator-guide)\n- [Adding an article](#adding-an-article)",
            "```bash\nchatbot index --data-dir /var/lib/chatbot\n```",
            "### Limits",
            "| Setting | Default | Meaning |\n|---------|---------|---------|\n| Largest file | 5 MB | Bigger files are refused |\n| Passage size | 80 to 120 words | Length of an indexed passage |",
            "```csharp\n" + listing + "\n```",
            "![build status](https://ci.example/badge.svg)",
            "See the **hosting notes** for the *service* account.");
    }

    [Fact]
    public void The_h1_is_the_title_and_not_part_of_the_text()
    {
        var doc = Ingest.Read("guide.md", Guide());
        Assert.Equal("Moderator guide", doc.Title);
        Assert.DoesNotContain("Moderator guide", doc.Text);
    }

    [Fact]
    public void Hard_wrapped_paragraphs_and_list_items_are_joined_whole()
    {
        var doc = Ingest.Read("guide.md", Guide());
        Assert.Contains(Intro, Ingest.Of(doc, BlockKind.Paragraph));
        Assert.Equal([StepOne, StepTwo, "Run chatbot index to rebuild the index."], Ingest.Of(doc, BlockKind.ListItem));
        Assert.Contains("See the hosting notes for the service account.", Ingest.Of(doc, BlockKind.Paragraph));
    }

    [Fact]
    public void Headings_become_sections_with_their_path()
    {
        var doc = Ingest.Read("guide.md", Guide());
        Assert.Equal(["Adding an article", "Limits"], Ingest.Of(doc, BlockKind.Heading));
        Assert.Null(Ingest.SectionOf(doc, "ChatBot answers"));
        Assert.Equal("Adding an article", Ingest.SectionOf(doc, "Save the page"));
        Assert.Equal("Adding an article > Limits", Ingest.SectionOf(doc, "Setting: Largest file"));
        var limits = doc.Layout.Sections.Single(s => s.Title == "Limits");
        Assert.Equal("Limits", doc.Text.Substring(limits.Start, "Limits".Length));
        Assert.Equal(doc.Text.Length, limits.End); // the last section runs to the end
    }

    [Fact]
    public void Table_rows_read_as_header_value_pairs()
    {
        var doc = Ingest.Read("guide.md", Guide());
        Assert.Equal(
            ["Setting: Largest file; Default: 5 MB; Meaning: Bigger files are refused", "Setting: Passage size; Default: 80 to 120 words; Meaning: Length of an indexed passage"],
            Ingest.Of(doc, BlockKind.TableRow));
    }

    [Fact]
    public void A_short_command_is_kept_as_code_while_listings_tables_of_contents_and_images_are_dropped()
    {
        var doc = Ingest.Read("guide.md", Guide());
        Assert.Equal(["chatbot index --data-dir /var/lib/chatbot"], Ingest.Of(doc, BlockKind.Code));
        Assert.DoesNotContain("Configure(", doc.Text);
        Assert.DoesNotContain("Back to top", doc.Text);
        Assert.DoesNotContain("build status", doc.Text);
        Assert.DoesNotContain("](", doc.Text);
        Assert.DoesNotContain("**", doc.Text);
    }

    [Fact]
    public void A_see_also_list_of_bare_links_to_other_pages_is_navigation_and_dropped_but_links_inside_prose_items_stay()
    {
        var doc = Ingest.Read("guide.md", string.Join("\n\n",
            "# Moderator guide",
            Ingest.Wrap(Intro),
            "## See also",
            "- [Hosting notes](hosting.md)\n- [Quiz mode](quiz.md)\n- [Release history](changes.txt)",
            "## Further reading",
            "- [Hosting notes](hosting.md) explain which account the service runs under.\n- [Quiz mode](quiz.md)"));
        Assert.DoesNotContain("Release history", doc.Text);
        Assert.Contains("Hosting notes explain which account the service runs under.", doc.Text);
        Assert.Contains("Quiz mode", doc.Text);
    }

    [Fact]
    public void Without_an_h1_the_front_matter_or_the_first_line_gives_the_title()
    {
        Assert.Equal("Release checklist", Ingest.Read("a.md", "---\ntitle: \"Release checklist\"\nowner: ops\n---\n\nTag the release and publish the notes.\n").Title);
        Assert.Equal("Tag the release and publish the notes", Ingest.Read("b.md", "Tag the release and publish the notes. Then announce it.\n").Title);
    }

    [Fact]
    public void Front_matter_gives_the_author_and_the_day_and_is_not_text()
    {
        var page = Ingest.Read("setup.md", "---\ntitle: Widget setup\ndate: 2024-05-01T09:30:00+02:00\nauthors:\n  - name: Dana Ortiz\n  - Sam Lee\ntags: [setup]\n---\n\nThe widget listens on port 7443 unless told otherwise.\n");
        Assert.Equal("Widget setup", page.Title);
        Assert.Equal("Dana Ortiz, Sam Lee", page.Metadata.Author);
        Assert.Equal("2024-05-01", page.Metadata.Date);
        Assert.DoesNotContain("tags", page.Text);

        var single = Ingest.Read("notes.md", "---\nauthor: \"Ana Ruiz\"\npublished: 2023-11-30\n---\n\nBackups run nightly.\n");
        Assert.Equal(("Ana Ruiz", "2023-11-30"), (single.Metadata.Author, single.Metadata.Date));
    }

    [Theory]
    [InlineData("---\ntitle: [unclosed\n---\n\nBackups run nightly at two.\n")] // not YAML
    [InlineData("---\n- just\n- a list\n---\n\nBackups run nightly at two.\n")] // YAML, not a mapping
    [InlineData("---\ndate: next tuesday\n---\n\nBackups run nightly at two.\n")] // not a date
    public void Front_matter_that_cannot_be_read_gives_nothing_and_the_page_still_reads(string markdown)
    {
        var page = Ingest.Read("notes.md", markdown);
        Assert.Equal("Backups run nightly at two.", page.Text);
        Assert.Null(page.Metadata.Date);
        Assert.Null(page.Metadata.Author);
    }

    [Fact]
    public void Units_are_the_sentences_of_paragraphs_and_whole_items_and_rows()
    {
        var doc = Ingest.Read("guide.md", Guide());
        var units = doc.Layout.Units(doc.Text).Select(u => (u.Kind, Text: u.Of(doc.Text))).ToList();
        Assert.Contains((BlockKind.Paragraph, "ChatBot answers questions about the articles in its corpus."), units);
        Assert.Contains((BlockKind.ListItem, StepOne), units); // two sentences, one item
        Assert.Contains((BlockKind.TableRow, "Setting: Largest file; Default: 5 MB; Meaning: Bigger files are refused"), units);
        Assert.Equal(units.Count, units.Select(u => u.Text).Distinct().Count());
    }

    [Fact]
    public void Block_offsets_index_the_text_and_blocks_are_a_blank_line_apart()
    {
        var doc = Ingest.Read("guide.md", Guide());
        var blocks = doc.Layout.Blocks;
        for (var i = 1; i < blocks.Count; i++)
            Assert.Equal(DocumentStructure.BlockSeparator, doc.Text[blocks[i - 1].End..blocks[i].Start]);
        Assert.Equal(0, blocks[0].Start);
        Assert.Equal(doc.Text.Length, blocks[^1].End);
        Assert.All(blocks, b => Assert.DoesNotContain(DocumentStructure.BlockSeparator, doc.Text.Substring(b.Start, b.Length)));
    }
}
