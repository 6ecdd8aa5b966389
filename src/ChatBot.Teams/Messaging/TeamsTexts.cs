using System.Text;
using ChatBot.Core.Quiz;
using ChatBot.Core.Search;

namespace ChatBot.Teams.Messaging;

/// <summary>The fixed texts the bot sends besides answers. They name no corpus: what the documents are comes from the index.</summary>
internal static class TeamsTexts
{
    /// <param name="sources">The indexed documents (null or empty while loading), for a real example of quizzing on one.</param>
    /// <param name="withQuiz">Whether this bot offers the quiz here (the outgoing webhook cannot: its cards cannot answer back).</param>
    public static string HowToAsk(IReadOnlyList<SourceInfo>? sources, bool withQuiz)
    {
        var text = new StringBuilder("Ask me a question in plain words: in a channel or group chat mention me first (@ChatBot …), in a personal chat just type it. ")
            .Append("I answer only from the documents I know, quote the passages I relied on and number their sources [1], [2]… ")
            .Append("A follow-up such as “and who said that?” continues your own conversation; other people's questions are not part of it.\n\n");
        if (withQuiz)
        {
            var example = QuizScope.ExampleKey(sources ?? []);
            text.Append("Type **quiz** to test yourself, **quiz ").Append(example ?? "*article*")
                .Append("** to keep to one article (give its file number or name, words of its title, or a topic), ");
        }
        else
        {
            text.Append("Type ");
        }
        return text.Append("**sources** to list the documents, **help** to see this again.").ToString();
    }

    public const string ModeratorHelp =
        "Moderators: in a personal chat send me a .txt/.md/.html file (optionally with the text **add**) to add it to the corpus or replace " +
        "the file of the same name; **remove** *file.txt* takes one out; **corpus list** shows the files; **reindex** rebuilds the index.";

    public const string StillWorking = "I'm still working on that answer — please ask again in a moment.";
    public const string FeedbackThanks = "Thanks for the feedback!";
    public const string FeedbackExpired = "That answer is too old to rate now; ask again and rate the new answer.";
    public const string FeedbackTooMany = "That is a lot of feedback in a minute; please wait a moment and try again.";
    public const string Failure = "Sorry, something went wrong while answering. Please try again in a moment.";
    public const string ModeratorsOnly = "Only moderators can refresh the corpus.";
    public const string CorpusModeratorsOnly = "Sorry, only moderators can change or list the corpus files. Your attempt was recorded; ask a moderator if an article should be added.";
    public const string CorpusAdminUnavailable = "Corpus management is not available on this bot.";
    public const string QuizUnavailable = "Sorry, the quiz is not available right now.";
    public const string QuizQuestionExpired = "That quiz question is no longer available (the articles may have changed since). Type **quiz** for a new one.";

    public static string Welcome(IIndexSnapshot? corpus, bool withQuiz)
    {
        var titles = corpus is null ? [] : CorpusTitles(corpus);
        var text = new StringBuilder("Hi! I answer questions about the documents I was given");
        if (titles.Count == 0) text.Append(".\n\n");
        else
        {
            text.Append($" — {titles.Count} of them:\n\n");
            foreach (var title in titles) text.Append("- ").Append(title).Append('\n');
            text.Append('\n');
        }
        return text.Append(HowToAsk(corpus?.Sources, withQuiz)).ToString();
    }

    public static string Sources(IReadOnlyList<string> titles) =>
        titles.Count == 0 ? "The corpus is not loaded yet." : "I know these articles:\n\n" + string.Concat(titles.Select(t => $"- {t}\n"));

    /// <summary>"Title — Outlet (date)" of each distinct document (near-duplicates left out).</summary>
    public static IReadOnlyList<string> CorpusTitles(IIndexSnapshot snapshot) =>
        snapshot.Documents
            .Where(d => d.DuplicateOf is null)
            .Select(d => string.Join(" — ", new[] { d.Title, d.Metadata.Outlet }.Where(s => !string.IsNullOrWhiteSpace(s)))
                         + (string.IsNullOrWhiteSpace(d.Metadata.Date) ? "" : $" ({d.Metadata.Date})"))
            .ToList();
}
