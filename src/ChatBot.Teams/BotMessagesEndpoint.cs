using System.Text.Json;
using ChatBot.Teams.Auth;
using ChatBot.Teams.Messaging;
using ChatBot.Teams.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams;

/// <summary>
/// POST /teams/messages, the Bot Framework messaging endpoint: authenticate, parse, queue, answer 200.
/// The token is checked before the body is even read, so unauthenticated callers learn nothing.
/// </summary>
internal sealed class BotMessagesEndpoint(
    BotFrameworkTokenValidator validator, ActivityQueue queue, IOptions<TeamsOptions> options, ILogger<BotMessagesEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        if (!options.Value.BotEnabled) return Results.Problem("The Teams bot is not configured (set Teams__AppId and Teams__AppPassword).", statusCode: 404);

        var authentication = await validator.ValidateAsync(http.Request.Headers.Authorization, http.RequestAborted).ConfigureAwait(false);
        if (!authentication.Succeeded) return Refuse(authentication);

        var body = await RequestBody.ReadAsync(http.Request, options.Value.MaxRequestBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null) return Results.Problem("Request body too large.", statusCode: StatusCodes.Status413PayloadTooLarge);

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, TeamsJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            activity = null;
        }
        if (activity is null || string.IsNullOrEmpty(activity.Type))
            return Results.Problem("The body is not a JSON activity.", statusCode: StatusCodes.Status400BadRequest);

        var authorization = BotFrameworkTokenValidator.Authorize(authentication.Token!, activity);
        if (!authorization.Succeeded) return Refuse(authorization);

        if (activity.Type is ActivityTypes.Message or ActivityTypes.ConversationUpdate)
        {
            if (string.IsNullOrEmpty(activity.Conversation?.Id))
                return Results.Problem("The activity has no conversation id.", statusCode: StatusCodes.Status400BadRequest);
            if (!queue.IsFirstDelivery(activity))
            {
                logger.LogInformation("Teams activity {ActivityId} delivered again; already handled", activity.Id);
                return Results.Ok();
            }
            if (!queue.TryEnqueue(activity))
            {
                logger.LogWarning("Teams activity queue full; refusing activity {ActivityId}", activity.Id);
                return Results.Problem("Busy, try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }
        return Results.Ok();
    }

    private IResult Refuse(AuthCheck check)
    {
        logger.LogWarning("Refused a Teams activity: {Status} {Reason}", check.StatusCode, check.Reason);
        return Results.Problem(check.StatusCode switch
        {
            401 => "Missing or invalid Bot Framework token.",
            403 => "The token does not authorize this activity.",
            _ => "Cannot validate tokens right now.",
        }, statusCode: check.StatusCode);
    }
}
