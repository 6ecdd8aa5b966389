using ChatBot.Core.Conversations;
using Xunit;

namespace ChatBot.Core.Tests.Conversations;

public sealed class HeuristicFollowUpRewriterTests
{
    public static TheoryData<string, string, string> Cases() => new()
    {
        // previous standalone question, follow-up, expected standalone question
        { "What did Ildefonso Guajardo say about NAFTA?", "and who said that?", "and who said that? (Ildefonso Guajardo, NAFTA)" },
        { "How many people did Mexico extradite to the United States in 2016?", "what about in 2017?", "what about in 2017? (Mexico, United States, people, extradite)" },
        { "How many people did Mexico extradite to the United States in 2016?", "What about Canada?", "What about Canada? (2016, people, extradite)" },
        { "When did Mexico begin extraditing its citizens?", "Why?", "Why? (Mexico, begin, extraditing, citizens)" },
        { "What did Trump threaten to do about NAFTA?", "What did he say about the wall?", "What did he say about the wall? (Trump, NAFTA, threaten)" },
        { "Which agencies share intelligence with CISEN?", "Since when?", "Since when? (CISEN, agencies, share, intelligence)" },
        { "What did Enrique Peña Nieto change?", "Did they stop the beheading operations?", "Did they stop the beheading operations? (Enrique Peña Nieto, change)" },
        // standalone questions pass through
        { "What did Ildefonso Guajardo say about NAFTA?", "Who is Enrique Peña Nieto?", "Who is Enrique Peña Nieto?" },
        { "What did Ildefonso Guajardo say about NAFTA?", "How has security cooperation between the two countries changed over the past decade?", "How has security cooperation between the two countries changed over the past decade?" },
        { "What did Ildefonso Guajardo say about NAFTA?", "When did Mexico begin extraditing its citizens to the U.S.?", "When did Mexico begin extraditing its citizens to the U.S.?" },
        // nothing new to carry
        { "Why?", "and then?", "and then?" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rewrites_follow_ups_and_leaves_standalone_questions(string previous, string followUp, string expected)
    {
        var history = new[] { new ConversationTurn(previous, previous, "some answer [1]") };
        Assert.Equal(expected, HeuristicFollowUpRewriter.Rewrite(followUp, history));
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
