using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Conversations;

/// <summary>The `Conversations` configuration section: how much history is kept for follow-up questions.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>Turns kept per conversation (the oldest go first).</summary>
    [Range(1, 100)] public int MaxTurns { get; set; } = 6;

    /// <summary>Conversations kept; the least recently used is forgotten beyond this.</summary>
    [Range(1, 1_000_000)] public int MaxConversations { get; set; } = 10_000;
}
