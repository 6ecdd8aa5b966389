namespace ChatBot.Core.Conversations;

/// <summary>
/// Recent turns per conversation, so follow-up questions can be resolved. Its ids are the engine's
/// <see cref="Answering.AskContext.ConversationId"/>: one per surface, place and person (<see cref="ConversationKey"/>).
/// Bounded and thread-safe; a null or empty id means no conversation.
/// </summary>
public interface IConversationStore
{
    /// <summary>The most recent turns, oldest first; empty for an unknown (or null) id.</summary>
    IReadOnlyList<ConversationTurn> GetTurns(string? conversationId);

    /// <summary>Adds a turn, dropping the oldest beyond the per-conversation limit; ignored for a null id.</summary>
    void Append(string? conversationId, ConversationTurn turn);
}
