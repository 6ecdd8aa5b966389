namespace ChatBot.Hosting.Readiness;

/// <summary>The reason codes /readyz gives: stable, short, and safe to show anyone.</summary>
public static class ReadinessReasons
{
    /// <summary>Key of a health check result's data that holds its reason code.</summary>
    public const string DataKey = "reason";

    public const string Ok = "ok";
    public const string ShuttingDown = "shutting_down";
    public const string IndexLoading = "index_loading";
    public const string IndexFailed = "index_failed";
    public const string VectorStoreUnavailable = "vector_store_unavailable";

    public static IReadOnlyDictionary<string, object> Data(string reason) => new Dictionary<string, object> { [DataKey] = reason };
}
