using ChatBot.Core.Corpus;

namespace ChatBot.Core.Tests.Corpus;

public class HtmlIngestionTests
{
    private const string ShopPage = """
        <!DOCTYPE html>
        <html><head><title>Refund policy – Example Shop</title>
        <style>body { font: 14px sans-serif }</style>
        <script>var tracker = "measure every visit";</script></head>
        <body>
        <header><a href="/">Example Shop</a>
          <nav><ul><li><a href="/">Home</a></li><li><a href="/faq">Questions</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
        <div class="banner"><p>We use small files to make this site work and to measure how it is used.</p>
          <button>Accept all</button><button>Choose</button></div>
        <main>
          <h1>Refund policy</h1>
          <p>You can return any unused item within 30 days of delivery.
             We refund the price of the item and the original shipping cost.</p>
          <h2>How to return an item</h2>
          <ol><li>Open your order and choose <b>Return</b>.</li>
              <li>Print the label and attach it to the parcel.<ul><li>Labels are valid for 14 days.</li></ul></li></ol>
          <h2>Refund times</h2>
          <table><thead><tr><th>Payment method</th><th>Refund time</th></tr></thead>
            <tbody><tr><td>Card</td><td>3 to 5 business days</td></tr><tr><td>Bank transfer</td><td>up to 10 business days</td></tr></tbody></table>
          <div class="share"><a href="#">Post it</a> <a href="#">Mail it</a></div>
          <details><summary>Can I return a gift?</summary><p>Yes, with the gift receipt; the refund goes to the buyer.</p></details>
        </main>
        <aside><h3>Popular</h3><p>Our best sellers this week, picked for you.</p></aside>
        <footer><p>© 2025 Example Shop. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
        <script>document.title = "changed";</script>
        </body></html>
        """;

    [Fact]
    public void Main_content_is_kept_and_the_chrome_around_it_dropped()
    {
        var doc = Ingest.Read("refunds.html", ShopPage);
        Assert.Equal("Refund policy", doc.Title);
        Assert.Equal("You can return any unused item within 30 days of delivery. We refund the price of the item and the original shipping cost.", Ingest.Of(doc, BlockKind.Paragraph)[0]);
        foreach (var chrome in new[] { "Home", "Contact", "small files", "Accept all", "Post it", "best sellers", "©", "Privacy", "tracker", "font", "changed" })
            Assert.DoesNotContain(chrome, doc.Text);
    }

    [Fact]
    public void Headings_lists_and_tables_keep_their_structure()
    {
        var doc = Ingest.Read("refunds.html", ShopPage);
        Assert.Equal(["How to return an item", "Refund times", "Can I return a gift?"], Ingest.Of(doc, BlockKind.Heading));
        Assert.Equal(["Open your order and choose Return.", "Print the label and attach it to the parcel.", "Labels are valid for 14 days."], Ingest.Of(doc, BlockKind.ListItem));
        Assert.Equal(["Payment method: Card; Refund time: 3 to 5 business days", "Payment method: Bank transfer; Refund time: up to 10 business days"], Ingest.Of(doc, BlockKind.TableRow));
        Assert.Equal("How to return an item", Ingest.SectionOf(doc, "Print the label"));
        Assert.Equal("Refund times > Can I return a gift?", Ingest.SectionOf(doc, "Yes, with the gift receipt"));
    }

    [Fact]
    public void A_card_of_short_field_boxes_is_a_heading_with_its_fields_under_it_and_ends_with_the_card()
    {
        const string page = """
            <html><head><title>Plans</title></head><body><main>
            <h2>Plans</h2>
            <div class="cards">
              <div class="card"><div class="tag">Best value</div><div class="card-name">Garden</div><div>12 seeds a month</div><div>Free delivery</div>
                <a class="btn" href="/buy">Choose Garden</a></div>
              <div class="card"><div class="card-name">Orchard</div><div>40 seeds a month</div><div>Next-day delivery</div></div>
            </div>
            <p>Prices include tax and can change once a year.</p>
            <div class="note"><div>Short title</div><div>Each plan renews every month until you cancel it.</div><div>Third box</div></div>
            </main></body></html>
            """;
        var doc = Ingest.Read("plans.html", page);
        // The box whose class says name is the card's name, wherever it stands; a mostly-link button is no field.
        Assert.Equal(["Plans", "Garden", "Orchard"], Ingest.Of(doc, BlockKind.Heading));
        Assert.Equal("Plans > Garden", Ingest.SectionOf(doc, "12 seeds"));
        Assert.Equal("Plans > Garden", Ingest.SectionOf(doc, "Best value"));
        Assert.Equal("Plans > Orchard", Ingest.SectionOf(doc, "Next-day delivery"));
        Assert.DoesNotContain("Choose Garden", doc.Text);
        // What follows the cards is no longer under the last card; a box holding a sentence is no card.
        Assert.Equal("Plans", Ingest.SectionOf(doc, "Prices include tax"));
        Assert.Equal(BlockKind.Paragraph, Ingest.Blocks(doc).Single(b => b.Text.StartsWith("Each plan renews", StringComparison.Ordinal)).Kind);
    }

    [Fact]
    public void The_stories_first_paragraph_loses_its_dateline_as_in_saved_text()
    {
        const string page = """
            <html><head><title>Quay</title></head><body><main><article>
            <h1>The quay reopens</h1>
            <p class="standfirst">Repairs to the east wall took a month</p>
            <p>KELDERBY &mdash; The harbour board reopened the east quay on Monday after a month of repairs to its wall.</p>
            <p>BOATS &mdash; this line is no dateline, being the second paragraph.</p>
            </article></main></body></html>
            """;
        var doc = Ingest.Read("quay.html", page);
        Assert.StartsWith("The harbour board", Ingest.Of(doc, BlockKind.Paragraph)[1]);
        Assert.StartsWith("BOATS", Ingest.Of(doc, BlockKind.Paragraph)[2]);
    }

    [Fact]
    public void A_row_of_link_boxes_is_a_share_bar_not_a_card()
    {
        const string page = """
            <html><head><title>Quay</title></head><body><main><article>
            <h1>The quay reopens</h1>
            <div class="share"><a href="#">Facebook</a> <a href="#">Bluesky</a> <a href="#">Email</a></div>
            <p>The harbour board reopened the east quay on Monday after a month of repairs to its wall.</p>
            </article></main></body></html>
            """;
        var doc = Ingest.Read("quay.html", page);
        Assert.DoesNotContain("Facebook", doc.Text);
        Assert.DoesNotContain("Facebook", Ingest.Of(doc, BlockKind.Heading));
    }

    [Fact]
    public void A_footer_line_of_separated_short_pieces_is_dropped_even_inside_the_content()
    {
        // Unclosed boxes pull a page's footer into its content; its separated short pieces still mark it as chrome.
        const string page = """
            <html><head><title>Plans</title></head><body><div class="wrap">
            <p>Every plan can be cancelled at the end of any month, and unused days are not refunded.</p>
            <div class="q">Can I pay yearly?</div><div class="a">Yes, and a yearly plan costs two months less.
            <div class="foot"><span>&copy; 2025 Example Ltd &middot; Reg. 1234 &middot; Smalltown</span><br>
            <a href="/privacy">Privacy</a> | <a href="/terms">Terms</a> | <a href="/contact">Contact</a></div>
            </div></body></html>
            """;
        var doc = Ingest.Read("plans.html", page);
        Assert.Contains("unused days are not refunded", doc.Text);
        Assert.Contains("a yearly plan costs two months less", doc.Text);
        foreach (var chrome in new[] { "©", "Reg. 1234", "Privacy", "Terms" })
            Assert.DoesNotContain(chrome, doc.Text);
    }

    [Theory]
    [InlineData("Privacy | Terms of service | Imprint | Contact", true)]
    [InlineData("© 2025 Example Ltd · Reg. 1234 · Smalltown · Jobs", true)]
    [InlineData("The web UI listens on port 8080 | 8443 when TLS is on.", false)]
    [InlineData("Pick one: monthly | yearly", false)]
    public void Menu_lines_are_runs_of_short_separated_pieces(string line, bool menu) =>
        Assert.Equal(menu, HtmlReader.IsMenuLine(line));

    private const string DivPage = """
        <html><head><title>Team handbook: on-call</title></head><body>
        <div id="top"><div class="logo">Acme</div>
          <div class="menu"><a href="/">Start</a> | <a href="/docs">Docs</a> | <a href="/blog">Blog</a></div></div>
        <div id="page">
          <div class="side"><a href="/a">Onboarding</a><br><a href="/b">Rotation</a><br><a href="/c">Holidays</a></div>
          <div class="content">
            <div class="title">On-call rotation</div>
            <div>Each engineer is on call for one week at a time. The rotation changes every Monday at ten in the morning.</div>
            <div>While on call you answer pages within fifteen minutes.<br><br>If you cannot answer, the page goes to the secondary after thirty minutes.</div>
            <ul><li>Keep your laptop with you.</li><li>Hand over open incidents at the end of the week.</li></ul>
            <div class="consent">This site keeps a small file to remember your choices. <a href="/more">Learn more</a> <button>OK</button></div>
          </div>
        </div>
        <div class="bottom">Copyright Acme · <a href="/imprint">Imprint</a> · <a href="/privacy">Privacy</a> · <a href="/jobs">Jobs</a></div>
        </body></html>
        """;

    [Fact]
    public void Content_in_plain_divs_is_found_by_its_prose_and_link_density()
    {
        var doc = Ingest.Read("oncall.html", DivPage);
        Assert.Equal("Team handbook: on-call", doc.Title);
        Assert.Equal(
        [
            (BlockKind.Paragraph, "On-call rotation"),
            (BlockKind.Paragraph, "Each engineer is on call for one week at a time. The rotation changes every Monday at ten in the morning."),
            (BlockKind.Paragraph, "While on call you answer pages within fifteen minutes."),
            (BlockKind.Paragraph, "If you cannot answer, the page goes to the secondary after thirty minutes."),
            (BlockKind.ListItem, "Keep your laptop with you."),
            (BlockKind.ListItem, "Hand over open incidents at the end of the week."),
        ], Ingest.Blocks(doc));
    }

    [Fact]
    public void A_page_without_a_heading_or_title_is_named_by_its_first_sentence()
    {
        var doc = Ingest.Read("note.html", "<html><body><p>Backups run every night at two. They are kept for thirty days.</p></body></html>");
        Assert.Equal("Backups run every night at two", doc.Title);
        Assert.Equal("Backups run every night at two. They are kept for thirty days.", doc.Text);
    }

    [Fact]
    public void Metadata_in_the_page_head_is_used_when_the_manifest_has_none()
    {
        var doc = Ingest.Read("a.html", "<html><head><meta name=\"author\" content=\"Ana Ruiz\"><meta property=\"article:published_time\" content=\"2024-06-02T08:00:00Z\"></head><body><article><h1>Quarterly report</h1><p>Sales grew by four percent in the second quarter.</p></article></body></html>");
        Assert.Equal("Quarterly report", doc.Title);
        Assert.Equal("Ana Ruiz", doc.Metadata.Author);
        Assert.Equal("2024-06-02", doc.Metadata.Date);
    }
}
