using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Conversations;

/// <summary>
/// A small made-up corpus for the follow-ups below (no eval corpus): a news story quoting two council members on a ferry pier
/// and a budget, and a fares table, answered by the real engine with the local embedding model, as the app runs.
/// </summary>
public sealed class HarbourCorpus() : WrittenCorpus("harbour-corpus",
    ("pier.txt", string.Join("\n\n",
    "Harbour council splits over the new ferry pier",
    "Mayor Ilse Brandvold, who has led the Skarholm council since 2019, opened the debate on Monday. \"The pier will pay for itself within ten years,\" Brandvold said. \"Nobody in this town should wait an hour for a ferry again.\"",
    "That claim was disputed by the harbour workers' union, which put the time to pay back the pier at twenty years.",
    "\"The ferries will run every half hour in summer,\" Brandvold said later. She added that cruise ships would return to Skarholm in May.",
    "Councillor Tomas Reinholt voted against the pier. \"It is a vanity project,\" Reinholt said. \"We would do better to mend the coast road first.\"",
    "Reinholt, who sat on the council under Brandvold for six years, did not spare the mayor either. \"She has never once listened to the harbour workers,\" Reinholt said.",
    "The council also passed the spending plan for next year. \"It hides the dredging costs,\" Reinholt said of the spending plan.",
    "The vote was seven to four. Construction is due to start in the spring.")),
    ("fares.md", string.Join("\n\n",
    "# Skarholm ferry fares",
    "Fares for the crossing to the island, valid from 1 April.",
    "| Ticket | Adult | Child |\n|---|---|---|\n| Single, foot passenger | 4.50 EUR | 2.20 EUR |\n| Return, foot passenger | 8.00 EUR | 3.90 EUR |\n| Single, with car | 21.00 EUR | 21.00 EUR |\n| Return, with car | 38.00 EUR | 38.00 EUR |",
    "Children under four travel free.")),
    ("manifest.json", """
    {"documents": [
      {"file": "pier.txt", "title": "Harbour council splits over the new ferry pier", "outlet": "Skarholm Herald", "author": "Liv Aasen", "date": "2024-03-04", "url": null},
      {"file": "fares.md", "title": "Skarholm ferry fares", "outlet": "Skarholm Ferries", "author": null, "date": null, "url": null}
    ]}
    """));

/// <summary>"what did X say about Y?" in a conversation and asked alone, over <see cref="HarbourCorpus"/>: the quote of that speaker about Y.</summary>
public sealed class ConversationQuoteTests(HarbourCorpus corpus) : IClassFixture<HarbourCorpus>
{
    private IAnswerEngine Engine => corpus.Fixture.Engine;

    [Fact]
    public async Task What_does_he_think_of_Y_gives_the_quote_of_the_person_in_focus_about_Y_with_the_quote_running_on()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(Engine, "who is Tomas Reinholt?", context);
        var pier = await Conversing.AnsweredAsync(Engine, "and what does he think of the pier?", context);
        Assert.Contains("vanity project", pier.Text);
        Assert.Contains("mend the coast road", pier.Text);
        Assert.All(pier.Evidence, e => Assert.EndsWith("Reinholt", e.Speaker));
        Assert.Contains("said-about", pier.Reason);
    }

    [Fact]
    public async Task What_did_X_say_about_her_gives_the_quote_whose_paragraph_names_the_person_in_focus()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(Engine, "who is Ilse Brandvold?", context);
        // The quote says "she"; its paragraph names the mayor.
        var about = await Conversing.AnsweredAsync(Engine, "what did tomas reinholt say about her?", context);
        Assert.Contains("never once listened", about.Text);
        Assert.DoesNotContain("vanity project", about.Text);
        Assert.Contains("said-about", about.Reason);
    }

    [Fact]
    public async Task A_follow_up_whose_new_words_the_row_just_shown_holds_is_answered_with_that_row_again()
    {
        var context = Conversing.NewConversation();
        var adult = await Conversing.AnsweredAsync(Engine, "how much is a return ticket for a foot passenger?", context);
        Assert.Contains("8.00 EUR", adult.Text);
        // "child" is in the row just shown: the same row answers it, not another row not shown yet.
        var child = await Conversing.AnsweredAsync(Engine, "and for a child?", context);
        Assert.Contains("3.90 EUR", child.Text);
        Assert.Contains("Return, foot passenger", child.Text);
    }

    [Fact]
    public async Task What_did_X_add_about_Y_asked_alone_gives_the_sentence_reporting_their_words_after_a_pronoun()
    {
        // "She added that …" quotes nothing: it is the mayor's words by the pronoun after the sentence naming her.
        var answer = await Engine.AskAsync("what did ilse brandvold add about cruise ships?");
        Assert.True(answer.Answered);
        Assert.Contains("cruise ships would return to Skarholm in May", answer.Text);
        Assert.All(answer.Evidence, e => Assert.EndsWith("Brandvold", e.Speaker));
    }

    [Fact]
    public async Task What_did_X_say_about_Y_asked_alone_gives_their_quote_about_Y_with_its_attribution()
    {
        var answer = await Engine.AskAsync("What did Tomas Reinholt say about the spending plan?");
        Assert.True(answer.Answered);
        Assert.Contains("It hides the dredging costs", answer.Text);
        Assert.DoesNotContain("vanity project", answer.Text);
    }

    [Fact]
    public async Task Words_of_X_are_not_given_for_a_topic_only_someone_else_spoke_of()
    {
        // The story names cruise ships, but only in the mayor's words: none of the councillor's is about them.
        var answer = await Engine.AskAsync("What did Tomas Reinholt say about the cruise ships?");
        Assert.DoesNotContain("speak of the topic", answer.Reason);
        Assert.DoesNotContain(answer.Evidence, e => e.Speaker?.EndsWith("Reinholt", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Did_anyone_dispute_that_gives_the_challenge_reported_right_after_the_words_just_shown()
    {
        var context = Conversing.NewConversation();
        var claim = await Conversing.AnsweredAsync(Engine, "what did ilse brandvold say about the pier?", context);
        Assert.Contains("pay for itself", claim.Text);
        var disputed = await Conversing.AnsweredAsync(Engine, "did anyone dispute that?", context);
        Assert.Contains("twenty years", disputed.Text);
        Assert.Contains("disputed", disputed.Reason);
    }

    [Fact]
    public async Task Did_anyone_dispute_that_with_no_challenge_near_what_was_shown_is_left_to_the_engine()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(Engine, "how much is a return ticket for a foot passenger?", context);
        var disputed = await Engine.AskAsync("did anyone dispute that?", context);
        Assert.DoesNotContain("follow-up disputed", disputed.Reason);
    }

    [Fact]
    public async Task A_speaker_the_corpus_never_names_is_left_to_the_engine()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(Engine, "who is Ilse Brandvold?", context);
        var council = await Engine.AskAsync("what did the council say about the spending plan?", context);
        Assert.DoesNotContain("said-about", council.Reason);
    }
}
