using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;

namespace ChatBot.Qdrant;

/// <summary>
/// The corpus a writer changes: a base (the files of a published version, or the local corpus folder when
/// nothing is published yet) and this instance's changes not yet published. The changes are kept apart
/// from the base so that they apply again on top of a newer version another writer published meanwhile:
/// a file is replaced or removed whole, the manifest changes entry by entry (<see cref="PatchManifest"/>).
/// A change equal to the base cancels out, so a rolled-back change leaves nothing behind. The changes are
/// kept on disk (`{DataDir}/shared-corpus/`), so one the journal completed survives until it is published.
/// Not thread-safe: used under the data dir's lock.
/// </summary>
internal sealed class QdrantWorkingCopy
{
    private const string StateFile = "pending.json";

    private readonly string _folder;
    private readonly Dictionary<string, byte[]?> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ManifestEntry?> _entries = new(StringComparer.OrdinalIgnoreCase);

    public QdrantWorkingCopy(string folder)
    {
        _folder = folder;
        Load();
    }

    /// <summary>The published version the base is (null: the local corpus folder, nothing being published).</summary>
    public string? BaseVersion { get; private set; }

    /// <summary>The base, once <see cref="Attach"/> gave it (reading needs it; changing does not).</summary>
    public CorpusFiles? Base { get; private set; }

    public bool HasChanges => _files.Count > 0 || _entries.Count > 0;

    /// <summary>A (new) base under the changes, which are kept.</summary>
    public void Attach(string? baseVersion, CorpusFiles baseFiles)
    {
        BaseVersion = baseVersion;
        Base = baseFiles;
        // Changes equal to the new base have nothing left to do.
        var dropped = _files.Where(f => Same(baseFiles.Files.GetValueOrDefault(f.Key), f.Value)).Select(f => f.Key).ToList();
        foreach (var name in dropped) _files.Remove(name);
        var entries = Entries(baseFiles.Manifest);
        var settled = _entries.Where(e => Equals(entries.GetValueOrDefault(e.Key), e.Value)).Select(e => e.Key).ToList();
        foreach (var file in settled) _entries.Remove(file);
        if (dropped.Count + settled.Count > 0) Save();
    }

    /// <summary>The changes were published as <paramref name="version"/>: it is the base now.</summary>
    public void Published(string version, CorpusFiles files)
    {
        _files.Clear();
        _entries.Clear();
        Save();
        Attach(version, files);
    }

    public IReadOnlyList<string> FileNames() => [.. View(Attached).Files.Keys.Order(StringComparer.Ordinal)];

    public byte[]? Read(string fileName) => _files.TryGetValue(fileName, out var changed) ? changed : Attached.Files.GetValueOrDefault(fileName);

    public string? ReadManifest() => View(Attached).Manifest;

    public void Write(string fileName, byte[] content)
    {
        if (Base is { } b && Same(b.Files.GetValueOrDefault(fileName), content)) _files.Remove(fileName);
        else _files[fileName] = content;
        Save();
    }

    public void Delete(string fileName)
    {
        if (Base is { } b && !b.Files.ContainsKey(fileName)) _files.Remove(fileName);
        else _files[fileName] = null;
        Save();
    }

    /// <summary>The entries that differ between the two manifests become this working copy's, whatever the base holds for the others.</summary>
    public void PatchManifest(string? before, string? after)
    {
        var from = Entries(before);
        var to = Entries(after);
        var baseEntries = Base is { } b ? Entries(b.Manifest) : null;
        foreach (var file in from.Keys.Union(to.Keys, StringComparer.OrdinalIgnoreCase).ToList())
        {
            var entry = to.GetValueOrDefault(file);
            if (Equals(from.GetValueOrDefault(file), entry)) continue;
            if (baseEntries is not null && Equals(baseEntries.GetValueOrDefault(file), entry)) _entries.Remove(file);
            else _entries[file] = entry;
        }
        Save();
    }

    /// <summary>The corpus with this working copy's changes applied on <paramref name="onto"/> (its own base, or a newer version).</summary>
    public CorpusFiles View(CorpusFiles onto)
    {
        if (!HasChanges) return onto;
        var files = new Dictionary<string, byte[]>(onto.Files, StringComparer.Ordinal);
        foreach (var (name, content) in _files)
        {
            if (content is null) files.Remove(name);
            else files[name] = content;
        }
        if (_entries.Count == 0) return new CorpusFiles(files, onto.Manifest);
        var entries = Entries(onto.Manifest);
        foreach (var (file, entry) in _entries)
        {
            entries.Remove(file);
            // An entry for a file no longer in the corpus (another writer removed it) would be litter.
            if (entry is not null && files.ContainsKey(entry.File)) entries[file] = entry;
        }
        var manifest = new CorpusManifest { Documents = [.. entries.Values.OrderBy(e => e.File, StringComparer.Ordinal)] };
        return new CorpusFiles(files, JsonSerializer.Serialize(manifest, QdrantManifestJson.Default.CorpusManifest) + "\n");
    }

    /// <summary>Whether two corpora hold the same files and the same manifest entries.</summary>
    public static bool SameContent(CorpusFiles a, CorpusFiles b)
    {
        if (a.Files.Count != b.Files.Count) return false;
        foreach (var (name, content) in a.Files)
        {
            if (!b.Files.TryGetValue(name, out var other) || !Same(content, other)) return false;
        }
        if (a.Manifest == b.Manifest) return true;
        var (x, y) = (Entries(a.Manifest), Entries(b.Manifest));
        return x.Count == y.Count && x.All(e => y.TryGetValue(e.Key, out var other) && Equals(e.Value, other));
    }

    private CorpusFiles Attached => Base ?? throw new InvalidOperationException("The shared corpus's working copy is read before it caught up with the published version.");

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static Dictionary<string, ManifestEntry> Entries(string? manifest)
    {
        var result = new Dictionary<string, ManifestEntry>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(manifest)) return result;
        try
        {
            foreach (var entry in JsonSerializer.Deserialize(manifest, QdrantManifestJson.Default.CorpusManifest)?.Documents ?? []) result[entry.File] = entry;
        }
        catch (JsonException ex)
        {
            throw new CorpusException($"The corpus manifest is not valid JSON ({ex.Message}); fix it before changing the corpus.");
        }
        return result;
    }

    // ---- on disk: pending.json names the changes; each file's content is <sha256>.bin, written before it ----

    private void Save()
    {
        Directory.CreateDirectory(_folder);
        var state = new PendingChanges(
            _files.ToDictionary(f => f.Key, f => f.Value is null ? null : Convert.ToHexStringLower(SHA256.HashData(f.Value)), StringComparer.Ordinal),
            _entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase));
        foreach (var content in _files.Values.OfType<byte[]>())
        {
            var path = ContentPath(Convert.ToHexStringLower(SHA256.HashData(content)));
            if (!File.Exists(path)) AtomicFile.WriteAllBytes(path, content);
        }
        AtomicFile.WriteAllText(Path.Combine(_folder, StateFile), JsonSerializer.Serialize(state, QdrantManifestJson.Default.PendingChanges));
        var kept = state.Files.Values.OfType<string>().Select(ContentPath).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(_folder, "*.bin").Where(p => !kept.Contains(p))) File.Delete(stale);
    }

    private void Load()
    {
        var path = Path.Combine(_folder, StateFile);
        if (!File.Exists(path)) return;
        var state = JsonSerializer.Deserialize(File.ReadAllText(path), QdrantManifestJson.Default.PendingChanges)
                    ?? throw new InvalidDataException($"{path} is empty.");
        foreach (var (name, sha) in state.Files) _files[name] = sha is null ? null : File.ReadAllBytes(ContentPath(sha));
        foreach (var (file, entry) in state.Entries) _entries[file] = entry;
    }

    private string ContentPath(string sha256) => Path.Combine(_folder, sha256 + ".bin");
}

/// <summary>What pending.json holds: changed files (content hash, null = removed) and manifest entries (null = removed).</summary>
internal sealed record PendingChanges(Dictionary<string, string?> Files, Dictionary<string, ManifestEntry?> Entries);

/// <summary>manifest.json as moderators write it (indented, every field present), and the working copy's pending changes.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CorpusManifest))]
[JsonSerializable(typeof(PendingChanges))]
internal sealed partial class QdrantManifestJson : JsonSerializerContext;
