namespace ChatBot.Hosting.Api;

/// <summary>The HTTP routes of `serve` (docs/hosting.md).</summary>
public static class ChatBotRoutes
{
    public const string Ask = "/api/ask";
    public const string Sources = "/api/sources";
    public const string Reindex = "/api/reindex";
    public const string Health = "/healthz";
    public const string Ready = "/readyz";
}
