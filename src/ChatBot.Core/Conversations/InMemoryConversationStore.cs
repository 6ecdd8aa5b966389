using Microsoft.Extensions.Options;

namespace ChatBot.Core.Conversations;

/// <summary>
/// Keeps the last <see cref="ConversationOptions.MaxTurns"/> turns of at most
/// <see cref="ConversationOptions.MaxConversations"/> conversations in memory, evicting the least
/// recently used conversation (read or written) first. One lock: every operation is O(1) and tiny.
/// </summary>
public sealed class InMemoryConversationStore(IOptions<ConversationOptions> options) : IConversationStore
{
    private readonly int _maxTurns = options.Value.MaxTurns;
    private readonly int _maxConversations = options.Value.MaxConversations;
    private readonly Dictionary<string, LinkedListNode<Entry>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new(); // most recently used first
    private readonly Lock _lock = new();

    private sealed record Entry(string Id, Queue<ConversationTurn> Turns);

    public int Count
    {
        get { lock (_lock) return _byId.Count; }
    }

    public IReadOnlyList<ConversationTurn> GetTurns(string? conversationId)
    {
        if (string.IsNullOrEmpty(conversationId)) return [];
        lock (_lock)
        {
            if (!_byId.TryGetValue(conversationId, out var node)) return [];
            Touch(node);
            return node.Value.Turns.ToArray();
        }
    }

    public void Append(string? conversationId, ConversationTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (string.IsNullOrEmpty(conversationId)) return;
        lock (_lock)
        {
            if (_byId.TryGetValue(conversationId, out var node))
            {
                Touch(node);
            }
            else
            {
                node = _recency.AddFirst(new Entry(conversationId, new Queue<ConversationTurn>(_maxTurns)));
                _byId[conversationId] = node;
                while (_byId.Count > _maxConversations)
                {
                    var oldest = _recency.Last!;
                    _recency.RemoveLast();
                    _byId.Remove(oldest.Value.Id);
                }
            }
            var turns = node.Value.Turns;
            turns.Enqueue(turn);
            while (turns.Count > _maxTurns) turns.Dequeue();
        }
    }

    private void Touch(LinkedListNode<Entry> node)
    {
        if (node == _recency.First) return;
        _recency.Remove(node);
        _recency.AddFirst(node);
    }
}
