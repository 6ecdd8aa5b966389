namespace ChatBot.Http;

/// <summary>The HTTP routes of `serve`.</summary>
public static class ChatBotRoutes
{
    public const string Ask = "/api/ask";
    public const string Sources = "/api/sources";
    public const string Quiz = "/api/quiz";
    public const string QuizAnswer = "/api/quiz/answer";
    public const string Feedback = "/api/feedback";
    public const string Corpus = "/api/corpus";
    public const string Reindex = "/api/reindex";
    public const string Health = "/healthz";
    public const string Ready = "/readyz";

    /// <summary>The header moderators send their key in (Api:ModeratorApiKey).</summary>
    public const string ApiKeyHeader = "X-Api-Key";
}
