using ChatBot.Core.Quiz;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Quiz;

public sealed class QuizSessionStoreTests
{
    // Only seed 101 has a passage: a session that goes on from seed 100 finds it, a fresh one (starting at a
    // random seed in the hundreds of millions) does not within its draws.
    private static string? OnlySeed101(int seed) => seed == 101 ? "passage" : null;

    [Fact]
    public void The_least_recently_used_session_is_dropped_when_full_and_the_others_go_on()
    {
        // Each use a millisecond after the last on a test clock, so "least recently used" is never a tie.
        using var store = new QuizSessionStore(capacity: 2, new TestClock { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) });
        store.Restart("ana", 100);
        store.Restart("ben", 100);
        Assert.Equal(100, store.NextSeed("ana", s => $"p{s}")); // ana used last: ben is the least recent

        store.Restart("cleo", 100);

        Assert.Equal(2, store.Count);
        Assert.Equal(101, store.NextSeed("ana", OnlySeed101));
        Assert.Equal(101, store.NextSeed("cleo", OnlySeed101));
        Assert.Null(store.NextSeed("ben", OnlySeed101));
    }

    [Fact]
    public async Task Concurrent_users_stay_within_bounds_and_each_session_never_repeats_a_passage()
    {
        using var store = new QuizSessionStore(capacity: 20);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var user = $"user-{(i * 7 + worker) % 50}";
                Assert.NotNull(store.NextSeed(user, s => $"p{s}"));
            }
        })));
        Assert.InRange(store.Count, 1, 20);

        store.Restart("solo", 0);
        var seeds = Enumerable.Range(0, 10).Select(_ => store.NextSeed("solo", s => $"p{s % 5}")).ToList();
        Assert.Equal([0, 1, 2, 3, 4], seeds.Take(5));
        Assert.All(seeds.Skip(5), s => Assert.NotNull(s)); // every passage asked: a repeat rather than nothing
    }
}
