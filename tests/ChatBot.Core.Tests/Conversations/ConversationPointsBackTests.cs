using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Conversations;

/// <summary>The small corpus of <see cref="ConversationPointsBackTests"/>, built once for the class.</summary>
public sealed class PointsBackCorpus() : WrittenCorpus("points-back-corpus",
    ("faq.md", string.Join("\n\n",
        "# Harbourview Library FAQ",
        "## Can I book a study room?",
        "Yes. Members book study rooms online up to seven days ahead. The confirmation email usually arrives within 5 minutes.",
        "## Can I borrow e-books?",
        "Yes, through the library app, for up to 14 days at a time. Renewals take a minute in the app.",
        "## What if I lose my card?",
        "Report it at the front desk. A replacement card costs $3 and is ready the same day.",
        "## Can I print documents?",
        "Yes. Printing costs 10 cents a page; colour printing is 50 cents a page.")),
    ("handbook.md", string.Join("\n\n",
        "# Thesis handbook",
        "The thesis limit is 20,000 words, including footnotes but not the bibliography.",
        "The thesis limit was 16,000 words until 2022.",
        "The thesis is due on 1 September. Late submissions lose five marks a day.",
        "Supervisors meet their students at least once a month.")),
    ("config.md", string.Join("\n\n",
        "# Configuring the catalogue server",
        "The server reads its settings from catalogue.toml in the data folder.",
        "Secrets such as the API token and the mail password belong in environment variables. Never write them into the config file.",
        "Environment variables take the form LIBRARY_<KEY> in upper case, for example LIBRARY_API_TOKEN.",
        "Restart the server after changing a setting.")),
    ("news.md", string.Join("\n\n",
        "# Library news",
        "The main hall reopens on 3 March after a six-month renovation of the roof and the reading room.",
        "The renovation took longer than planned because of the wet winter.",
        "New self-service kiosks let members renew loans and pay fines.")));

/// <summary>
/// A question that names nothing of its own but "the …" ("how long does the confirmation take?") stands alone, yet refused so it
/// most likely means the thing just talked about; "and before 2022?" asks the previous question again of another time.
/// </summary>
public sealed class ConversationPointsBackTests(PointsBackCorpus corpus) : IClassFixture<PointsBackCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task The_thing_a_question_calls_the_one_is_read_as_the_one_just_talked_about()
    {
        var alone = await _fixture.Engine.AskAsync("how long does the confirmation take?", Conversing.NewConversation());
        Assert.False(alone.Answered, alone.Text); // under the calibrated threshold alone: which confirmation?
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(_fixture.Engine, "can i book a study room?", context);
        var confirmation = await Conversing.AnsweredAsync(_fixture.Engine, "how long does the confirmation take?", context);
        Assert.Contains("5 minutes", confirmation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_thing_a_question_calls_the_one_is_still_refused_when_the_corpus_never_names_it()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(_fixture.Engine, "can i book a study room?", context);
        var refund = await _fixture.Engine.AskAsync("how long does the refund take?", context);
        Assert.False(refund.Answered, refund.Text);
    }

    [Fact]
    public async Task A_demonstrative_is_the_noun_as_the_passage_just_shown_named_it()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(_fixture.Engine, "how do i keep the api token out of the config file?", context);
        var look = await Conversing.AnsweredAsync(_fixture.Engine, "what do those variables look like?", context);
        Assert.Contains("LIBRARY_API_TOKEN", look.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_time_asks_the_previous_question_again_of_that_time()
    {
        var context = Conversing.NewConversation();
        var now = await Conversing.AnsweredAsync(_fixture.Engine, "how long can the thesis be?", context);
        Assert.Contains("20,000", now.Text, StringComparison.Ordinal);
        var before = await Conversing.AnsweredAsync(_fixture.Engine, "and before 2022?", context);
        Assert.StartsWith("16,000 words", before.Text, StringComparison.Ordinal);
    }
}
