using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Answering;
using ChatBot.Core.Feedback;
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
    TeamsFileDownloader downloader,
    IOptions<TeamsOptions> options,
    TimeProvider time,
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
                await ReplyTextAsync(activity, IsModerator(activity) ? TeamsTexts.HowToAsk + "\n\n" + TeamsTexts.ModeratorHelp : TeamsTexts.HowToAsk, cancellationToken).ConfigureAwait(false);
                return;
            case "sources":
                await ReplyTextAsync(activity, TeamsTexts.Sources(await CorpusTitlesAsync(cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
                return;
            case "reindex":
                await ReindexAsync(activity, cancellationToken).ConfigureAwait(false);
                return;
        }

        var context = new AskContext(activity.Conversation?.Id, activity.From?.AadObjectId ?? activity.From?.Id, Surface);
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

        var reply = AnswerRenderer.Fit(answer, withFeedback: true, rendered => ReplyActivity(activity, rendered));
        await ReplyAsync(activity, reply, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Answered Teams activity {ActivityId}: answered={Answered}, {Citations} citation(s), {Bytes} bytes",
            activity.Id, answer.Answered, answer.Citations.Count, AnswerRenderer.Size(reply));
    }

    private async Task ReindexAsync(Activity activity, CancellationToken cancellationToken)
    {
        var aadObjectId = activity.From?.AadObjectId;
        if (!IsModerator(activity))
        {
            await ReplyTextAsync(activity, TeamsTexts.ModeratorsOnly, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (services.GetService<ICorpusIndex>() is not { } index)
        {
            await ReplyTextAsync(activity, "No corpus index is configured.", cancellationToken).ConfigureAwait(false);
            return;
        }
        logger.LogInformation("Moderator {AadObjectId} asked for a reindex from Teams", aadObjectId);
        var result = await index.ReindexAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await ReplyTextAsync(activity,
            $"Corpus {(result.Rebuilt ? "re-indexed" : "unchanged")}: {result.Documents} documents, {result.Chunks} chunks ({result.Elapsed.TotalSeconds:0.0} s).",
            cancellationToken).ConfigureAwait(false);
    }

    private async Task WelcomeAsync(Activity activity, CancellationToken cancellationToken)
    {
        var welcome = MessageActivity(activity, TeamsTexts.Welcome(await CorpusTitlesAsync(cancellationToken).ConfigureAwait(false)));
        await connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, welcome, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Sent the welcome to a Teams conversation ({ConversationType})", activity.Conversation.ConversationType ?? "unknown");
    }

    private async Task RecordFeedbackAsync(Activity activity, JsonElement data, CancellationToken cancellationToken)
    {
        var helpful = data.TryGetProperty("helpful", out var h) && h.ValueKind == JsonValueKind.True;
        if (services.GetService<IFeedbackStore>() is { } store)
        {
            var entry = new FeedbackEntry(
                Surface,
                HashUser(activity.From?.AadObjectId ?? activity.From?.Id ?? "unknown"),
                GetString(data, "question"),
                GetString(data, "answer"),
                data.TryGetProperty("sources", out var s) && s.ValueKind == JsonValueKind.Array
                    ? s.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Take(AnswerRenderer.MaxCitations).ToList()
                    : [],
                helpful,
                time.GetUtcNow());
            await store.RecordAsync(entry, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Recorded Teams feedback: helpful={Helpful}", helpful);
        }
        else
        {
            logger.LogInformation("Teams feedback (helpful={Helpful}) not stored: no IFeedbackStore is registered", helpful);
        }
        await ReplyTextAsync(activity, TeamsTexts.FeedbackThanks, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> CorpusTitlesAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ICorpusIndex>() is not { } index) return [];
        try
        {
            var snapshot = index.IsReady ? index.Current : await index.EnsureReadyAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return TeamsTexts.CorpusTitles(snapshot);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Corpus titles unavailable for a Teams message");
            return [];
        }
    }

    private bool IsModerator(Activity activity) =>
        activity.From?.AadObjectId is { } aadObjectId
        && options.Value.ModeratorAadObjectIds.Any(id => string.Equals(id, aadObjectId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Who did it, for the audit log and the quiz score: the AAD object id when Teams gives one.</summary>
    private static string UserOf(Activity activity) => activity.From?.AadObjectId ?? activity.From?.Id ?? "unknown";

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

    /// <summary>
    /// Salted hash of the user id, so feedback never stores who gave it: the shared <see cref="UserHasher"/>
    /// when registered (one salt for every surface), else an HMAC keyed by this bot's app id.
    /// </summary>
    private string HashUser(string userId)
    {
        if (services.GetService<UserHasher>() is { } hasher) return hasher.Hash(Surface, userId);
        var salt = Encoding.UTF8.GetBytes("chatbot-teams-feedback:" + (options.Value.AppId ?? ""));
        return Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(userId)))[..32];
    }
}
