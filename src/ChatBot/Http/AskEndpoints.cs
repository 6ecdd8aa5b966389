using System.Diagnostics;
using System.Text.Json;
using ChatBot.Core.Answering;
using ChatBot.Core.Feedback;
using ChatBot.Core.Search;
using ChatBot.Hosting.Options;
using ChatBot.Hosting.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Http;

/// <summary>
/// POST /api/ask. The body is read here rather than bound by the framework so that every bad
/// request (not JSON, too large, no question) gets its own clear {"error": ...} message. Each answer is
/// kept (AnswerLedger) under its `answer_id`, which POST /api/feedback refers to.
/// </summary>
internal static partial class AskEndpoints
{
    public static RouteGroupBuilder MapAskEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/ask", (Delegate)HandleAsync).WithName("Ask");
        return api;
    }

    private const string Surface = "web";
    private const int LoggedQuestionChars = 200;
    private const int MaxConversationIdLength = 128;

    public static async Task<IResult> HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var telemetry = services.GetRequiredService<ChatBotTelemetry>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatBot.Http.Ask");
        var api = services.GetRequiredService<IOptions<ApiOptions>>().Value;

        var (request, error) = await ReadRequestAsync(context, api.MaxAskBodyBytes);
        if (error is not null)
        {
            telemetry.RecordError("bad_request", Surface);
            return error;
        }

        // Empty, too long (ChatBot:MaxQuestionLength) or binary questions are the engine's call
        // (InvalidQuestionException), so every surface words them the same way.
        var question = request!.Question!;

        var index = services.GetService<ICorpusIndex>();
        if (index is null || !index.IsReady)
        {
            context.Response.Headers.RetryAfter = "5";
            return ApiErrors.Result(StatusCodes.Status503ServiceUnavailable, "The corpus index is still loading; please retry in a few seconds.");
        }

        var engine = services.GetRequiredService<IAnswerEngine>();
        using var activity = ChatBotTelemetry.ActivitySource.StartActivity("chatbot.ask");
        activity?.SetTag("chatbot.surface", Surface);
        activity?.SetTag("chatbot.question.length", question.Length);
        LogQuestion(logger, Truncate(question));

        var stopwatch = Stopwatch.StartNew();
        try
        {
            // The client's conversation_id, kept apart per trusted user id when an adapter sends one.
            var askContext = AskContext.For(Surface, request.ConversationId, UserId(context));
            var answer = services.GetRequiredService<AnswerLedger>().Keep(await engine.AskAsync(question, askContext, context.RequestAborted));
            var elapsedMs = stopwatch.Elapsed.TotalMilliseconds;
            telemetry.RecordAnswer(answer, elapsedMs, Surface);
            activity?.SetTag("chatbot.answered", answer.Answered);
            activity?.SetTag("chatbot.answer.mode", answer.Mode);
            activity?.SetTag("chatbot.citations", answer.Citations.Count);
            LogAnswered(logger, answer.Answered, answer.Mode, answer.Citations.Count, elapsedMs, answer.Reason);
            return Results.Json(answer, ApiJsonContext.Readable.Answer);
        }
        catch (InvalidQuestionException ex)
        {
            telemetry.RecordError("invalid_question", Surface);
            activity?.SetStatus(ActivityStatusCode.Error, "invalid question");
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
            telemetry.RecordError("client_aborted", Surface);
            return Results.Empty;
        }
        catch (Exception ex)
        {
            telemetry.RecordError("internal", Surface);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            LogFailed(logger, ex);
            return ApiErrors.Result(StatusCodes.Status500InternalServerError, "Answering failed on the server; the error was logged.");
        }
    }

    private static async Task<(AskRequest? Request, IResult? Error)> ReadRequestAsync(HttpContext context, int maxBodyBytes)
    {
        var httpRequest = context.Request;
        if (httpRequest.ContentType is not null && !httpRequest.HasJsonContentType())
        {
            return (null, ApiErrors.Result(StatusCodes.Status415UnsupportedMediaType,
                "Send the question as JSON with Content-Type: application/json, e.g. {\"question\": \"...\"}."));
        }
        if (httpRequest.ContentLength > maxBodyBytes)
        {
            return (null, TooLarge(maxBodyBytes));
        }
        // Chunked bodies carry no length: let Kestrel stop reading at the limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBodyBytes;
        }

        AskRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(httpRequest.Body, ApiJsonContext.Readable.AskRequest, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return (null, ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrors.DescribeJsonError(ex, ApiJsonContext.Readable.AskRequest, "{\"question\": \"...\"}")));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBodyBytes));
        }

        if (request?.Question is null)
        {
            return (null, ApiErrors.Result(StatusCodes.Status400BadRequest,
                "The request has no \"question\": send {\"question\": \"...\"}."));
        }
        if (request.ConversationId is { Length: > MaxConversationIdLength })
        {
            return (null, ApiErrors.Result(StatusCodes.Status400BadRequest,
                $"\"conversation_id\" is longer than {MaxConversationIdLength} characters."));
        }
        return (request, null);
    }

    private static IResult TooLarge(int maxBodyBytes) =>
        ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {maxBodyBytes} bytes.");

    /// <summary>The adapter-supplied user id, only when the deployment trusts the header (as the rate limiter does).</summary>
    private static string? UserId(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.TrustUserIdHeader
            ? context.Request.Headers[ChatBot.Hosting.RateLimiting.ConfigureChatBotRateLimiter.UserIdHeader].FirstOrDefault()
            : null;

    private static string Truncate(string question) =>
        question.Length <= LoggedQuestionChars ? question : string.Concat(question.AsSpan(0, LoggedQuestionChars), "…");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Question: {Question}")]
    private static partial void LogQuestion(ILogger logger, string question);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered={Answered} mode={Mode} citations={Citations} in {ElapsedMs:F1} ms ({Reason})")]
    private static partial void LogAnswered(ILogger logger, bool answered, string mode, int citations, double elapsedMs, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
