using ChatBot.Core.Quiz;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Http;

/// <summary>`POST /api/quiz` (a question, without its answer) and `POST /api/quiz/answer` (graded, with score and streak).</summary>
internal static class QuizEndpoints
{
    public static RouteGroupBuilder MapQuizEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/quiz", (Func<HttpContext, Task<IResult>>)NextQuestionAsync);
        api.MapPost("/quiz/answer", (Func<HttpContext, Task<IResult>>)AnswerAsync);
        return api;
    }

    private static async Task<IResult> NextQuestionAsync(HttpContext http)
    {
        var (request, error) = await HttpRequests.ReadJsonAsync(http, ApiJsonContext.Default.QuizRequest, allowEmpty: true);
        if (error is not null) return error;
        if (request?.Article is { Length: > 200 }) return ApiErrors.Result(StatusCodes.Status400BadRequest, "\"article\" is longer than 200 characters.");
        var quiz = http.RequestServices.GetRequiredService<IQuizService>();
        try
        {
            var question = await quiz.NextQuestionAsync(new QuizUser("http", UserOf(http, request?.User)), request?.Article, http.RequestAborted);
            return Results.Json(QuizPromptWire.From(question), ApiJsonContext.Readable.QuizPromptWire);
        }
        catch (QuizScopeException ex)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ex.Message);
        }
    }

    private static async Task<IResult> AnswerAsync(HttpContext http)
    {
        var (request, error) = await HttpRequests.ReadJsonAsync(http, ApiJsonContext.Default.QuizAnswerRequest);
        if (error is not null) return error;
        if (string.IsNullOrWhiteSpace(request!.Id)) return ApiErrors.Result(StatusCodes.Status400BadRequest, "\"id\" is required: the id of the question being answered.");
        if (request.Answer is { Length: > 1000 }) return ApiErrors.Result(StatusCodes.Status400BadRequest, "The answer is longer than 1000 characters.");
        var quiz = http.RequestServices.GetRequiredService<IQuizService>();
        try
        {
            var grade = await quiz.GradeAsync(new QuizUser("http", UserOf(http, request.User)), request.Id, request.Answer, http.RequestAborted);
            return Results.Json(QuizGradeWire.From(grade), ApiJsonContext.Readable.QuizGradeWire);
        }
        catch (QuizQuestionNotFoundException ex)
        {
            return ApiErrors.Result(StatusCodes.Status404NotFound, ex.Message);
        }
    }

    /// <summary>A quiz session per named user; callers that name nobody share one per address.</summary>
    private static string UserOf(HttpContext http, string? user) =>
        string.IsNullOrWhiteSpace(user) ? $"http:{HttpRequests.ClientAddress(http)}" : user.Length > 200 ? user[..200] : user.Trim();
}
