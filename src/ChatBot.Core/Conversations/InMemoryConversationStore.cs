using ChatBot.Core.Caching;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Conversations;

/// <summary>
/// Keeps the last <see cref="ConversationOptions.MaxTurns"/> turns of at most
/// <see cref="ConversationOptions.MaxConversations"/> conversations in a bounded MemoryCache; when it
/// is full the least recently used conversations (read or written) are forgotten first.
/// </summary>
public sealed class InMemoryConversationStore(IOptions<ConversationOptions> options, TimeProvider? time = null) : IConversationStore, IDisposable
{
    private readonly int _maxTurns = options.Value.MaxTurns;
    private readonly BoundedMemoryCache<Queue<ConversationTurn>> _conversations = new(options.Value.MaxConversations, time);

    public int Count => _conversations.Count;

    public IReadOnlyList<ConversationTurn> GetTurns(string? conversationId)
    {
        if (string.IsNullOrEmpty(conversationId) || _conversations.Find(conversationId) is not { } turns) return [];
        lock (turns) return turns.ToArray();
    }

    public void Append(string? conversationId, ConversationTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (string.IsNullOrEmpty(conversationId)) return;
        var turns = _conversations.GetOrAdd(conversationId, () => new Queue<ConversationTurn>(_maxTurns));
        lock (turns)
        {
            turns.Enqueue(turn);
            while (turns.Count > _maxTurns) turns.Dequeue();
        }
    }

    public void Dispose() => _conversations.Dispose();
}
