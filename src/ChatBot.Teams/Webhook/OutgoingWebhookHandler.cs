using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Answering;
using ChatBot.Teams.Messaging;
using ChatBot.Teams.Protocol;
using ChatBot.Teams.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Webhook;

/// <summary>
/// Teams outgoing webhook (POST /teams/webhook): verifies the HMAC signature, then answers
/// synchronously with a message activity in the response body, since Teams waits at most 5 seconds
/// and offers no way to post later. A slow answer yields a short "still working" reply.
/// </summary>
internal sealed class OutgoingWebhookHandler(
    IServiceProvider services, IOptions<TeamsOptions> options, TimeProvider time, ILogger<OutgoingWebhookHandler> logger)
{
    private static readonly TimeSpan BackgroundAnswerLimit = TimeSpan.FromMinutes(1);
    private readonly byte[]? _key = options.Value.WebhookEnabled ? WebhookSignature.DecodeKey(options.Value.WebhookSecret!) : null;

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        if (_key is null) return Results.Problem("The Teams outgoing webhook is not configured (set Teams__WebhookSecret).", statusCode: 404);

        var body = await RequestBody.ReadAsync(http.Request, options.Value.MaxRequestBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null) return Results.Problem("Request body too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        if (!WebhookSignature.IsValid(http.Request.Headers.Authorization, body, _key))
        {
            logger.LogWarning("Refused a Teams webhook request with a missing or wrong HMAC signature");
            return Results.Problem("Missing or invalid HMAC signature.", statusCode: StatusCodes.Status401Unauthorized);
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, TeamsJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            activity = null;
        }
        if (activity is null) return Results.Problem("The body is not a JSON activity.", statusCode: StatusCodes.Status400BadRequest);

        var question = MessageText.ExtractQuestion(activity, leadingMentionIsBot: true);
        if (question.Length == 0 || question.Equals("help", StringComparison.OrdinalIgnoreCase))
            return Reply(TextActivity(TeamsTexts.HowToAsk(services.GetService<ChatBot.Core.Search.ICorpusIndex>() is { IsReady: true } index ? index.Current.Sources : null, withQuiz: false)));

        var engine = services.GetRequiredService<IAnswerEngine>();
        var context = AskContext.For(TeamsActivityHandler.Surface, activity.Conversation?.Id, TeamsActivityHandler.UserOf(activity));
        // The engine keeps going after we stop waiting (warming caches), but not forever and not tied to this request.
        var limit = new CancellationTokenSource(BackgroundAnswerLimit, time);
        var answering = engine.AskAsync(question, context, limit.Token);
        _ = answering.ContinueWith(t =>
        {
            limit.Dispose();
            if (t.IsFaulted && t.Exception?.InnerException is not InvalidQuestionException)
                logger.LogError(t.Exception, "The answer engine failed on a Teams webhook question");
        }, TaskScheduler.Default);

        var finished = await Task.WhenAny(answering, Task.Delay(options.Value.WebhookAnswerTimeout, time, http.RequestAborted)).ConfigureAwait(false);
        if (finished != answering)
        {
            logger.LogWarning("Teams webhook answer not ready within {Timeout}; sent the still-working reply", options.Value.WebhookAnswerTimeout);
            return Reply(TextActivity(TeamsTexts.StillWorking));
        }
        if (!answering.IsCompletedSuccessfully)
        {
            return answering.Exception?.InnerException is InvalidQuestionException invalid
                ? Reply(TextActivity(invalid.Message))
                : Reply(TextActivity(TeamsTexts.Failure));
        }

        var answer = answering.Result;
        // Card buttons cannot call back to an outgoing webhook, so its card carries no feedback actions (only
        // openUrl works there), and Teams takes no citation entities from a webhook's reply: the numbered
        // sources go into the text, with their links, and the card keeps the quotes.
        var sources = answer.Answered && answer.Citations.Count > 0 ? "\n\n" + AnswerRenderer.SourcesText(answer.Citations) : "";
        var response = AnswerRenderer.Fit(answer, withFeedback: false, rendered =>
        {
            var message = TextActivity(rendered.Text + sources);
            message["textFormat"] = "markdown";
            if (rendered.Card is not null) message["attachments"] = new JsonArray(rendered.Card.DeepClone());
            return message;
        });
        logger.LogInformation("Answered a Teams webhook question: answered={Answered}, {Citations} citation(s)", answer.Answered, answer.Citations.Count);
        return Reply(response);
    }

    private static JsonObject TextActivity(string text) => new() { ["type"] = ActivityTypes.Message, ["text"] = text };

    private static IResult Reply(JsonObject activity) => Results.Bytes(AnswerRenderer.Serialize(activity), "application/json; charset=utf-8");
}
