using ChatBot.Core.Answering;
using ChatBot.Core.Conversations;

namespace ChatBot.Core.Tests.Conversations;

/// <summary>
/// A small made-up product corpus for the follow-up tests below (no eval corpus): a team page with a roles table,
/// a changelog whose entries sit under "version (date)" headings, a FAQ and troubleshooting notes, answered by the
/// real engine with the local embedding model, as the app runs.
/// </summary>
public sealed class LanternCorpus() : WrittenCorpus("lantern-corpus",
    ("team.md", string.Join("\n\n",
    "# Quillmoor Works team page",
    "## People and roles",
    "| Name | Role | In the role since |\n|---|---|---|\n| Oskar Vanterpool | Build steward | June 2023 |\n| Hedda Marlowe | Storage team lead | June 2023 |\n| Piet Zandberg | Support lead | 2021 |\n| Wendeline Orsk | Night operator | 2022 |",
    "Hedda Marlowe was the build steward for the whole 1.x line, from 1.0 to 1.9.2, and handed the role to Oskar Vanterpool with the 2.0.0 release. She still signs off the patch releases of the 1.9 line.",
    "Release notes are written by Oskar Vanterpool, the build steward, and read by Piet Zandberg, the support lead.",
    "## Night shift",
    "- Wendeline Orsk opens the night shift.\n- The night shift ends at 06:00 UTC.",
    "## Meetings",
    "The weekly planning meeting is on Tuesday at 09:30 UTC.")),
    ("changelog.txt", string.Join("\n\n",
    "LANTERN SERVER - CHANGELOG\n==========================",
    "All notable changes to Lantern Server are listed here, newest first. Dates are release dates in UTC.",
    "2.3.1 (2023-11-21)\n------------------",
    "- Fixed: relay nodes could fall into a handshake storm after the server restarted.\n- Fixed: the audit page could show entries twice.",
    "2.3.0 (2023-10-03)\n------------------",
    "- Added: `lantern inspect`, which checks the settings file, the storage path and the open sockets.\n- Changed: the default sync interval went up from 30 to 45 seconds.\n- Added: the web console is available in Dutch and Polish.")),
    ("faq.md", string.Join("\n\n",
    "# Lantern FAQ",
    "## Where are my feeds fetched from?",
    "Lantern Hosted fetches feeds from 9 relay stations on three continents.")),
    ("troubleshooting.md", string.Join("\n\n",
    "# Lantern Server troubleshooting",
    "## Before you ask for help",
    "Run lantern inspect first. It checks the settings file, the storage path and whether the sockets Lantern needs are free. With --pack it also writes a support archive named lantern-report-<date>.zip that you can attach to a ticket. The archive holds the last 5 days of logs and the effective settings, with secrets removed.")),
    ("manifest.json", """
    {"documents": [
      {"file": "team.md", "title": "Quillmoor Works team page", "outlet": "Quillmoor Works", "author": null, "date": null, "url": null},
      {"file": "changelog.txt", "title": "Lantern Server changelog", "outlet": "Lantern Docs", "author": null, "date": null, "url": null},
      {"file": "faq.md", "title": "Lantern FAQ", "outlet": "Lantern Docs", "author": null, "date": null, "url": null},
      {"file": "troubleshooting.md", "title": "Lantern Server troubleshooting", "outlet": "Lantern Docs", "author": null, "date": null, "url": null}
    ]}
    """));

/// <summary>Follow-ups over <see cref="LanternCorpus"/>: what a referent resolves to, and what a follow-up that only repeats the last answer gets instead.</summary>
public sealed class ConversationCorpusTests(LanternCorpus corpus) : IClassFixture<LanternCorpus>
{
    private IAnswerEngine Engine => corpus.Fixture.Engine;

    [Fact]
    public async Task A_follow_up_about_it_is_answered_with_a_sentence_not_shown_earlier_in_the_conversation()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(Engine, "what does lantern inspect do?", context);
        var pack = await Conversing.AnsweredAsync(Engine, "how do I make a support archive with it?", context);
        Assert.Contains("--pack", pack.Text);
        var inside = await Conversing.AnsweredAsync(Engine, "what's in it?", context);
        Assert.Contains("5 days of logs", inside.Text);
        // Read as an overview of the support archive ("The archive holds …" mentions it by the sentence before): not the sentence just shown.
        Assert.DoesNotContain("--pack", inside.Text);
    }

    [Fact]
    public async Task What_else_came_with_it_goes_on_with_the_other_items_of_the_list_not_yet_shown()
    {
        var context = Conversing.NewConversation();
        var language = await Conversing.AnsweredAsync(Engine, "can i change the language of the web console?", context);
        Assert.Contains("Dutch and Polish", language.Text);
        var version = await Conversing.AnsweredAsync(Engine, "since which version?", context);
        Assert.Contains("2.3.0", version.Text);
        var others = await Conversing.AnsweredAsync(Engine, "and what else came with it?", context);
        // The rest of the 2.3.0 list, each item cited once; not the item already shown, nor the 2.3.1 list.
        Assert.Contains("lantern inspect", others.Text);
        Assert.Contains("sync interval", others.Text);
        Assert.DoesNotContain("Dutch and Polish", others.Text);
        Assert.DoesNotContain("handshake storm", others.Text);
        Assert.True(others.Citations.Count >= 2, others.Text);
    }

    [Fact]
    public async Task A_follow_up_about_something_the_corpus_never_mentions_is_refused_rather_than_repeating_the_last_answer()
    {
        var context = Conversing.NewConversation();
        var count = await Conversing.AnsweredAsync(Engine, "how many relay stations are there?", context);
        Assert.Contains("9 relay stations", count.Text);
        var asia = await Engine.AskAsync("which ones are in asia?", context);
        Assert.False(asia.Answered, asia.Text);
    }

    [Fact]
    public async Task He_is_the_person_the_last_answer_was_about_when_the_question_did_not_ask_about_the_one_before()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(Engine, "who is Hedda Marlowe?", context);
        // Not about her: answered by the row of the current build steward, so "he" is him from now on.
        var start = await Conversing.AnsweredAsync(Engine, "when did the current build steward start?", context);
        Assert.Contains("Oskar Vanterpool", start.Text);
        var writes = await Conversing.AnsweredAsync(Engine, "what does he write?", context);
        Assert.Contains("Release notes", writes.Text);
    }

    [Fact]
    public async Task The_job_refused_as_rewritten_is_read_with_the_previous_question_carried_over()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(Engine, "who is the build steward?", context);
        await Conversing.AnsweredAsync(Engine, "since when?", context);
        // "who did the job before Oskar Vanterpool?" alone names no job; with "build steward" carried it does.
        var before = await Conversing.AnsweredAsync(Engine, "who did the job before him?", context);
        Assert.StartsWith("Hedda Marlowe", before.Text);
    }

    [Fact]
    public async Task When_did_that_come_out_finds_the_date_of_the_version_just_answered()
    {
        var context = Conversing.NewConversation();
        var version = await Conversing.AnsweredAsync(Engine, "which version fixed the handshake storm?", context);
        Assert.StartsWith("2.3.1", version.Text);
        var when = await Conversing.AnsweredAsync(Engine, "when did that come out?", context);
        Assert.Contains("2023-11-21", when.Text);
    }

    [Fact]
    public async Task A_question_the_engine_refuses_alone_is_answered_in_a_conversation_on_its_document_when_it_clears_the_follow_up_floor()
    {
        const string question = "how often is the planning meeting?";
        Assert.False((await Engine.AskAsync(question)).Answered);
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(Engine, "who is the build steward?", context);
        var meeting = await Conversing.AnsweredAsync(Engine, question, context);
        Assert.Contains("weekly planning meeting", meeting.Text);
        Assert.Equal("team.md", Assert.Single(meeting.Citations).Source);
    }

    [Fact]
    public async Task Unknown_words_are_the_question_words_the_corpus_never_uses_and_no_misspelling_of_one_it_does()
    {
        var snapshot = await corpus.Fixture.Index.EnsureReadyAsync();
        Assert.Equal(["population"], HeuristicFollowUpRewriter.UnknownWords("what's the population of the relay stations?", snapshot));
        Assert.Equal(["asia"], HeuristicFollowUpRewriter.UnknownWords("which ones are in asia? (relay, stations)", snapshot));
        Assert.Empty(HeuristicFollowUpRewriter.UnknownWords("how often is the planing meeting?", snapshot));
        // A verb the corpus does not use names nothing: "talked" asks what "said" answers.
        Assert.Empty(HeuristicFollowUpRewriter.UnknownWords("who talked about the relay stations?", snapshot));
        Assert.Equal(["Zorvath"], HeuristicFollowUpRewriter.UnknownWords("what did Zorvath say about the stations?", snapshot));
    }

    [Fact]
    public async Task A_person_named_only_in_a_roles_tables_name_column_is_a_person_a_who_question_can_be_answered_with()
    {
        var answer = await Engine.AskAsync("who opens the night shift?");
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("Wendeline Orsk", answer.Text);
    }

    [Fact]
    public async Task Since_which_version_is_read_with_the_words_of_the_sentence_just_shown_and_leads_with_its_heading()
    {
        var context = Conversing.NewConversation();
        var language = await Conversing.AnsweredAsync(Engine, "can i change the language of the web console?", context);
        Assert.Contains("Dutch and Polish", language.Text);
        var since = await Conversing.AnsweredAsync(Engine, "since which version?", context);
        Assert.StartsWith("2.3.0", since.Text);
    }

    [Fact]
    public async Task What_else_came_in_that_release_is_not_answered_with_the_sentence_already_shown()
    {
        var context = Conversing.NewConversation();
        var version = await Conversing.AnsweredAsync(Engine, "which version added the dutch web console?", context);
        Assert.StartsWith("2.3.0", version.Text);
        var other = await Conversing.AnsweredAsync(Engine, "what else came in that release?", context);
        Assert.DoesNotContain("Dutch and Polish", other.Text);
        Assert.Equal("changelog.txt", other.Citations[0].Source);
    }

    [Fact]
    public async Task A_short_question_about_words_the_corpus_never_uses_is_a_new_topic_not_a_follow_up()
    {
        var context = Conversing.NewConversation();
        await Conversing.AnsweredAsync(Engine, "how many relay stations are there?", context);
        var capital = await Engine.AskAsync("what's the capital of france?", context);
        Assert.False(capital.Answered, capital.Text);
        var snapshot = await corpus.Fixture.Index.EnsureReadyAsync();
        Assert.True(HeuristicFollowUpRewriter.IsNewUnknownTopic("what's the capital of france?", snapshot));
        Assert.False(HeuristicFollowUpRewriter.IsNewUnknownTopic("which ones are in asia?", snapshot));
    }
}
