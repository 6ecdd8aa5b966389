namespace ChatBot.Core.Tests.Conversations;

/// <summary>The small corpus of <see cref="ConversationBetterElsewhereTests"/>, built once for the class.</summary>
public sealed class BetterElsewhereCorpus() : WrittenCorpus("better-elsewhere-corpus",
    ("people.md", string.Join("\n\n",
        "# About the Beacon project",
        "## History",
        "Dr Ilse Varga founded the Beacon project in 2009 and led it until 2016.",
        "She is now chair of the project's advisory board, and the Varga Fellowship is named after her.",
        "## Team",
        "Tomas Reyes has led the project since 2016.")),
    ("handbook.md", string.Join("\n\n",
        "# Contributor handbook",
        "The Beacon project was founded in 2009 by Dr Ilse Varga, and it has since shipped more than 60 releases to over 4,000 users.",
        "Contributors sign the contributor agreement before their first pull request is merged.")),
    ("settings.md", string.Join("\n\n",
        "# Beacon settings reference",
        "Beacon reads its settings from beacon.toml.",
        "Beacon keeps its data in SQLite by default; PostgreSQL 14 or later is supported.")));

/// <summary>
/// A follow-up the conversation's documents answer at the follow-up floor is answered with a sentence elsewhere when that one
/// answers it more probably; and a follow-up answered with what the turn before last showed is a repeat as much as one
/// answered with what the last turn showed.
/// </summary>
public sealed class ConversationBetterElsewhereTests(BetterElsewhereCorpus corpus) : IClassFixture<BetterElsewhereCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task A_better_sentence_elsewhere_answers_the_follow_up_and_a_sentence_read_two_turns_ago_is_not_shown_again()
    {
        var context = Conversing.NewConversation();
        var founded = await Conversing.AnsweredAsync(_fixture.Engine, "When was the project founded?", context);
        Assert.Equal("people.md", founded.Citations[0].Source);
        var byWhom = await Conversing.AnsweredAsync(_fixture.Engine, "by whom?", context);
        Assert.Equal("handbook.md", byWhom.Citations[0].Source);
        Assert.Contains("by Dr Ilse Varga", byWhom.Text, StringComparison.Ordinal);
        var now = await Conversing.AnsweredAsync(_fixture.Engine, "what does she do now?", context);
        Assert.Contains("chair of the project's advisory board", now.Text, StringComparison.Ordinal);
    }
}
