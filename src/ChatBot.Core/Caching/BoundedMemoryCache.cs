using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace ChatBot.Core.Caching;

/// <summary>
/// At most <c>capacity</c> values in a <see cref="MemoryCache"/>, dropping the least recently used
/// first. MemoryCache refuses a new entry once its size limit is reached (and compacts later, in the
/// background); here the cache is compacted first, so what is added now is always kept: a new
/// conversation or a just-rendered answer must not be the one that is lost.
/// </summary>
public sealed class BoundedMemoryCache<TValue> : IDisposable where TValue : class
{
    /// <summary>Share of the entries dropped when the cache is full: amortises MemoryCache's sort over many additions.</summary>
    private const double CompactionShare = 0.05;

    private readonly MemoryCache _cache;
    private readonly int _capacity;
    private readonly Lock _lock = new();

    /// <param name="time">The clock that orders entries by last use (a test clock in tests).</param>
    public BoundedMemoryCache(int capacity, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = capacity,
            Clock = new Clock(time ?? TimeProvider.System),
            CompactionPercentage = CompactionShare,
        });
    }

    public int Count => _cache.Count;

    /// <summary>The value under <paramref name="key"/>, which counts as a use.</summary>
    public TValue? Find(string key) => _cache.TryGetValue(key, out TValue? value) ? value : null;

    /// <summary>The value under <paramref name="key"/>, added with <paramref name="create"/> when absent.</summary>
    public TValue GetOrAdd(string key, Func<TValue> create)
    {
        lock (_lock)
        {
            if (_cache.TryGetValue(key, out TValue? existing) && existing is not null) return existing;
            var value = create();
            SetLocked(key, value);
            return value;
        }
    }

    public void Set(string key, TValue value)
    {
        lock (_lock) SetLocked(key, value);
    }

    private void SetLocked(string key, TValue value)
    {
        if (_cache.Count >= _capacity) _cache.Compact(Math.Max(CompactionShare, 1.0 / _cache.Count));
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1 });
    }

    public void Dispose() => _cache.Dispose();

    private sealed class Clock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
