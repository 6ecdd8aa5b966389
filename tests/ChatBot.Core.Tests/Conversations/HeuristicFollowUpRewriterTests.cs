using ChatBot.Core.Answering;
using ChatBot.Core.Conversations;
using ChatBot.Core.Search;
using Xunit;

namespace ChatBot.Core.Tests.Conversations;

public sealed class HeuristicFollowUpRewriterTests
{
    public static TheoryData<string, string, string> Cases() => new()
    {
        // previous standalone question, follow-up, expected standalone question
        { "What did Ildefonso Guajardo say about NAFTA?", "and who said that?", "and who said that? (Ildefonso Guajardo, NAFTA)" },
        { "How many people did Mexico extradite to the United States in 2016?", "what about in 2017?", "How many people did Mexico extradite to the United States in 2017?" },
        { "How many people did Mexico extradite to the United States in 2016?", "What about Canada?", "What about Canada? (2016, people, extradite)" },
        { "When did Mexico begin extraditing its citizens?", "Why?", "Why? (Mexico, begin, extraditing, citizens)" },
        { "What did Trump threaten to do about NAFTA?", "What did he say about the wall?", "What did he say about the wall? (Trump, NAFTA, threaten)" },
        { "Which agencies share intelligence with CISEN?", "Since when?", "Since when? (CISEN, agencies, share, intelligence)" },
        { "What did Enrique Peña Nieto change?", "Did they stop the beheading operations?", "Did they stop the beheading operations? (Enrique Peña Nieto, change)" },
        // "what was it before …?": the previous question asked again of another time, in its own frame
        { "How much is a return ticket on the island ferry?", "and what was it before April?", "How much is a return ticket on the island ferry before April?" },
        { "How much is a return ticket on the island ferry? (ferry, return)", "what was it in 2019", "How much is a return ticket on the island ferry in 2019?" },
        // a bare time qualifier naming its time does the same; a time the previous question named with a number gives way
        { "How long can the thesis be?", "and before 2022?", "How long can the thesis be before 2022?" },
        { "How many ferries sailed in 2019?", "and in 2020?", "How many ferries sailed in 2020?" },
        { "How much is a return ticket on the island ferry?", "what about after March?", "How much is a return ticket on the island ferry after March?" },
        // "before that" names no time: an ellipsis, the previous terms carried
        { "How much is a return ticket on the island ferry?", "and before that?", "and before that? (return, ticket, island, ferry)" },
        // standalone questions pass through
        { "What did Ildefonso Guajardo say about NAFTA?", "Who is Enrique Peña Nieto?", "Who is Enrique Peña Nieto?" },
        { "What did Ildefonso Guajardo say about NAFTA?", "How has security cooperation between the two countries changed over the past decade?", "How has security cooperation between the two countries changed over the past decade?" },
        { "What did Ildefonso Guajardo say about NAFTA?", "When did Mexico begin extraditing its citizens to the U.S.?", "When did Mexico begin extraditing its citizens to the U.S.?" },
        // nothing new to carry
        { "Why?", "and then?", "and then?" },
        // "that year" is the one year the previous question named
        { "How many ferries sailed in 2019?", "what was the budget that year?", "what was the budget in 2019?" },
        { "How many ferries sailed in 2019?", "and the same year, how many crew?", "and in 2019, how many crew?" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rewrites_follow_ups_and_leaves_standalone_questions(string previous, string followUp, string expected)
    {
        var history = new[] { new ConversationTurn(previous, previous, "some answer [1]") };
        Assert.Equal(expected, HeuristicFollowUpRewriter.Rewrite(followUp, history));
    }

    [Theory]
    [InlineData("and a year earlier?", "year")]
    [InlineData("what about the previous quarter?", "quarter")]
    [InlineData("two months later?", "month")]
    [InlineData("and the year before?", "year")]
    [InlineData("what was the budget a year earlier?", null)]
    [InlineData("and before that?", null)]
    public void A_time_shift_is_read_with_its_unit(string question, string? unit) =>
        Assert.Equal(unit, HeuristicFollowUpRewriter.TimeShiftUnit(question));

    [Theory]
    [InlineData("what's his daughter's name?", true)]
    [InlineData("who is her husband?", true)]
    [InlineData("and what are their kids called?", true)]
    [InlineData("what did his daughter say?", false)]
    [InlineData("what's his name?", false)]
    public void A_question_for_the_name_of_a_relative_is_recognised(string question, bool expected) =>
        Assert.Equal(expected, HeuristicFollowUpRewriter.AsksForRelativesName(question));

    [Fact]
    public void That_year_stays_open_when_the_conversation_named_two_years()
    {
        var history = new List<ConversationTurn> { new("how did sailings change from 2019 to 2020?", "how did sailings change from 2019 to 2020?", "…") };
        Assert.StartsWith("what was the budget that year? (2019, 2020", HeuristicFollowUpRewriter.Rewrite("what was the budget that year?", history), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_history_the_question_is_unchanged()
    {
        Assert.Equal("and who said that?", HeuristicFollowUpRewriter.Rewrite("and who said that?", []));
    }

    [Fact]
    public void Chained_follow_ups_carry_the_context_along()
    {
        var history = new List<ConversationTurn> { new("What did Ildefonso Guajardo say about NAFTA?", "What did Ildefonso Guajardo say about NAFTA?", "…") };
        var second = HeuristicFollowUpRewriter.Rewrite("and who said that?", history);
        history.Add(new ConversationTurn("and who said that?", second, "…"));

        Assert.Equal("when? (Ildefonso Guajardo, NAFTA)", HeuristicFollowUpRewriter.Rewrite("when?", history));
    }
}

/// <summary>With the corpus at hand: a short question that introduces a subject the corpus knows stands alone.</summary>
public sealed class SelfContainedFollowUpTests
{
    // A made-up corpus text (no eval corpus): what the questions below name, or do not.
    private const string Text =
        "# Lantern Club handbook\n\nThe club keeps its lanterns in two sheds: the north shed and the lake shed.\n\n" +
        "Members may borrow a lantern for a week. There are 30 reading lamps and 4 signal beacons.\n\n" +
        "Late returns cost a small fee, paid at the desk.\n";

    private static async Task<Func<string, bool>> KnownAsync(EngineFixture f)
    {
        foreach (var file in Directory.GetFiles(f.CorpusDir)) File.Delete(file);
        await File.WriteAllTextAsync(Path.Combine(f.CorpusDir, "handbook.md"), Text);
        return HeuristicFollowUpRewriter.KnownBy(await f.Index.EnsureReadyAsync());
    }

    private static readonly ConversationTurn[] History =
        [new("where are the lanterns kept?", "where are the lanterns kept?", "in two sheds [1]")];

    [Fact]
    public async Task A_short_question_naming_a_known_subject_stands_alone_and_an_elliptical_one_still_carries_terms()
    {
        using var f = new EngineFixture();
        var known = await KnownAsync(f);
        // Names its own subject ("reading lamps"), "there" only says they exist: nothing carried.
        Assert.Equal("how many reading lamps are there?", HeuristicFollowUpRewriter.Rewrite("how many reading lamps are there?", History, known));
        Assert.False(HeuristicFollowUpRewriter.IsFollowUp("how many reading lamps are there?", known));
        Assert.False(HeuristicFollowUpRewriter.LeansOnConversation("is there a late fee?", known));
        // Without the corpus the same question is too short to trust: the previous subject is carried.
        Assert.Equal("how many reading lamps are there? (lanterns, kept)", HeuristicFollowUpRewriter.Rewrite("how many reading lamps are there?", History));
        // A subject the corpus does not know does not make a question self-contained.
        Assert.True(HeuristicFollowUpRewriter.IsFollowUp("how many kayaks?", known));
        // No noun phrase of its own, a pronoun, "there" pointing back, a connective: still follow-ups.
        Assert.Equal("what happens if I'm late? (lanterns, kept)", HeuristicFollowUpRewriter.Rewrite("what happens if I'm late?", History, known));
        Assert.True(HeuristicFollowUpRewriter.IsFollowUp("how much does it cost?", known));
        Assert.True(HeuristicFollowUpRewriter.IsFollowUp("what else is kept there?", known));
        Assert.True(HeuristicFollowUpRewriter.IsFollowUp("and the signal beacons?", known));
        Assert.True(HeuristicFollowUpRewriter.IsFollowUp("the same for the beacons?", known));
    }

    [Fact]
    public void The_previous_answer_reading_carries_the_words_of_the_sentence_just_shown()
    {
        var answer = new Answer
        {
            Question = "can i change the language?",
            Answered = true,
            Text = "Added: the web console is available in Dutch and Polish. [1]",
            Evidence = [new AnswerEvidence(1, "changelog.txt", 7, "Added: the web console is available in Dutch and Polish.", null, [])],
        };
        ConversationTurn[] history = [new("can i change the language?", "can i change the language?", answer.Text) { Answer = answer }];
        Assert.Equal("since which version? (Added, Dutch, Polish, console, available)", HeuristicFollowUpRewriter.WithPreviousAnswer("since which version?", history));
        // Terms a rewrite carried are replaced, not added to; without an answered turn there is nothing to carry.
        Assert.Equal("since which version? (Added, Dutch, Polish, console, available)", HeuristicFollowUpRewriter.WithPreviousAnswer("since which version? (change, language)", history));
        Assert.Equal("since which version?", HeuristicFollowUpRewriter.WithPreviousAnswer("since which version?", History));
    }

    [Fact]
    public void A_demonstrative_takes_the_word_the_passage_just_shown_named_its_noun_with()
    {
        const string question = "how do i keep the token out of the file?";
        var answer = new Answer
        {
            Question = question,
            Answered = true,
            Text = "Never write them into the file. [1]",
            Citations = [new Citation(1, "setup.md", "Setup", null, null, "Tokens belong in shell variables. Never write them into the file.")],
            Evidence = [new AnswerEvidence(1, "setup.md", 4, "Never write them into the file.", null, [])],
        };
        ConversationTurn[] history = [new(question, question, answer.Text) { Answer = answer }];
        Assert.Equal("what do shell variables look like?", HeuristicFollowUpRewriter.Rewrite("what do those variables look like?", history));
        // "that" before a verb in -s is a pronoun, and a noun nothing shown names with a modifier is left as it was.
        Assert.DoesNotContain("shell", HeuristicFollowUpRewriter.Rewrite("how much of that comes from tokens?", history), StringComparison.Ordinal);
        Assert.DoesNotContain("shell", HeuristicFollowUpRewriter.Rewrite("who wrote those rules?", history), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("summarize that article", "summarize harbour-notice")]
    [InlineData("can you sum up it for me?", "summarize harbour-notice")]
    [InlineData("what is that report about?", "summarize harbour-notice")]
    public void A_summary_of_what_was_just_shown_names_the_cited_document(string question, string rewritten)
    {
        const string previous = "when does the ferry stop running?";
        var answer = new Answer
        {
            Question = previous,
            Answered = true,
            Text = "The last ferry leaves at 22:10. [1]",
            Citations = [new Citation(1, "harbour-notice.md", "Harbour notice", null, null, "The last ferry leaves at 22:10.")],
        };
        ConversationTurn[] history = [new(previous, previous, answer.Text) { Answer = answer }];
        Assert.Equal(rewritten, HeuristicFollowUpRewriter.Rewrite(question, history));
        // "what is this about?" asks about the whole collection, not the document just cited.
        Assert.DoesNotContain("harbour-notice", HeuristicFollowUpRewriter.Rewrite("what is this about?", history), StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_of_it_with_nothing_cited_before_names_no_document()
    {
        ConversationTurn[] history = [new("hello", "hello", "Hi! Ask me about the documents.")];
        Assert.StartsWith("summarize it", HeuristicFollowUpRewriter.Rewrite("summarize it", history), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("and before that?", true)]
    [InlineData("since when?", true)]
    [InlineData("ok, why?", true)]
    [InlineData("and before 2024?", false)]
    [InlineData("who can join?", false)]
    [InlineData("and on the Team plan?", false)]
    public void An_ellipsis_brings_nothing_of_its_own(string question, bool ellipsis) =>
        Assert.Equal(ellipsis, HeuristicFollowUpRewriter.IsEllipsis(question));

    [Theory]
    [InlineData("how long does the certificate take?", true)]
    [InlineData("how do I move my data over?", true)]
    [InlineData("and who pays for the work?", true)]
    [InlineData("how long does the certificate for Harbourview take?", false)] // names its own subject
    [InlineData("what happened in the 2019 season?", false)] // a number of its own
    [InlineData("how many reading rooms are there?", false)] // no thing taken as known
    [InlineData("who is paying for it?", false)] // a pronoun: a follow-up already, not this reading
    public void A_question_points_back_when_it_names_nothing_but_the_thing_it_takes_as_known(string question, bool pointsBack) =>
        Assert.Equal(pointsBack, HeuristicFollowUpRewriter.PointsBack(question));

    [Fact]
    public void Carried_terms_do_not_change_the_frame_of_a_follow_up_that_has_one()
    {
        // "paid" at the end asks for an amount of money; the carried terms after it must not hide that.
        var read = QuestionAnalyzer.Analyze("what is Ana Ortiz paid? (successor, director)");
        Assert.Equal(AnswerType.Number, read.Type);
        Assert.Equal(Measure.Money, read.Measure.Measure);
        // Their terms are still the question's, for retrieval.
        Assert.Contains(SearchAnalyzer.Shared.Terms("successor").Single(), read.Terms);
    }

    [Fact]
    public void An_ellipsis_is_still_framed_with_its_carried_terms()
    {
        const string question = "and before that? (fee, paid)";
        // Without them "before that?" would be read as asking what "before that" is.
        Assert.NotEqual(QuestionKind.WhatIs, QuestionAnalyzer.Analyze(question).Kind);
    }
}
