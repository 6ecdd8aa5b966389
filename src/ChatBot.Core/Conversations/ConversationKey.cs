namespace ChatBot.Core.Conversations;

/// <summary>
/// Which conversation memory a question continues: one per surface, place and person, so that in a
/// shared place (a Discord channel, a Teams channel thread) one person's follow-up is never read with
/// another person's question. The place is what the surface calls a conversation: a Discord channel or
/// thread, a Teams conversation, a client's HTTP <c>conversation_id</c>, a CLI chat session.
/// </summary>
public static class ConversationKey
{
    /// <summary>
    /// The key of <paramref name="user"/>'s conversation in <paramref name="place"/> on <paramref name="surface"/>,
    /// or null when there is no place (a one-off question has no memory). Each part is escaped before
    /// the parts are joined with '/', so no choice of ids can make two different triples share a key
    /// (an HTTP client picks its conversation_id freely).
    /// </summary>
    public static string? For(string? surface, string? place, string? user)
    {
        if (string.IsNullOrEmpty(place)) return null;
        return string.Join('/', Escape(surface), Escape(place), Escape(user));
    }

    private static string Escape(string? part) => Uri.EscapeDataString(part ?? "");
}
