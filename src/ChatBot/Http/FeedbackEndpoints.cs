using ChatBot.Core.Answering;
using ChatBot.Core.Feedback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Http;

/// <summary>
/// `POST /api/feedback` `{"answer_id": "...", "helpful": true}`: 👍/👎 on an answer this server gave
/// (POST /api/ask returns its `answer_id`). The question, answer and citations stored are the server's
/// own; a client can only say which answer and whether it helped. Limited per person (Feedback:PermitsPerMinute).
/// </summary>
internal static class FeedbackEndpoints
{
    public static RouteGroupBuilder MapFeedbackEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/feedback", (Func<HttpContext, Task<IResult>>)FeedbackAsync);
        return api;
    }

    private static async Task<IResult> FeedbackAsync(HttpContext http)
    {
        var (request, error) = await HttpRequests.ReadJsonAsync(http, ApiJsonContext.Default.FeedbackRequest);
        if (error is not null) return error;
        if (string.IsNullOrWhiteSpace(request!.AnswerId) || request.AnswerId.Length > Answer.MaxIdLength)
            return ApiErrors.Result(StatusCodes.Status400BadRequest, "\"answer_id\" is required: the answer_id of the answer from POST /api/ask.");
        if (request.Helpful is null) return ApiErrors.Result(StatusCodes.Status400BadRequest, "\"helpful\" (true or false) is required.");

        var feedback = http.RequestServices.GetRequiredService<FeedbackService>();
        var outcome = await feedback.RecordAsync(HttpRequests.Surface, HttpRequests.UserKey(http), request.AnswerId, request.Helpful.Value, http.RequestAborted);
        switch (outcome)
        {
            case FeedbackOutcome.TooMany:
                http.Response.Headers.RetryAfter = ((int)FeedbackLimiter.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiErrors.Result(StatusCodes.Status429TooManyRequests, "Too much feedback from you in the last minute; please wait a moment.");
            case FeedbackOutcome.UnknownAnswer:
                return ApiErrors.Result(StatusCodes.Status404NotFound, "No answer with that answer_id was given here, or it is too old to rate.");
            default:
                return Results.NoContent();
        }
    }
}
