using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>"Who is X?" about a document's author whom the text never names is answered from the manifest's byline.</summary>
public sealed class AuthorBylineTests : IDisposable
{
    private readonly EngineFixture _fixture;

    public AuthorBylineTests()
    {
        _fixture = EngineFixture.Over("author-byline",
            ("001_canal.txt", string.Join("\n\n",
            "Canal locks to close for winter repairs",
            "The three locks on the upper canal will close from November to February while the gates are replaced, the waterways trust said.",
            "Boat owners who moor above the locks have been asked to move their boats before the end of October.")),
            ("002_ferry.txt", string.Join("\n\n",
            "Harbour ferry adds an evening crossing",
            "The harbour ferry will run an extra crossing at nine in the evening from June, after a petition signed by four hundred residents.",
            "Tickets for the evening crossing cost the same as daytime tickets.")),
            ("manifest.json", """
            {"documents": [
              {"file": "001_canal.txt", "title": "Canal locks to close for winter repairs", "outlet": "Valley Gazette", "author": "Imogen Threlkeld", "date": "2024-10-02", "url": null},
              {"file": "002_ferry.txt", "title": "Harbour ferry adds an evening crossing", "outlet": "Coast Weekly", "author": null, "date": "2024-05-11", "url": null}
            ]}
            """));
    }

    [Theory]
    [InlineData("Who is Imogen Threlkeld?")]
    [InlineData("imogen threlkeld?")] // no capitals: read as what-is, still a name of two words
    public async Task An_author_the_text_never_names_is_described_by_the_byline(string question)
    {
        var answer = await _fixture.Engine.AskAsync(question);
        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("author of", answer.Text);
        Assert.Contains("Valley Gazette", answer.Text);
        Assert.Equal("001_canal.txt", Assert.Single(answer.Citations).Source);
    }

    [Fact]
    public async Task Someone_neither_the_text_nor_a_byline_names_is_not_described()
    {
        var answer = await _fixture.Engine.AskAsync("Who is Imogen Fairbairn?");
        Assert.False(answer.Answered, answer.Text);
    }

    public void Dispose() => _fixture.Dispose();
}
