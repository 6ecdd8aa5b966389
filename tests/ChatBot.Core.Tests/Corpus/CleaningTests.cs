using ChatBot.Core.Corpus;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Corpus;

public class CleaningTests
{
    private static readonly LoadedCorpus Corpus = new CorpusLoader().Load(RepoPaths.Corpus);

    private static CorpusDocument Doc(string prefix) => Corpus.Documents.Single(d => d.Source.StartsWith(prefix, StringComparison.Ordinal));

    [Theory]
    [InlineData("Leave a Reply")]
    [InlineData("Your email address will not be published")]
    [InlineData("Getting your Trinity Audio player ready")]
    [InlineData("Subscribe to our newsletter")]
    [InlineData("You are commenting using")]
    [InlineData("Latest Tweets by")]
    [InlineData("We are a group of concerned policy experts")]
    [InlineData("SEE: Full Screen Slideshow")]
    [InlineData("Bookmark the permalink")]
    [InlineData("Democracy Dies in Darkness")]
    [InlineData("Like Washington Post World on Facebook")]
    [InlineData("bloggers like this")]
    public void Boilerplate_is_gone_from_every_article(string boilerplate)
    {
        foreach (var doc in Corpus.Documents)
            Assert.DoesNotContain(boilerplate, doc.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Reader_comments_are_kept_apart_from_the_article()
    {
        var doc = Doc("001");
        Assert.Contains("legalize, regulate and tax", doc.Comments);
        Assert.DoesNotContain("legalize, regulate and tax", doc.Text);
        Assert.Contains("Institutional Revolutionary Party", doc.Text);
    }

    [Fact]
    public void Article_text_survives_cleaning()
    {
        Assert.Contains("“Mexico has limits,” said Videgaray.", Doc("000").Text);
        Assert.Contains("Tapachula", Doc("002").Text);
        Assert.StartsWith("U.S. efforts to battle powerful drug cartels", Doc("004").Text);
        Assert.StartsWith("The U.S. Congressional Research Service", Doc("000").Text); // dateline "AUSTIN, Texas–" removed
    }

    [Fact]
    public void Metadata_comes_from_the_manifest_and_the_page()
    {
        var doc = Doc("004");
        Assert.Equal("Nathaniel Ballantyne", doc.Metadata.Author);
        Assert.Equal("2021-03-30", doc.Metadata.Date);
        Assert.Equal("The Washington Post", Doc("002").Metadata.Outlet);
        Assert.Null(Doc("002").Metadata.Url);
    }

    [Fact]
    public void Bylines_and_dates_found_in_a_page_become_metadata_without_a_manifest()
    {
        var cleaned = BoilerplateCleaner.Clean("Big Story Title\n\nMarch 30, 2021\nBY: JANE DOE\nThe first sentence is here. Another one follows.\n\nLeave a Reply\nComment text");
        Assert.Equal("Big Story Title", cleaned.Title);
        Assert.Equal("Jane Doe", cleaned.Author);
        Assert.Equal("2021-03-30", cleaned.Date);
        Assert.Equal("The first sentence is here. Another one follows.", cleaned.Text);
    }

    [Fact]
    public void Html_pages_are_reduced_to_their_paragraphs()
    {
        const string html = "<html><head><title>Page title</title><script>var x = 'Leave';</script><style>p{}</style></head><body>" +
                            "<nav>Home | About</nav><h1>Page title</h1><p>First paragraph of the story.</p><p>Second &amp; last paragraph.</p>" +
                            "<form>Leave a Reply</form><footer>© 2024</footer></body></html>";
        var doc = CorpusLoader.ReadDocument("page.html", html, null);
        Assert.Equal("Page title", doc.Title);
        Assert.Equal("First paragraph of the story.\n\nSecond & last paragraph.", doc.Text);
    }

    [Fact]
    public void Markdown_syntax_is_stripped()
    {
        var doc = CorpusLoader.ReadDocument("note.md", "# A heading\n\nSome **bold** text with a [link](http://x.test).\n", null);
        Assert.Equal("Some bold text with a link.", doc.Text);
    }
}
