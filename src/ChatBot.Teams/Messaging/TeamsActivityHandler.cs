using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Answering;
using ChatBot.Core.Feedback;
using ChatBot.Core.Moderation;
using ChatBot.Core.Moderation.Downloads;
using ChatBot.Core.Search;
using ChatBot.Teams.Connector;
using ChatBot.Teams.Protocol;
using ChatBot.Teams.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Messaging;

/// <summary>
/// Handles authenticated Bot Framework activities: questions (answered through the connector),
/// feedback from card buttons, the quiz (question and result cards), moderators' corpus management
/// (file upload, remove, list, reindex), the few other commands (help, sources) and the welcome when
/// the bot is added to a conversation.
/// </summary>
internal sealed partial class TeamsActivityHandler(
    IServiceProvider services,
    ConnectorClient connector,
    AttachmentDownloader downloader,
    AnswerLedger answers,
    FeedbackService feedback,
    IOptions<TeamsOptions> options,
    ILogger<TeamsActivityHandler> logger)
{
    public const string Surface = "teams";

    public async Task HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Message when IsCardAction(activity.Value, AnswerRenderer.FeedbackAction, out var data):
                await RecordFeedbackAsync(activity, data, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Message when IsCardAction(activity.Value, QuizCardRenderer.AnswerAction, out var data):
                await GradeQuizAnswerAsync(activity, data, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Message when IsCardAction(activity.Value, QuizCardRenderer.NextAction, out var next):
                await SendQuizQuestionAsync(activity, GetString(next, QuizCardRenderer.ArticleInputId), cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Message when FileAttachments(activity) is { Count: > 0 } files:
                await AddCorpusFilesAsync(activity, files, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Message:
                await AnswerAsync(activity, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.ConversationUpdate when BotWasAdded(activity):
                await WelcomeAsync(activity, cancellationToken).ConfigureAwait(false);
                break;
            default:
                logger.LogDebug("Ignoring Teams activity of type {Type}", activity.Type);
                break;
        }
    }

    private async Task AnswerAsync(Activity activity, CancellationToken cancellationToken)
    {
        var question = MessageText.ExtractQuestion(activity);
        if (RemoveCommand().Match(question) is { Success: true } remove)
        {
            await RemoveCorpusFileAsync(activity, remove.Groups["file"].Value, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (QuizCommandScope(question) is { } quizScope)
        {
            await SendQuizQuestionAsync(activity, quizScope, cancellationToken).ConfigureAwait(false);
            return;
        }
        switch (question.ToLowerInvariant().TrimStart('/'))
        {
            case "corpus list":
                await ListCorpusAsync(activity, cancellationToken).ConfigureAwait(false);
                return;
            case "" or "help" or "?":
                var help = TeamsTexts.HowToAsk((await CorpusAsync(cancellationToken).ConfigureAwait(false))?.Sources, withQuiz: services.GetService<Core.Quiz.IQuizService>() is not null);
                await ReplyTextAsync(activity, IsModerator(activity) ? help + "\n\n" + TeamsTexts.ModeratorHelp : help, cancellationToken).ConfigureAwait(false);
                return;
            case "sources":
                var corpus = await CorpusAsync(cancellationToken).ConfigureAwait(false);
                await ReplyTextAsync(activity, TeamsTexts.Sources(corpus is null ? [] : TeamsTexts.CorpusTitles(corpus)), cancellationToken).ConfigureAwait(false);
                return;
            case "reindex":
                await ReindexAsync(activity, cancellationToken).ConfigureAwait(false);
                return;
        }

        // One conversation per Teams conversation and person: in a channel thread or group chat, another member's question is not this one's context.
        var context = AskContext.For(Surface, activity.Conversation?.Id, UserOf(activity));
        Answer answer;
        try
        {
            answer = await services.GetRequiredService<IAnswerEngine>().AskAsync(question, context, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidQuestionException e)
        {
            await ReplyTextAsync(activity, e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The answer engine failed on Teams activity {ActivityId}", activity.Id);
            await ReplyTextAsync(activity, TeamsTexts.Failure, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Kept by id: the card's 👍/👎 carry only the id, and the feedback stored is the server's own record.
        answer = answers.Keep(answer);
        var reply = AnswerRenderer.Fit(answer, withFeedback: true, rendered => ReplyActivity(activity, rendered));
        await ReplyAsync(activity, reply, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Answered Teams activity {ActivityId}: answered={Answered}, {Citations} citation(s), {Bytes} bytes",
            activity.Id, answer.Answered, answer.Citations.Count, AnswerRenderer.Size(reply));
    }

    private async Task ReindexAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (services.GetService<ICorpusModeration>() is not { } moderation)
        {
            await ReplyTextAsync(activity, IsModerator(activity) ? TeamsTexts.CorpusAdminUnavailable : TeamsTexts.ModeratorsOnly, cancellationToken).ConfigureAwait(false);
            return;
        }
        string text;
        try
        {
            var result = await moderation.ReindexAsync(Caller(activity), cancellationToken: cancellationToken).ConfigureAwait(false);
            text = $"Corpus {(result.Rebuilt ? "re-indexed" : "unchanged")}: {result.Documents} documents, {result.Chunks} chunks ({result.Elapsed.TotalSeconds:0.0} s).";
        }
        catch (ModerationRefusedException)
        {
            text = TeamsTexts.ModeratorsOnly;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "A re-index asked for in Teams failed");
            text = "Re-indexing failed; the previous index is still in use. See the server log.";
        }
        await ReplyTextAsync(activity, text, cancellationToken).ConfigureAwait(false);
    }

    private async Task WelcomeAsync(Activity activity, CancellationToken cancellationToken)
    {
        var welcome = MessageActivity(activity, TeamsTexts.Welcome(await CorpusAsync(cancellationToken).ConfigureAwait(false), withQuiz: services.GetService<Core.Quiz.IQuizService>() is not null));
        await connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, welcome, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Sent the welcome to a Teams conversation ({ConversationType})", activity.Conversation.ConversationType ?? "unknown");
    }

    /// <summary>👍/👎 from an answer card: the card carries only the answer's id; the text stored is the server's own record of it.</summary>
    private async Task RecordFeedbackAsync(Activity activity, JsonElement data, CancellationToken cancellationToken)
    {
        var helpful = data.TryGetProperty("helpful", out var h) && h.ValueKind == JsonValueKind.True;
        var outcome = await feedback.RecordAsync(Surface, UserOf(activity), GetString(data, AnswerRenderer.AnswerIdField), helpful, cancellationToken).ConfigureAwait(false);
        await ReplyTextAsync(activity, outcome switch
        {
            FeedbackOutcome.TooMany => TeamsTexts.FeedbackTooMany,
            FeedbackOutcome.UnknownAnswer => TeamsTexts.FeedbackExpired,
            _ => TeamsTexts.FeedbackThanks,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The index's current documents, for texts that list or count them; null when there is no index or it cannot load.</summary>
    private async Task<IIndexSnapshot?> CorpusAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ICorpusIndex>() is not { } index) return null;
        try
        {
            return index.IsReady ? index.Current : await index.EnsureReadyAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Corpus titles unavailable for a Teams message");
            return null;
        }
    }

    private bool IsModerator(Activity activity) =>
        activity.From?.AadObjectId is { } aadObjectId
        && options.Value.ModeratorAadObjectIds.Any(id => string.Equals(id, aadObjectId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Who did it, for the audit log and the quiz score: the AAD object id when Teams gives one.</summary>
    internal static string UserOf(Activity activity) => activity.From?.AadObjectId ?? activity.From?.Id ?? "unknown";

    /// <summary>A reply carrying only a card; `summary` is what notifications show.</summary>
    private static JsonObject CardActivity(Activity incoming, JsonObject card, string summary)
    {
        var reply = MessageActivity(incoming, "");
        reply.Remove("text");
        reply.Remove("textFormat");
        reply["summary"] = summary;
        reply["attachments"] = new JsonArray(card);
        return reply;
    }

    private Task ReplyTextAsync(Activity activity, string text, CancellationToken cancellationToken) =>
        ReplyAsync(activity, MessageActivity(activity, text), cancellationToken);

    private Task ReplyAsync(Activity activity, JsonObject reply, CancellationToken cancellationToken) =>
        activity.Id is null
            ? connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, reply, cancellationToken)
            : connector.ReplyAsync(activity.ServiceUrl!, activity.Conversation!.Id!, activity.Id, reply, cancellationToken);

    /// <summary>The reply activity: from the bot to the asker, in the same conversation, with the rendered parts.</summary>
    internal static JsonObject ReplyActivity(Activity incoming, RenderedAnswer rendered)
    {
        var reply = MessageActivity(incoming, rendered.Text);
        if (rendered.CitationsEntity is not null) reply["entities"] = new JsonArray(rendered.CitationsEntity.DeepClone());
        if (rendered.Card is not null) reply["attachments"] = new JsonArray(rendered.Card.DeepClone());
        return reply;
    }

    internal static JsonObject MessageActivity(Activity incoming, string text)
    {
        var reply = new JsonObject
        {
            ["type"] = ActivityTypes.Message,
            ["from"] = Account(incoming.Recipient),
            ["recipient"] = Account(incoming.From),
            ["conversation"] = new JsonObject { ["id"] = incoming.Conversation?.Id },
            ["text"] = text,
            ["textFormat"] = "markdown",
        };
        if (incoming.Id is not null) reply["replyToId"] = incoming.Id;
        return reply;
    }

    private static JsonObject? Account(ChannelAccount? account) =>
        account is null ? null : new JsonObject { ["id"] = account.Id, ["name"] = account.Name };

    private bool BotWasAdded(Activity activity) =>
        activity.Recipient?.Id is { } botId && activity.MembersAdded?.Any(m => m.Id == botId) == true
        && activity.ServiceUrl is not null && activity.Conversation?.Id is not null;

    /// <summary>A card's Action.Submit comes back as a message whose `value` is the button's data (plus any inputs).</summary>
    private static bool IsCardAction(JsonElement? value, string expectedAction, out JsonElement data)
    {
        data = default;
        if (value is not { ValueKind: JsonValueKind.Object } v) return false;
        if (!v.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String || action.GetString() != expectedAction) return false;
        data = v;
        return true;
    }

    private static string GetString(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
