namespace ChatBot.Hosting.Readiness;

/// <summary>What the start-up index load came to, for /readyz.</summary>
public sealed class IndexWarmupState
{
    private volatile string? _failure;

    /// <summary>Why loading the index failed, or null while loading or once loaded.</summary>
    public string? Failure => _failure;

    internal void Fail(string reason) => _failure = reason;
}
