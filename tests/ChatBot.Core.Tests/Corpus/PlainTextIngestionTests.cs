using ChatBot.Core.Corpus;

namespace ChatBot.Core.Tests.Corpus;

public class PlainTextIngestionTests
{
    private const string Swap = "The index command is now safe to run while the bot is serving: it builds the new index beside the old one and swaps them when it is complete.";
    private const string Skip = "Files that cannot be read are skipped with one warning each instead of stopping the whole run.";
    private const string Quote = "Answers quote the sentence they rely on, with the title and outlet of the article it comes from.";
    private const string Reconnect = "The Discord bot reconnects after a gateway timeout instead of going silent until somebody restarts it.";

    private static string Changelog() => string.Join("\n",
        "ChatBot changelog",
        "=================",
        "",
        "Version 2.4.0 (2025-02-03)",
        "--------------------------",
        "",
        Ingest.Wrap(Swap),
        "",
        Ingest.Wrap(Skip, first: "- ", hang: "  "),
        Ingest.Wrap(Quote, first: "- ", hang: "  "),
        "",
        "Fixed",
        "  * A crash when the corpus folder was empty.",
        "  * Accented names are found whatever accents the question uses.",
        "",
        "Version 2.3.1 (2025-01-10)",
        "--------------------------",
        "",
        Ingest.Wrap(Reconnect, first: "1. ", hang: "   "),
        "2. Moderators can remove a document by its file name.",
        "");

    [Fact]
    public void A_wrapped_changelog_keeps_its_paragraphs_items_and_headings()
    {
        var doc = Ingest.Read("CHANGES.txt", Changelog());
        Assert.Equal("ChatBot changelog", doc.Title);
        Assert.Equal(
        [
            (BlockKind.Heading, "Version 2.4.0 (2025-02-03)"),
            (BlockKind.Paragraph, Swap),
            (BlockKind.ListItem, Skip),
            (BlockKind.ListItem, Quote),
            (BlockKind.Heading, "Fixed"),
            (BlockKind.ListItem, "A crash when the corpus folder was empty."),
            (BlockKind.ListItem, "Accented names are found whatever accents the question uses."),
            (BlockKind.Heading, "Version 2.3.1 (2025-01-10)"),
            (BlockKind.ListItem, Reconnect),
            (BlockKind.ListItem, "Moderators can remove a document by its file name."),
        ], Ingest.Blocks(doc));
        Assert.Equal("Version 2.4.0 (2025-02-03) > Fixed", Ingest.SectionOf(doc, "A crash"));
        Assert.Equal("Version 2.3.1 (2025-01-10)", Ingest.SectionOf(doc, "Moderators can remove"));
    }

    [Fact]
    public void Lines_of_a_file_that_is_not_wrapped_are_paragraphs_each()
    {
        var text = string.Join("\n", Enumerable.Range(1, 4).Select(i => $"Paragraph {i} is a whole paragraph on one line, the way a browser saves a page as text; it goes on well past any wrap width an editor would use, so no line here was wrapped."));
        var doc = Ingest.Read("page.txt", text);
        Assert.Equal(4, Ingest.Of(doc, BlockKind.Paragraph).Count);
    }

    [Fact]
    public void Short_lines_that_end_sentences_are_not_joined_in_a_wrapped_file()
    {
        var text = "Release notes\n\nThe upgrade takes about five minutes on a small server and needs no\ndowntime if the index is already built.\nRestart the service.\nCheck the health page.\n";
        var doc = Ingest.Read("notes.txt", text);
        Assert.Equal("Release notes", doc.Title);
        Assert.Equal(
            ["The upgrade takes about five minutes on a small server and needs no downtime if the index is already built.", "Restart the service.", "Check the health page."],
            Ingest.Of(doc, BlockKind.Paragraph));
    }

    /// <summary>A news page saved as text, in words of its own: every kind of chrome the cleaner must recognise by shape.</summary>
    private static string SavedPage() => string.Join("\n\n",
        "DAILY HERALD",
        "Harbour reopens after the storm",
        "Loading the audio version...",
        "Boats wait at the north pier as the water goes down. (Image: Jo Blake/Coast Agency)",
        "By MARIA LINDQVIST | |",
        "June 2, 2024",
        "PORTSMOUTH, Hampshire – The harbour reopened on Sunday after three days in which no ship could enter or leave.",
        "Engineers checked the quay walls overnight and found only minor damage near the ferry terminal.",
        "WATCH: Drone footage of the harbour",
        "The harbour master said the first ferries would sail on Monday morning, weather permitting.",
        "Storm season brings record insurance claims across the southern coast this year",
        "Local shops expect the tourists back within a week, once the ferries run to their usual timetable.",
        "Reporting by a staff correspondent.",
        "Filed under News, Weather, , , and Coast. Save the link.",
        "Share your view",
        "Fields marked with a star must be filled *",
        "3 replies on Harbour reopens after the storm",
        "1. Good to hear the ferries are back, the island was cut off for days and the shops ran out of bread.",
        "Sam wrote:",
        "The council should have repaired that quay wall years ago, it was crumbling long before this storm came.",
        "Name *",
        "Sign in with @heraldnews to post");

    [Fact]
    public void Page_chrome_is_recognised_by_its_shape_and_position()
    {
        var doc = Ingest.Read("harbour.txt", SavedPage());
        Assert.Equal("Harbour reopens after the storm", doc.Title);
        Assert.Equal(
        [
            "The harbour reopened on Sunday after three days in which no ship could enter or leave.",
            "Engineers checked the quay walls overnight and found only minor damage near the ferry terminal.",
            "The harbour master said the first ferries would sail on Monday morning, weather permitting.",
            "Local shops expect the tourists back within a week, once the ferries run to their usual timetable.",
        ], Ingest.Of(doc, BlockKind.Paragraph));
        Assert.Empty(Ingest.Of(doc, BlockKind.Heading));
        Assert.Equal("Maria Lindqvist", doc.Metadata.Author);
        Assert.Equal("2024-06-02", doc.Metadata.Date);
    }

    [Fact]
    public void Reader_comments_under_a_count_are_kept_apart_and_never_in_the_text()
    {
        var doc = Ingest.Read("harbour.txt", SavedPage());
        Assert.NotNull(doc.Comments);
        Assert.Contains("Good to hear the ferries are back", doc.Comments);
        Assert.Contains("The council should have repaired", doc.Comments);
        Assert.DoesNotContain("ferries are back", doc.Text);
        Assert.DoesNotContain("council", doc.Text);
        Assert.DoesNotContain("Sam wrote", doc.Comments);
    }

    [Fact]
    public void A_widget_line_inside_the_article_does_not_end_it()
    {
        var paragraphs = Enumerable.Range(1, 6).Select(i => $"Paragraph {i} of the report describes what the inspectors found on day {i} of their visit.").ToList();
        paragraphs.Insert(3, "Share this story | Post | Mail");
        paragraphs.Insert(4, "MORE: Inspectors at work");
        var doc = Ingest.Read("report.txt", "Inspection report\n\n" + string.Join("\n\n", paragraphs));
        Assert.Equal(6, Ingest.Of(doc, BlockKind.Paragraph).Count);
        Assert.DoesNotContain("Share this story", doc.Text);
        Assert.DoesNotContain("Inspectors at work", doc.Text);
        Assert.Empty(Ingest.Of(doc, BlockKind.Heading));
    }

    [Fact]
    public void Lines_shared_by_several_documents_are_the_site_template()
    {
        var dir = Testing.RepoPaths.NewTempDir();
        try
        {
            string[][] stories =
            [
                ["Bridge closed for repairs", "The old river bridge is closed to cars until the end of May while its deck is replaced.", "Cyclists and walkers may still cross on the temporary footway along the east side."],
                ["Library extends its hours", "From next month the central library stays open until nine on weekdays and opens on Sundays.", "The change is paid for by a grant that also buys two hundred new books for children."],
            ];
            for (var i = 0; i < stories.Length; i++)
                File.WriteAllText(Path.Combine(dir, $"story{i + 1}.txt"), string.Join("\n\n", stories[i][0], stories[i][1], "Members get the weekly digest free of charge.", stories[i][2]));
            var corpus = new CorpusLoader().Load(dir);
            Assert.Equal(2, corpus.Documents.Count);
            Assert.All(corpus.Documents, d => Assert.DoesNotContain("weekly digest", d.Text));
            Assert.All(corpus.Documents, d => Assert.Equal(2, Ingest.Of(d, BlockKind.Paragraph).Count));
            // The same line in two copies of one article is the article's own.
            File.WriteAllText(Path.Combine(dir, "story2.txt"), File.ReadAllText(Path.Combine(dir, "story1.txt")).Replace("Bridge closed for repairs", "Bridge closed (reprint)"));
            var copies = new CorpusLoader().Load(dir).Documents;
            Assert.Equal(2, copies.Count);
            Assert.All(copies, d => Assert.Contains("weekly digest", d.Text));
            var single = Ingest.Read("story1.txt", File.ReadAllText(Path.Combine(dir, "story1.txt")));
            Assert.Contains("weekly digest", single.Text); // alone, the line is not known to repeat: it is kept
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_title_in_capitals_is_shown_in_title_case_keeping_the_acronyms_the_text_uses()
    {
        var doc = Ingest.Read("minutes.txt", string.Join("\n",
            "MINUTES OF THE NHA BOARD: HARBOUR-FRONT WORKS",
            "",
            "The NHA board met on Tuesday to review the harbour-front works and the budget for the new quay.",
            "",
            "Members agreed to publish the engineers' report before the next meeting."));
        Assert.Equal("Minutes of the NHA Board: Harbour-Front Works", doc.Title);
        Assert.Equal("Harbour reopens after the storm", Ingest.Read("harbour.txt", SavedPage()).Title); // a title not in capitals stays as written
    }

    [Fact]
    public void A_stack_of_bare_one_word_lines_after_the_story_ends_it()
    {
        var story = string.Join("\n\n",
            "The quay reopens",
            "The harbour board reopened the east quay on Monday after a month of repairs to its wall.",
            "Fishing boats moored there again by the evening, and the ferry will return on Friday.",
            "Share this:", "Facebook", "Bluesky", "Email",
            "Related stories",
            "- Storm damages the east quay wall",
            "- Ferry timetable changes for the winter",
            "Get our morning briefing in your inbox every weekday, free of charge.");
        var doc = Ingest.Read("quay.txt", story);
        Assert.EndsWith("the ferry will return on Friday.", doc.Text.TrimEnd());
        Assert.DoesNotContain("Related stories", doc.Text);
    }

    [Fact]
    public void An_unpunctuated_line_right_above_a_list_is_its_heading_however_it_is_worded()
    {
        var text = string.Join("\n",
            "Service notices",
            "===============",
            "",
            "Notices are posted at least a week before a change.",
            "",
            "6 April 2025 - Bus 9 merged into Bus 4 and renamed",
            "  - Bus 9 (Mill Lane) discontinued. Bus 4 now runs along Mill Lane every 15 minutes.",
            "  - Reason: Bus 9 carried an average of 3 riders per trip.",
            "");
        var doc = Ingest.Read("notices.txt", text);
        Assert.Contains("6 April 2025 - Bus 9 merged into Bus 4 and renamed", Ingest.Of(doc, BlockKind.Heading));
        Assert.Equal("6 April 2025 - Bus 9 merged into Bus 4 and renamed", Ingest.SectionOf(doc, "Reason: Bus 9"));
    }
}
