using ChatBot.Core.Conversations;
using ChatBot.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatBot.Core.Tests.Conversations;

public sealed class ConversationStoreTests
{
    // Each use a millisecond after the last on a test clock, so "least recently used" is never a tie.
    private static InMemoryConversationStore Store(int maxTurns = 6, int maxConversations = 10_000) =>
        new(Options.Create(new ConversationOptions { MaxTurns = maxTurns, MaxConversations = maxConversations }), new TestClock { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) });

    private static ConversationTurn Turn(int i) => new($"question {i}", $"standalone {i}", $"answer {i}");

    [Fact]
    public void Keeps_the_last_turns_oldest_first()
    {
        var store = Store(maxTurns: 6);
        for (var i = 1; i <= 10; i++) store.Append("c1", Turn(i));

        Assert.Equal(Enumerable.Range(5, 6).Select(Turn), store.GetTurns("c1"));
    }

    [Fact]
    public void Conversations_are_kept_apart_and_unknown_or_null_ids_have_no_turns()
    {
        var store = Store();
        store.Append("a", Turn(1));
        store.Append("b", Turn(2));
        store.Append(null, Turn(3));
        store.Append("", Turn(4));

        Assert.Equal([Turn(1)], store.GetTurns("a"));
        Assert.Equal([Turn(2)], store.GetTurns("b"));
        Assert.Empty(store.GetTurns("c"));
        Assert.Empty(store.GetTurns(null));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void Least_recently_used_conversation_is_evicted_first()
    {
        var store = Store(maxConversations: 3);
        store.Append("a", Turn(1));
        store.Append("b", Turn(2));
        store.Append("c", Turn(3));
        store.GetTurns("a"); // reading counts as use: b is now the least recent

        store.Append("d", Turn(4));

        Assert.Equal(3, store.Count);
        Assert.Empty(store.GetTurns("b"));
        Assert.NotEmpty(store.GetTurns("a"));
        Assert.NotEmpty(store.GetTurns("c"));
        Assert.NotEmpty(store.GetTurns("d"));
    }

    [Fact]
    public void Returned_turns_are_a_snapshot()
    {
        var store = Store();
        store.Append("a", Turn(1));
        var before = store.GetTurns("a");
        store.Append("a", Turn(2));

        Assert.Single(before);
        Assert.Equal(2, store.GetTurns("a").Count);
    }

    [Fact]
    public async Task Concurrent_use_stays_within_bounds()
    {
        var store = Store(maxTurns: 4, maxConversations: 20);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var id = $"conversation-{(i * 7 + worker) % 50}";
                store.Append(id, Turn(i));
                Assert.InRange(store.GetTurns(id).Count, 0, 4);
            }
        })));

        Assert.InRange(store.Count, 1, 20);
        for (var i = 0; i < 50; i++) Assert.InRange(store.GetTurns($"conversation-{i}").Count, 0, 4);
    }
}
