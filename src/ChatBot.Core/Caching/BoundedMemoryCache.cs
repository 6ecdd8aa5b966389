using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace ChatBot.Core.Caching;

/// <summary>
/// Values in a <see cref="MemoryCache"/> whose sizes add up to at most <c>capacity</c> (each value counts
/// 1 unless a size function is given), optionally expiring a fixed time after they were set. MemoryCache
/// refuses a new entry once its size limit is reached (and compacts later, in the background); here room
/// is made first (expired entries, then the least recently used), so what is added now is always kept: a
/// new conversation or a just-rendered answer must not be the one that is lost.
/// </summary>
public sealed class BoundedMemoryCache<TValue> : IDisposable where TValue : class
{
    /// <summary>Share of the entries dropped per compaction when full: amortises MemoryCache's sort over many additions.</summary>
    private const double CompactionShare = 0.05;

    private readonly MemoryCache _cache;
    private readonly long _capacity;
    private readonly Func<TValue, long> _sizeOf;
    private readonly TimeSpan? _expireAfter;
    private readonly Lock _lock = new();

    /// <param name="capacity">The most the sizes of the values may add up to.</param>
    /// <param name="time">The clock for last use and expiry (a test clock in tests).</param>
    /// <param name="sizeOf">A value's size, in the units of <paramref name="capacity"/>; 1 when null.</param>
    /// <param name="expireAfter">How long a value is kept after it was set, used or not; for ever when null.</param>
    public BoundedMemoryCache(long capacity, TimeProvider? time = null, Func<TValue, long>? sizeOf = null, TimeSpan? expireAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _sizeOf = sizeOf ?? (_ => 1);
        _expireAfter = expireAfter;
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = capacity,
            Clock = new Clock(time ?? TimeProvider.System),
            // The current size, to make room before an addition, is only published through the statistics.
            TrackStatistics = true,
            // No background scans for expired entries: one running beside a compaction removes an entry from
            // the table before it takes its size off the total, and the compaction would then drop a live
            // entry for room that was already there. Expired entries go when read or when room is made.
            ExpirationScanFrequency = TimeSpan.FromDays(3650),
        });
    }

    public int Count => _cache.Count;

    /// <summary>The sizes of the values kept, added up.</summary>
    public long Size => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>The value under <paramref name="key"/>, which counts as a use.</summary>
    /// <remarks>Under the lock too: reading an expired entry removes it, which must not overlap a compaction.</remarks>
    public TValue? Find(string key)
    {
        lock (_lock) return _cache.TryGetValue(key, out TValue? value) ? value : null;
    }

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

    /// <summary>
    /// Keeps <paramref name="value"/> under <paramref name="key"/>, replacing what was there and dropping
    /// expired, then least recently used, values until it fits. A value larger than the whole capacity is not kept.
    /// </summary>
    public void Set(string key, TValue value)
    {
        lock (_lock) SetLocked(key, value);
    }

    public void Remove(string key)
    {
        lock (_lock) _cache.Remove(key);
    }

    private void SetLocked(string key, TValue value)
    {
        var size = _sizeOf(value);
        _cache.Remove(key); // a replaced value's size is not counted against its successor
        if (size > _capacity) return;
        while (_cache.Count > 0 && Size + size > _capacity)
        {
            // Compact drops expired entries first, then the least recently used, at least one entry a round
            // (1.5 / Count keeps the product of the two above 1 despite rounding).
            _cache.Compact(Math.Min(1.0, Math.Max(CompactionShare, 1.5 / _cache.Count)));
        }
        var entry = new MemoryCacheEntryOptions { Size = size };
        if (_expireAfter is { } expireAfter) entry.AbsoluteExpirationRelativeToNow = expireAfter;
        _cache.Set(key, value, entry);
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>MemoryCache reads time through ISystemClock; this lets it follow the app's TimeProvider (and tests' fake one).</summary>
    private sealed class Clock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
