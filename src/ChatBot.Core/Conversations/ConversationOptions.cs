using Microsoft.Extensions.Options;

namespace ChatBot.Core.Conversations;

/// <summary>The `Conversations` configuration section: how much history is kept for follow-up questions.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>Turns kept per conversation (the oldest go first).</summary>
    public int MaxTurns { get; set; } = 6;

    /// <summary>Conversations kept; the least recently used is forgotten beyond this.</summary>
    public int MaxConversations { get; set; } = 10_000;
}

/// <summary>Start-up checks of the `Conversations` section; messages name the key.</summary>
internal sealed class ConversationOptionsValidator : IValidateOptions<ConversationOptions>
{
    public ValidateOptionsResult Validate(string? name, ConversationOptions options)
    {
        var errors = new List<string>();
        if (options.MaxTurns is < 1 or > 100) errors.Add($"Conversations:MaxTurns must be between 1 and 100 (got {options.MaxTurns}).");
        if (options.MaxConversations is < 1 or > 1_000_000) errors.Add($"Conversations:MaxConversations must be between 1 and 1000000 (got {options.MaxConversations}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
