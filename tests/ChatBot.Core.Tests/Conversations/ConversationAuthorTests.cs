using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Conversations;

/// <summary>The small corpus of <see cref="ConversationAuthorTests"/>, built once for the class.</summary>
public sealed class AuthorCorpus() : WrittenCorpus("author-corpus",
    ("roadworks.md", string.Join("\n\n",
        "---\ntitle: Roadworks notices\nauthor: Imogen Tarrant\ndate: 2025-03-01\n---",
        "# Roadworks notices",
        "Notices are posted at least a week before the works begin.",
        "## 3 March: Mill Street resurfacing",
        "Mill Street is closed between the bridge and the market square for resurfacing for two weeks.",
        "## 17 March: Quay Road drains",
        "One lane of Quay Road is closed while the drains are renewed.")),
    ("council.md", string.Join("\n\n",
        "# About the council",
        "The council looks after the roads, bridges and street lights of the borough.",
        "## Senior staff",
        "- Imogen Tarrant, Head of Highways. She joined in 2019 from the county surveyor's office.",
        "- Bertram Oakes, Head of Finance. He joined in 2015.")));

/// <summary>"who prepared them?" answered with the byline: its author is who "she" means next.</summary>
public sealed class ConversationAuthorTests(AuthorCorpus corpus) : IClassFixture<AuthorCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task She_after_who_prepared_them_is_the_author_of_what_was_shown()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(_fixture.Engine, "what's in the roadworks notices?", context);
        var author = await Conversing.AnsweredAsync(_fixture.Engine, "who prepared them?", context);
        Assert.Contains("Imogen Tarrant", author.Text, StringComparison.Ordinal);
        var job = await Conversing.AnsweredAsync(_fixture.Engine, "what is her job?", context);
        Assert.Contains("Head of Highways", job.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Head of Finance", job.Text, StringComparison.Ordinal);
    }
}
