using ChatBot.Core.Corpus;

namespace ChatBot.Core.Tests.Corpus;

/// <summary>
/// Pages written here, in words of their own, with structure and chrome the shipped corpora do not all have: minutes with
/// numbered items and one-name-per-line attendance lists, a press release with its masthead, end mark and comment thread,
/// and a news page whose chrome sits inside its main element.
/// </summary>
public class PageStructureTests
{
    private const string Opening = "The chair opened the meeting at seven and welcomed the two new members of the harbour board to their first session.";
    private const string Dredging = "The engineer reported that dredging of the north channel was two weeks behind because the barge had been needed elsewhere.";
    private const string Quoted = "Asked when the channel would be open to larger boats, the engineer said the contractor had promised to finish the work and would say more";
    private const string QuotedRest = "\"at the autumn meeting\". Members asked for a written timetable before then.";

    private static string Minutes() => string.Join("\n",
        "HARBOUR BOARD",
        "MINUTES OF THE MEETING OF 4 JUNE",
        "",
        "PRESENT",
        "Alma Reyes (Chair)",
        "Tomas Whitcombe (Treasurer)",
        "Ines Farrowdale (Harbour Engineer)",
        "",
        "1. OPENING",
        Ingest.Wrap(Opening),
        "",
        "2. DREDGING OF THE NORTH CHANNEL",
        "",
        Ingest.Wrap(Dredging),
        Ingest.Wrap(Quoted + " " + QuotedRest),
        "");

    [Fact]
    public void Minutes_keep_numbered_items_as_headings_and_one_per_line_names_as_a_list()
    {
        var doc = Ingest.Read("minutes.txt", Minutes());
        Assert.Equal(["Alma Reyes (Chair)", "Tomas Whitcombe (Treasurer)", "Ines Farrowdale (Harbour Engineer)"], Ingest.Of(doc, BlockKind.ListItem));
        Assert.Equal(["PRESENT", "OPENING", "DREDGING OF THE NORTH CHANNEL"], Ingest.Of(doc, BlockKind.Heading));
        Assert.Equal("PRESENT", Ingest.SectionOf(doc, "Tomas Whitcombe"));
        Assert.Equal("OPENING", Ingest.SectionOf(doc, "The chair opened"));
        Assert.Equal("DREDGING OF THE NORTH CHANNEL", Ingest.SectionOf(doc, "Asked when"));
    }

    [Fact]
    public void A_long_item_of_a_one_per_line_list_is_not_joined_to_the_next()
    {
        const string first = "Dr Alma Reyes (Chair), Harbour Board and Finance and Audit Committee";
        Assert.InRange(first.Length, 66, 72); // reaches the margin of a file wrapped at 72 columns
        var doc = Ingest.Read("minutes.txt", string.Join("\n", "Harbour board minutes", "=====================", "", "PRESENT", first, "Dr Tomas Whitcombe (Treasurer)", "", Ingest.Wrap(Opening), Ingest.Wrap(Dredging), ""));
        Assert.Equal([first, "Dr Tomas Whitcombe (Treasurer)"], Ingest.Of(doc, BlockKind.ListItem));
    }

    [Fact]
    public void A_wrapped_line_that_goes_on_in_a_quotation_is_joined()
    {
        var doc = Ingest.Read("minutes.txt", Minutes());
        // Wrapped so that the quotation opens a line of its own.
        Assert.Contains(Quoted + " " + QuotedRest, Ingest.Of(doc, BlockKind.Paragraph));
        var unwrapped = Ingest.Read("notes.txt", "Notes\n\n" + Quoted + "\n" + QuotedRest + "\n");
        Assert.Equal([Quoted + " " + QuotedRest], Ingest.Of(unwrapped, BlockKind.Paragraph));
    }

    [Fact]
    public void A_numbered_line_among_other_numbered_lines_stays_a_list_item()
    {
        var doc = Ingest.Read("steps.txt", "Setting up\n\nDo these in order.\n\n1. Open the settings page\n2. Choose a language\n3. Save the settings\n\nThe page reloads in the new language.\n");
        Assert.Equal(["Open the settings page", "Choose a language", "Save the settings"], Ingest.Of(doc, BlockKind.ListItem));
        Assert.Empty(Ingest.Of(doc, BlockKind.Heading));
    }

    [Fact]
    public void An_indented_command_under_a_line_ending_in_a_colon_is_kept_as_code()
    {
        var doc = Ingest.Read("help.txt", "Troubleshooting\n\nIf the sync stops, check the connection first:\n\n    synctool check --net | tee check.log\n\nIt prints one line for every server it could not reach.\n");
        Assert.Equal(["synctool check --net | tee check.log"], Ingest.Of(doc, BlockKind.Code));
        Assert.Equal(2, Ingest.Of(doc, BlockKind.Paragraph).Count);
    }

    private const string Lede = "The ferry company will add a late sailing on Fridays from the first of July, the board decided on Tuesday, after a summer in which the last boat home left long before the pubs and restaurants of the harbour closed.";
    private const string Second = "The extra crossing leaves the island at half past ten and returns before midnight.";

    private static string PressRelease() => string.Join("\n",
        "Ferry company adds a late Friday sailing",
        "",
        "Island Ferries | Newsroom | News release",
        "By Pia Lindgren, Communications Officer",
        "Published 12 June 2025",
        "",
        "PORTHAVEN, June 12 — " + Lede,
        "",
        Second,
        "",
        "###",
        "",
        "Share this release:",
        "Facebook | Mastodon | Email",
        "",
        "2 comments",
        "",
        "R. Okoye — 12 June 2025",
        "About time, the last boat at eight was far too early.",
        "Reply · Like (3)",
        "",
        "Sam P. — 13 June 2025",
        "Will the late sailing carry cars, or only foot passengers?",
        "Reply · Like (1)");

    [Fact]
    public void A_press_release_loses_its_masthead_end_mark_and_comment_thread()
    {
        var doc = Ingest.Read("release.txt", PressRelease());
        Assert.Equal([Lede, Second], Ingest.Of(doc, BlockKind.Paragraph));
        Assert.Empty(Ingest.Of(doc, BlockKind.Heading));
        Assert.Equal("Pia Lindgren", doc.Metadata.Author);
        Assert.Equal("2025-06-12", doc.Metadata.Date);
        Assert.NotNull(doc.Comments);
        Assert.Contains("far too early", doc.Comments);
        Assert.Contains("foot passengers", doc.Comments);
        Assert.DoesNotContain("Reply", doc.Comments);
    }

    [Fact]
    public void A_dated_heading_is_not_taken_for_a_masthead_date()
    {
        var doc = Ingest.Read("notices.txt", "Service notices\n===============\n\n3 May 2025 - Timetable changes\nBuses on the coast road run every twenty minutes instead of every half hour from Monday.\n");
        Assert.Equal(["3 May 2025 - Timetable changes"], Ingest.Of(doc, BlockKind.Heading));
        Assert.Null(doc.Metadata.Date);
    }

    private const string Story1 = "The coastal path between the two villages reopened on Saturday after a landslip closed it for most of the winter.";
    private const string Story2 = "Volunteers rebuilt three hundred metres of the path by hand, using stone from the old sea wall.";
    private const string Story3 = "The council says the path will be inspected every spring from now on, and after any storm.";

    private static string NewsPage() => $"""
        <html><head><title>Coastal path reopens | The Shore Gazette</title></head>
        <body>
        <main>
          <div class="consent"><p>We use cookies to measure our audience and show you relevant offers.</p><button>Accept</button><button>Settings</button></div>
          <div class="story">
            <span class="section-label">Outdoors</span>
            <h1>Coastal path reopens after the winter landslip</h1>
            <div class="byline">Noor Halloway &bull; March 8, 2025 &bull; 3 min read</div>
            <div class="toc"><p>Contents</p><ul><li><a href="#a">The repair</a></li><li><a href="#b">Inspections</a></li><li><a href="#c">Walks</a></li></ul></div>
            <figure><img src="/p.jpg" alt="The path"><figcaption>Walkers on the rebuilt section. (Photo: Dan Corr/Shore Gazette)</figcaption></figure>
            <p>{Story1}</p>
            <p>Related: <a href="/walks">Ten winter walks along the bay that stay dry underfoot</a></p>
            <p>{Story2}</p>
            <form class="newsletter"><p>Get the weekend walks newsletter</p><input type="email"><button>Sign up</button></form>
            <h2 id="b">Inspections</h2>
            <p>{Story3}</p>
            <div class="paywall"><p>You have read three free articles this month. <a href="/subscribe">Subscribe to keep reading.</a></p></div>
            <div class="support"><p>Local journalism needs your support. <a href="/donate">Give today</a></p></div>
          </div>
        </main>
        </body></html>
        """;

    [Fact]
    public void Chrome_inside_main_is_dropped_by_structure_and_position()
    {
        var doc = Ingest.Read("path.html", NewsPage());
        Assert.Equal("Coastal path reopens after the winter landslip", doc.Title);
        Assert.Equal([Story1, Story2, Story3], Ingest.Of(doc, BlockKind.Paragraph));
        Assert.Equal(["Inspections"], Ingest.Of(doc, BlockKind.Heading));
        Assert.Empty(Ingest.Of(doc, BlockKind.ListItem));
        Assert.Equal("Noor Halloway", doc.Metadata.Author);
        Assert.Equal("2025-03-08", doc.Metadata.Date);
        foreach (var chrome in new[] { "cookies", "Outdoors", "min read", "Contents", "Photo", "Related", "newsletter", "Subscribe", "support" })
            Assert.DoesNotContain(chrome, doc.Text);
    }

    [Fact]
    public void A_closing_paragraph_with_a_link_is_the_storys_own()
    {
        var html = $"<html><body><article><h1>Path reopens</h1><p>{Story1}</p><p>{Story2} Details are on <a href=\"/council\">the council's site</a>.</p></article></body></html>";
        var doc = Ingest.Read("path.html", html);
        Assert.Equal(2, Ingest.Of(doc, BlockKind.Paragraph).Count);
        Assert.Contains("the council's site", doc.Text);
    }
}
