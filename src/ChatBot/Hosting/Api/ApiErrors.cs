using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Hosting.Api;

/// <summary>Writes {"error": "..."} responses, also from middleware where IResult is not at hand.</summary>
internal static class ApiErrors
{
    public static IResult Result(int statusCode, string message) =>
        Results.Json(new ApiError(message), ApiJsonContext.Default.ApiError, statusCode: statusCode);

    public static async Task Write(HttpContext context, int statusCode, string message)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ApiError(message), ApiJsonContext.Default.ApiError, context.RequestAborted);
    }
}
