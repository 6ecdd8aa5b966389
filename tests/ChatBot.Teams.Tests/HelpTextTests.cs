using ChatBot.Teams.Messaging;
using ChatBot.Testing.Corpora;
using Xunit;

namespace ChatBot.Teams.Tests;

/// <summary>Teams' help and welcome: the quiz by article with a real example from the index, and no corpus named in them.</summary>
public sealed class HelpTextTests
{
    private static IEnumerable<string> AllNames => TestCorpora.Names(TestCorpora.Seed).Concat(TestCorpora.Names(TestCorpora.Tidewatch));

    [Theory]
    [InlineData("seed", "**quiz 000**")]
    [InlineData("tidewatch", "**quiz getting**")]
    public void Help_shows_the_quiz_by_article_with_a_file_key_of_the_corpus_and_names_none(string corpus, string example)
    {
        var help = TeamsTexts.HowToAsk(TestCorpora.Sources(corpus == "seed" ? TestCorpora.Seed : TestCorpora.Tidewatch), withQuiz: true);
        Assert.Contains(example, help);
        Assert.Contains("**sources**", help);
        Assert.Contains("your own conversation", help);
        Assert.Empty(TestCorpora.NamesIn(help, AllNames));
    }

    [Fact]
    public void Without_the_quiz_or_an_index_the_help_still_reads_well()
    {
        Assert.DoesNotContain("quiz", TeamsTexts.HowToAsk(TestCorpora.Sources(TestCorpora.Seed), withQuiz: false), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("**quiz *article***", TeamsTexts.HowToAsk(null, withQuiz: true));
        var welcome = TeamsTexts.Welcome(null, withQuiz: true);
        Assert.StartsWith("Hi! I answer questions about the documents I was given.", welcome);
        Assert.Empty(TestCorpora.NamesIn(welcome, AllNames));
    }
}
