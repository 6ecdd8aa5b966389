using System.Linq.Expressions;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.VectorData;

namespace ChatBot.Core.Search.VectorStores;

/// <summary>
/// A vector store collection kept in one file in the data dir and searched exactly (cosine) in
/// memory. Vectors are stored unit-length in one contiguous float[] so a search is one SIMD dot
/// product per row. Every write rewrites the file crash-safely (temp file, fsync, atomic rename),
/// so a reader never sees half a file. The file is loaded lazily on first use.
/// </summary>
/// <remarks>Like Qdrant with cosine distance, vectors read back are the stored unit-length ones.</remarks>
public sealed partial class EmbeddedVectorStoreCollection : VectorStoreCollection<Guid, ChunkVectorRecord>
{
    public const string SystemName = "chatbot-embedded";
    public const string FileExtension = ".cbvec";

    private static readonly byte[] Magic = "CBVEC01\n"u8.ToArray();
    private static readonly byte[] Footer = "CBVEND\n\n"u8.ToArray();

    /// <summary>Above this many stored floats (~8 MB) a search is spread over the cores.</summary>
    private const long ParallelScanFloats = 2_000_000;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private Rows? _rows;      // null: collection does not exist (after loading)
    private bool _loaded;

    public EmbeddedVectorStoreCollection(string directory, string name, int dimensions = ChunkVectorRecord.DefaultDimensions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!ValidName().IsMatch(name ?? ""))
        {
            throw new ArgumentException($"Collection name '{name}' is invalid: use letters, digits, '-', '_' and '.' (at most 200).", nameof(name));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Name = name!;
        Dimensions = dimensions;
        Directory = Path.GetFullPath(directory);
        FilePath = Path.Combine(Directory, Name + FileExtension);
    }

    /// <summary>Takes the dimensions from the definition's vector property (e.g. 1536 for OpenAI models).</summary>
    public EmbeddedVectorStoreCollection(string directory, string name, VectorStoreCollectionDefinition definition)
        : this(directory, name, ChunkVectorRecords.DimensionsFrom(definition, "the embedded store"))
    {
    }

    public override string Name { get; }

    public int Dimensions { get; }

    public string Directory { get; }

    public string FilePath { get; }

    /// <summary>How many records the collection holds (0 when it does not exist).</summary>
    public int Count => Read(rows => rows?.Count ?? 0);

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(rows => rows is not null));

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        Write(() =>
        {
            if (_rows is not null) return;
            var rows = new Rows(Dimensions);
            Persist(rows);
            _rows = rows;
        });
        return Task.CompletedTask;
    }

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        Write(() =>
        {
            File.Delete(FilePath);
            _rows = null;
            _loaded = true;
        });
        return Task.CompletedTask;
    }

    public override Task<ChunkVectorRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(rows =>
        {
            var existing = Require(rows, "Get");
            return existing.RowOf.TryGetValue(key, out var row) ? existing.ToRecord(row, options?.IncludeVectors == true) : null;
        }));

    public override async IAsyncEnumerable<ChunkVectorRecord> GetAsync(IEnumerable<Guid> keys, RecordRetrievalOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = Read(rows =>
        {
            var existing = Require(rows, "Get");
            var list = new List<ChunkVectorRecord>();
            foreach (var key in keys)
            {
                if (existing.RowOf.TryGetValue(key, out var row)) list.Add(existing.ToRecord(row, options?.IncludeVectors == true));
            }
            return list;
        });
        foreach (var record in found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }
        await Task.CompletedTask;
    }

    public override async IAsyncEnumerable<ChunkVectorRecord> GetAsync(Expression<Func<ChunkVectorRecord, bool>> filter, int top,
        FilteredRecordRetrievalOptions<ChunkVectorRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var predicate = RecordFilter.From(filter)!;
        var skip = options?.Skip ?? 0;
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        var found = Read(rows =>
        {
            var existing = Require(rows, "Get");
            IEnumerable<int> matching = Enumerable.Range(0, existing.Count).Where(i => predicate.Matches(existing.Meta[i]));
            if (options?.OrderBy is { } orderBy) matching = Order(matching, existing, orderBy(new()).Values);
            return matching.Skip(skip).Take(top).Select(i => existing.ToRecord(i, options?.IncludeVectors == true)).ToList();
        });
        foreach (var record in found)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }
        await Task.CompletedTask;
    }

    public override Task DeleteAsync(Guid key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    public override Task DeleteAsync(IEnumerable<Guid> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Write(() =>
        {
            var rows = Require(_rows, "Delete");
            var removed = false;
            foreach (var key in keys) removed |= rows.Remove(key);
            if (removed) Persist(rows);
        });
        return Task.CompletedTask;
    }

    public override Task UpsertAsync(ChunkVectorRecord record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    public override Task UpsertAsync(IEnumerable<ChunkVectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var batch = records.ToList();
        foreach (var record in batch) Validate(record);
        Write(() =>
        {
            var rows = Require(_rows, "Upsert");
            foreach (var record in batch) rows.Upsert(record);
            Persist(rows);
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// Replaces the whole content with <paramref name="records"/> in one write (creating the
    /// collection), reporting progress; the file only appears once complete.
    /// </summary>
    internal void ReplaceAll(IReadOnlyList<ChunkVectorRecord> records, Action<int>? progress, CancellationToken cancellationToken)
    {
        var rows = new Rows(Dimensions, records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Validate(records[i]);
            rows.Upsert(records[i]);
            if ((i + 1) % 1024 == 0) progress?.Invoke(i + 1);
        }
        cancellationToken.ThrowIfCancellationRequested();
        Write(() =>
        {
            Persist(rows);
            _rows = rows;
            _loaded = true;
        });
        progress?.Invoke(records.Count);
    }

    public override async IAsyncEnumerable<VectorSearchResult<ChunkVectorRecord>> SearchAsync<TInput>(TInput searchValue, int top,
        VectorSearchOptions<ChunkVectorRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var skip = options?.Skip ?? 0;
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        var vector = VectorInput.ToVector(searchValue);
        VectorInput.EnsureDimensions(vector.Span, Dimensions, Name, "Search vector");
        var filter = RecordFilter.From(options?.Filter);
        var query = VectorInput.Normalized(vector.Span);
        var results = Read(rows =>
        {
            var existing = Require(rows, "Search");
            return existing.TopMatches(query, top, skip, filter, options?.ScoreThreshold)
                .Select(hit => new VectorSearchResult<ChunkVectorRecord>(existing.ToRecord(hit.Row, options?.IncludeVectors == true), hit.Score))
                .ToList();
        });
        foreach (var result in results)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return result;
        }
        await Task.CompletedTask;
    }

    /// <summary>Exact top-k by cosine without materialising records: (chunk id, score), best first.</summary>
    public IReadOnlyList<(string ChunkId, double Score)> SearchChunkIds(ReadOnlySpan<float> vector, int top, RecordFilter? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        VectorInput.EnsureDimensions(vector, Dimensions, Name, "Search vector");
        var query = VectorInput.Normalized(vector);
        return Read(rows => Require(rows, "Search").TopMatches(query, top, 0, filter, null)
            .Select(hit => (rows!.Meta[hit.Row].ChunkId, hit.Score)).ToList());
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(VectorStoreCollectionMetadata))
        {
            return new VectorStoreCollectionMetadata { VectorStoreSystemName = SystemName, VectorStoreName = Directory, CollectionName = Name };
        }
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _lock.Dispose();
        base.Dispose(disposing);
    }

    private void Validate(ChunkVectorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Key == Guid.Empty) throw new ArgumentException("Record key must not be empty; use ChunkVectorRecord.KeyFor(chunkId).");
        VectorInput.EnsureDimensions(record.Embedding.Span, Dimensions, Name, $"Embedding of record {record.Key}");
    }

    private T Read<T>(Func<Rows?, T> read)
    {
        EnsureLoaded();
        _lock.EnterReadLock();
        try { return read(_rows); }
        finally { _lock.ExitReadLock(); }
    }

    private void Write(Action write)
    {
        EnsureLoaded();
        _lock.EnterWriteLock();
        try { write(); }
        finally { _lock.ExitWriteLock(); }
    }

    private void EnsureLoaded()
    {
        if (Volatile.Read(ref _loaded)) return;
        _lock.EnterWriteLock();
        try
        {
            if (_loaded) return;
            _rows = File.Exists(FilePath) ? Load() : null;
            Volatile.Write(ref _loaded, true);
        }
        finally { _lock.ExitWriteLock(); }
    }

    private Rows Require(Rows? rows, string operation) => rows ?? throw new VectorStoreException(
        $"Collection '{Name}' does not exist (no file {FilePath}); call EnsureCollectionExistsAsync first.")
    {
        VectorStoreSystemName = SystemName,
        CollectionName = Name,
        OperationName = operation,
    };

    private Rows Load()
    {
        using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw Corrupt("not a ChatBot vector file");
            var dimensions = reader.ReadInt32();
            var count = reader.ReadInt32();
            if (dimensions != Dimensions)
            {
                throw new VectorStoreException(
                    $"Collection '{Name}' on disk has {dimensions} dimensions but {Dimensions} were configured; rebuild the index or fix the configured dimensions.")
                { VectorStoreSystemName = SystemName, CollectionName = Name, OperationName = "Load" };
            }
            if (count < 0) throw Corrupt("negative count");
            var rows = new Rows(dimensions, count);
            for (var i = 0; i < count; i++)
            {
                var key = new Guid(reader.ReadBytes(16));
                rows.AddMeta(new ChunkVectorRecord { Key = key, ChunkId = reader.ReadString(), Source = reader.ReadString(), Text = reader.ReadString() });
            }
            stream.ReadExactly(MemoryMarshal.AsBytes(rows.Vectors.AsSpan(0, count * dimensions)));
            if (!reader.ReadBytes(Footer.Length).AsSpan().SequenceEqual(Footer)) throw Corrupt("missing footer");
            return rows;
        }
        catch (EndOfStreamException e)
        {
            throw Corrupt("truncated", e);
        }
    }

    private VectorStoreException Corrupt(string why, Exception? inner = null) =>
        new($"Vector file {FilePath} is unreadable ({why}); delete it and re-index.", inner!)
        { VectorStoreSystemName = SystemName, CollectionName = Name, OperationName = "Load" };

    /// <summary>Temp file, fsync, atomic rename over the old file: a crash leaves the old or the new file, never half.</summary>
    private void Persist(Rows rows)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temp = Path.Combine(Directory, $".{Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(rows.Dimensions);
                writer.Write(rows.Count);
                for (var i = 0; i < rows.Count; i++)
                {
                    var meta = rows.Meta[i];
                    writer.Write(meta.Key.ToByteArray());
                    writer.Write(meta.ChunkId);
                    writer.Write(meta.Source);
                    writer.Write(meta.Text);
                }
                writer.Flush();
                stream.Write(MemoryMarshal.AsBytes(rows.Vectors.AsSpan(0, rows.Count * rows.Dimensions)));
                stream.Write(Footer);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, FilePath, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static IEnumerable<int> Order(IEnumerable<int> rows, Rows store,
        IReadOnlyList<FilteredRecordRetrievalOptions<ChunkVectorRecord>.OrderByDefinition.SortInfo> sorts)
    {
        IOrderedEnumerable<int>? ordered = null;
        foreach (var sort in sorts)
        {
            var selector = sort.PropertySelector.Compile();
            Func<int, object?> key = i => selector(store.Meta[i]);
            ordered = ordered is null
                ? sort.Ascending ? rows.OrderBy(key, Comparer<object?>.Default) : rows.OrderByDescending(key, Comparer<object?>.Default)
                : sort.Ascending ? ordered.ThenBy(key, Comparer<object?>.Default) : ordered.ThenByDescending(key, Comparer<object?>.Default);
        }
        return ordered ?? rows;
    }


    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,200}$")]
    private static partial Regex ValidName();

    /// <summary>The in-memory rows: metadata (records without vectors) and unit vectors back to back.</summary>
    private sealed class Rows(int dimensions, int capacity = 16)
    {
        public int Dimensions { get; } = dimensions;
        public List<ChunkVectorRecord> Meta { get; } = new(capacity);
        public Dictionary<Guid, int> RowOf { get; } = new(capacity);
        public float[] Vectors { get; private set; } = new float[Math.Max(capacity, 1) * dimensions];
        public int Count => Meta.Count;

        public void AddMeta(ChunkVectorRecord meta)
        {
            if (!RowOf.TryAdd(meta.Key, Meta.Count)) throw new InvalidDataException($"Duplicate key {meta.Key} in vector file.");
            Meta.Add(meta);
        }

        public void Upsert(ChunkVectorRecord record)
        {
            var meta = new ChunkVectorRecord { Key = record.Key, ChunkId = record.ChunkId ?? "", Source = record.Source ?? "", Text = record.Text ?? "" };
            if (RowOf.TryGetValue(record.Key, out var row))
            {
                Meta[row] = meta;
            }
            else
            {
                row = Meta.Count;
                EnsureCapacity(row + 1);
                RowOf[record.Key] = row;
                Meta.Add(meta);
            }
            VectorInput.Normalize(record.Embedding.Span, Vectors.AsSpan(row * Dimensions, Dimensions));
        }

        /// <summary>Swap-remove: the last row moves into the hole.</summary>
        public bool Remove(Guid key)
        {
            if (!RowOf.Remove(key, out var row)) return false;
            var last = Meta.Count - 1;
            if (row != last)
            {
                Meta[row] = Meta[last];
                RowOf[Meta[row].Key] = row;
                Vectors.AsSpan(last * Dimensions, Dimensions).CopyTo(Vectors.AsSpan(row * Dimensions, Dimensions));
            }
            Meta.RemoveAt(last);
            return true;
        }

        public ChunkVectorRecord ToRecord(int row, bool includeVector)
        {
            var meta = Meta[row];
            return new ChunkVectorRecord
            {
                Key = meta.Key,
                ChunkId = meta.ChunkId,
                Source = meta.Source,
                Text = meta.Text,
                Embedding = includeVector ? Vectors.AsSpan(row * Dimensions, Dimensions).ToArray() : ReadOnlyMemory<float>.Empty,
            };
        }

        /// <summary>
        /// Exact search: one SIMD dot product per row, a bounded min-heap keeps the best top + skip.
        /// Large collections are scanned in one slice per core and the slices' bests merged.
        /// </summary>
        public List<(int Row, double Score)> TopMatches(float[] query, int top, int skip, RecordFilter? filter, double? threshold)
        {
            var keep = top + skip;
            var minimum = threshold is { } t ? (float)t : float.NegativeInfinity;
            var slices = (long)Count * Dimensions >= ParallelScanFloats ? Math.Min(Environment.ProcessorCount, 16) : 1;
            List<(int Row, float Score)> best;
            if (slices <= 1)
            {
                best = Scan(query, 0, Count, keep, filter, minimum);
            }
            else
            {
                var parts = new List<(int Row, float Score)>[slices];
                var size = (Count + slices - 1) / slices;
                Parallel.For(0, slices, slice =>
                    parts[slice] = Scan(query, slice * size, Math.Min(Count, (slice + 1) * size), keep, filter, minimum));
                best = [.. parts.SelectMany(p => p)];
            }
            return [.. best.OrderByDescending(x => x.Score).ThenBy(x => x.Row).Skip(skip).Take(top).Select(x => (x.Row, (double)x.Score))];
        }

        private List<(int Row, float Score)> Scan(float[] query, int from, int to, int keep, RecordFilter? filter, float minimum)
        {
            var heap = new PriorityQueue<int, float>(Math.Min(keep, Math.Max(to - from, 0)) + 1);
            var vectors = Vectors.AsSpan();
            for (var row = from; row < to; row++)
            {
                if (filter is not null && !filter.Matches(Meta[row])) continue;
                var score = TensorPrimitives.Dot(vectors.Slice(row * Dimensions, Dimensions), query);
                if (score < minimum) continue;
                if (heap.Count < keep) heap.Enqueue(row, score);
                else if (heap.TryPeek(out _, out var worst) && score > worst) heap.EnqueueDequeue(row, score);
            }
            var found = new List<(int Row, float Score)>(heap.Count);
            while (heap.TryDequeue(out var row, out var score)) found.Add((row, score));
            return found;
        }

        private void EnsureCapacity(int rows)
        {
            if (rows * Dimensions <= Vectors.Length) return;
            var grown = new float[Math.Max(rows, Vectors.Length / Dimensions * 2) * Dimensions];
            Vectors.AsSpan().CopyTo(grown);
            Vectors = grown;
        }
    }
}
