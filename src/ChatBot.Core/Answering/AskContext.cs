using ChatBot.Core.Conversations;

namespace ChatBot.Core.Answering;

/// <summary>
/// Who is asking and in which conversation; lets the engine resolve follow-up questions.
/// <see cref="ConversationId"/> names the conversation memory the question continues (null: none).
/// Surfaces build it with <see cref="For"/>, so that it is one per surface, place and person.
/// </summary>
public sealed record AskContext(string? ConversationId = null, string? UserId = null, string? Surface = null)
{
    /// <summary>
    /// The context of <paramref name="user"/> asking in <paramref name="place"/> (a Discord channel or thread,
    /// a Teams conversation, an HTTP conversation_id, a CLI chat session) on <paramref name="surface"/>;
    /// no place, no memory. Every surface builds its contexts here (see <see cref="ConversationKey"/>).
    /// </summary>
    public static AskContext For(string surface, string? place, string? user) =>
        new(ConversationKey.For(surface, place, user), user, surface);
}
