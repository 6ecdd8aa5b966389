using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Core.Search.VectorStores;

/// <summary>
/// <see cref="IChunkVectorIndex"/> over <see cref="EmbeddedVectorStoreCollection"/> files: one file per
/// index name (<c>index-&lt;name&gt;.cbvec</c>) plus a small <c>current.json</c> pointer, each written
/// crash-safely. Publishing = rewriting the pointer atomically, so a build that dies midway leaves
/// the previous pointer, and so the previous index, serving. Other processes (e.g. `chatbot index`
/// while `serve` runs) are noticed through the pointer file's timestamp.
/// </summary>
public sealed partial class EmbeddedChunkVectorIndex : IChunkVectorIndex, IDisposable
{
    public const string PointerFileName = "current.json";
    private const string CollectionPrefix = "index-";

    private readonly ILogger _logger;
    private readonly SemaphoreSlim _buildGate = new(1, 1);
    private readonly Lock _publishedGate = new();
    private Published? _published;

    public EmbeddedChunkVectorIndex(string directory, ILogger<EmbeddedChunkVectorIndex>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _logger = logger ?? NullLogger<EmbeddedChunkVectorIndex>.Instance;
    }

    public string Provider => "embedded";

    public string Directory { get; }

    private string PointerPath => Path.Combine(Directory, PointerFileName);

    public async Task BuildAsync(string indexName, IReadOnlyList<ChunkVectorRecord> records,
        IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexName);
        (records, var dimensions) = ChunkVectorRecords.PrepareForBuild(records);
        await _buildGate.WaitAsync(cancellationToken);
        try
        {
            if (await IsBuiltAsync(indexName, cancellationToken)) return;
            var collection = new EmbeddedVectorStoreCollection(Directory, CollectionPrefix + IndexNames.ToSafe(indexName), dimensions);
            if (!IsCompleteCopy(collection, records.Count))
            {
                // Heavy CPU + disk work: keep it off the caller's thread.
                await Task.Run(() => collection.ReplaceAll(records,
                    done => progress?.Report(new IndexProgress("Storing vectors", done, records.Count)), cancellationToken), cancellationToken);
            }
            else
            {
                progress?.Report(new IndexProgress("Storing vectors", records.Count, records.Count));
            }
            cancellationToken.ThrowIfCancellationRequested();
            var pointer = new IndexPointer(indexName, collection.Name, dimensions, records.Count, DateTimeOffset.UtcNow);
            WritePointer(pointer);
            lock (_publishedGate) _published = new Published(pointer, collection, PointerStamp());
            _logger.LogInformation("Published vector index {Index} ({Records} records, {Dimensions} dimensions)", indexName, records.Count, dimensions);
            DeleteStaleFiles(collection.Name);
        }
        finally
        {
            _buildGate.Release();
        }
    }

    public Task<bool> IsBuiltAsync(string indexName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexName);
        var current = Current();
        return Task.FromResult(current is not null && current.Pointer.Index == indexName && File.Exists(current.Collection.FilePath));
    }

    public Task<IReadOnlyList<(string ChunkId, double Score)>> SearchAsync(ReadOnlyMemory<float> query, int top, string? source = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var current = Current();
        if (current is null) return Task.FromResult<IReadOnlyList<(string, double)>>([]);
        var filter = source is null ? null : new FieldEqualsFilter(RecordField.Source, source);
        return Task.FromResult(current.Collection.SearchChunkIds(query.Span, top, filter));
    }

    public Task<VectorStoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var current = Current();
            if (current is null)
            {
                return Task.FromResult(new VectorStoreHealth(true, Provider, $"Embedded vector store at {Directory}: no index published yet."));
            }
            var records = current.Collection.Count; // loads the file: proves it is readable
            return Task.FromResult(new VectorStoreHealth(true, Provider,
                $"Embedded vector store at {Directory}: serving '{current.Pointer.Index}' ({records} records, {current.Pointer.Dimensions} dimensions).",
                current.Pointer.Index, records));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or Microsoft.Extensions.VectorData.VectorStoreException)
        {
            return Task.FromResult(new VectorStoreHealth(false, Provider, $"Embedded vector store at {Directory} is not usable: {e.Message}"));
        }
    }

    public void Dispose()
    {
        _buildGate.Dispose();
        _published?.Collection.Dispose();
    }

    /// <summary>A file from an earlier build of the same name is complete by construction (atomic rename); reuse it.</summary>
    private bool IsCompleteCopy(EmbeddedVectorStoreCollection collection, int expectedRecords)
    {
        if (!File.Exists(collection.FilePath)) return false;
        try
        {
            return collection.Count == expectedRecords;
        }
        catch (Microsoft.Extensions.VectorData.VectorStoreException e)
        {
            _logger.LogWarning("Rebuilding unreadable vector file {File}: {Reason}", collection.FilePath, e.Message);
            return false;
        }
    }

    /// <summary>The published index, re-read when the pointer file changed (another process may have published).</summary>
    private Published? Current()
    {
        var stamp = PointerStamp();
        lock (_publishedGate)
        {
            if (_published is { } cached && cached.Stamp == stamp) return cached;
            if (stamp is null)
            {
                _published = null;
                return null;
            }
            var pointer = ReadPointer();
            if (pointer is null) return _published = null;
            var collection = _published is { } previous && previous.Pointer.Collection == pointer.Collection && previous.Pointer.Index == pointer.Index
                ? previous.Collection
                : new EmbeddedVectorStoreCollection(Directory, pointer.Collection, pointer.Dimensions);
            return _published = new Published(pointer, collection, stamp);
        }
    }

    private (DateTime, long)? PointerStamp()
    {
        var info = new FileInfo(PointerPath);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : null;
    }

    private IndexPointer? ReadPointer()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(PointerPath), EmbeddedIndexJsonContext.Default.IndexPointer);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private void WritePointer(IndexPointer pointer)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temp = Path.Combine(Directory, $".{PointerFileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                JsonSerializer.Serialize(stream, pointer, EmbeddedIndexJsonContext.Default.IndexPointer);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, PointerPath, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Old index files and temp files left by crashed builds (older than a few minutes: a build may be writing one now).</summary>
    private void DeleteStaleFiles(string keepCollection)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
        {
            var name = Path.GetFileName(file);
            var staleIndex = name.StartsWith(CollectionPrefix, StringComparison.Ordinal) && name.EndsWith(EmbeddedVectorStoreCollection.FileExtension, StringComparison.Ordinal)
                && name != keepCollection + EmbeddedVectorStoreCollection.FileExtension;
            var staleTemp = name.EndsWith(".tmp", StringComparison.Ordinal) && File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddMinutes(-10);
            if (!staleIndex && !staleTemp) continue;
            try
            {
                File.Delete(file);
            }
            catch (IOException e)
            {
                _logger.LogWarning("Could not delete stale vector file {File}: {Reason}", file, e.Message);
            }
        }
    }

    private sealed record Published(IndexPointer Pointer, EmbeddedVectorStoreCollection Collection, (DateTime, long)? Stamp);
}

/// <summary>The content of <c>current.json</c>: which index file serves.</summary>
public sealed record IndexPointer(string Index, string Collection, int Dimensions, int Records, DateTimeOffset PublishedAt);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IndexPointer))]
internal sealed partial class EmbeddedIndexJsonContext : JsonSerializerContext;
