using ChatBot.Core.Answering;
using ChatBot.Core.Tests.Conversations;

namespace ChatBot.Core.Tests.Answering;

public sealed class RoleTitleCorpus() : WrittenCorpus("role-title-corpus",
    ("acme.md", string.Join("\n\n",
        "# Acme Rail names a new finance head",
        "Acme Rail appointed Ana Ortiz as its chief financial officer in March 2024, the company said on Monday.",
        "Ben Ode, the chief executive, said the board had picked her from 40 applicants.",
        "Ode joined Acme Rail in 2019 from Tessaly Brook, where he ran the signal shop, and became chief executive in 2022.",
        "The company runs 14 trains a day between the two towns.",
        "\"We will back the new timetable,\" said Cara Lund, director of the Wender Valley Trust.")));

/// <summary>
/// A job title asked one way and written another ("CFO" / "chief financial officer", <see cref="RoleTitles"/>), an employer
/// told by a career cue ("joined … from X"), and a who-follow-up about the person a pronoun stands for.
/// </summary>
public sealed class RoleTitleTests(RoleTitleCorpus corpus) : IClassFixture<RoleTitleCorpus>
{
    [Fact]
    public void A_title_is_read_in_its_other_forms_the_corpus_writes()
    {
        var known = new HashSet<string>(["chief", "financi", "offic", "financ"], StringComparer.Ordinal);
        var title = Assert.Single(RoleTitles.In("Who is the firm's CFO?", known.Contains));
        Assert.Equal(["cfo"], title.Asked);
        Assert.Contains(title.Others, f => f.SequenceEqual(["chief", "financi", "offic"]));
        // "finance chief" asked: the abbreviation is no other form the corpus writes here, the spelled-out one is.
        var chief = Assert.Single(RoleTitles.In("how long has she been the finance chief", known.Contains));
        Assert.Equal(["financ", "chief"], chief.Asked);
        Assert.DoesNotContain(chief.Others, f => f.SequenceEqual(["cfo"]));
        Assert.Empty(RoleTitles.In("Who signed the contract?", known.Contains));
    }

    [Fact]
    public void An_abbreviated_title_is_embedded_with_its_spelled_out_form()
    {
        Assert.Equal("Who is the CFO (chief financial officer)?", RoleTitles.WithSpelledOut("Who is the CFO?"));
        Assert.Equal("what's in notes.md?", RoleTitles.WithSpelledOut("what's in notes.md?"));
        Assert.Equal("who is the chair?", RoleTitles.WithSpelledOut("who is the chair?"));
    }

    [Fact]
    public async Task An_abbreviated_title_is_answered_by_the_sentence_spelling_it_out()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("Who is Acme Rail's CFO?");
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("Ana Ortiz", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_someone_worked_before_is_the_name_a_career_cue_gives()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("where did Ben Ode work before Acme Rail?");
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("Tessaly Brook", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_runs_a_body_is_answered_by_the_name_its_head_title_follows()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("who runs the Wender Valley Trust?");
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("Cara Lund", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_given_name_in_the_question_is_met_by_the_surname_in_the_sentence()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("where did Ben work before Acme Rail?");
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("Tessaly Brook", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_who_follow_up_about_the_person_in_focus_is_not_answered_with_that_person()
    {
        var context = Conversing.NewConversation();
        var first = await Conversing.AnsweredAsync(corpus.Fixture.Engine, "who is Acme Rail's chief executive?", context);
        Assert.StartsWith("Ben Ode", first.Text, StringComparison.Ordinal);
        var next = await corpus.Fixture.Engine.AskAsync("who replaced him?", context);
        Assert.False(next.Answered && next.Text.StartsWith("Ben Ode", StringComparison.Ordinal), next.Text);
    }
}
