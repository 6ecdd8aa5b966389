using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Moderation;

/// <summary>Metadata a moderator gives for a corpus file; null fields are left unknown (or, on update, unchanged).</summary>
public sealed record CorpusFileMetadata(string? Title = null, string? Outlet = null, string? Author = null, string? Date = null, string? Url = null)
{
    public bool IsEmpty => Title is null && Outlet is null && Author is null && Date is null && Url is null;
}

/// <summary>One corpus file as moderators see it: metadata, indexed passage count, and whether it repeats another file.</summary>
public sealed record CorpusFileInfo(string File, DocumentMetadata Metadata, int Chunks, string ContentHash, string? DuplicateOf);

/// <summary>Outcome of a change: the file, its content hash, and the index after the change.</summary>
public sealed record CorpusChangeResult(string File, string? Sha256, bool Replaced, int Documents, int Chunks);

/// <summary>Corpus management for moderators. Callers check permission first (<see cref="IModeratorPolicy"/>).</summary>
public interface ICorpusAdmin
{
    Task<CorpusChangeResult> AddOrReplaceAsync(string fileName, byte[] content, CorpusFileMetadata? metadata, string actor, CancellationToken cancellationToken = default);
    Task<CorpusChangeResult> RemoveAsync(string fileName, string actor, CancellationToken cancellationToken = default);
    Task<CorpusChangeResult> UpdateMetadataAsync(string fileName, CorpusFileMetadata metadata, string actor, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CorpusFileInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Records an attempt refused for lack of permission.</summary>
    Task RecordRefusedAsync(string action, string? fileName, string actor, CancellationToken cancellationToken = default);
}

/// <summary>
/// Adds, replaces, removes and re-describes corpus files. Everything is validated before anything is
/// written (a refused file leaves the corpus as it was); files and the manifest are written atomically;
/// then the index is rebuilt and swapped in whole, so questions keep being answered meanwhile. Every
/// attempt is written to the audit log.
/// </summary>
public sealed partial class CorpusAdmin(CorpusIndex index, IAuditLog audit, ILogger<CorpusAdmin> logger) : ICorpusAdmin
{
    public const int MaxFileNameLength = 128;
    public const int MaxMetadataLength = 500;

    // One change at a time: each reads the manifest, writes, and re-indexes.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task<CorpusChangeResult> AddOrReplaceAsync(string fileName, byte[] content, CorpusFileMetadata? metadata, string actor, CancellationToken cancellationToken = default) =>
        AuditedAsync("add", fileName, content is null ? null : Sha256(content), actor, async () =>
        {
            ValidateFileName(fileName);
            ArgumentNullException.ThrowIfNull(content);
            if (metadata is not null) ValidateMetadata(metadata);
            var text = CorpusFileReader.DecodeText(content, fileName);
            var manifest = CorpusManifest.Load(index.CorpusDir);
            var existing = manifest.Find(fileName);
            var entry = Merge(fileName, existing, metadata);
            var document = CorpusLoader.ReadDocument(fileName, text, entry);
            if (string.IsNullOrWhiteSpace(document.Text))
                throw new CorpusException($"{fileName} has no article text left after removing boilerplate (navigation, ads, comments); nothing was added.");

            var path = Path.Combine(index.CorpusDir, fileName);
            var replaced = File.Exists(path);
            AtomicFile.WriteAllBytes(path, content);
            manifest.Documents.RemoveAll(d => string.Equals(d.File, fileName, StringComparison.OrdinalIgnoreCase));
            manifest.Documents.Add(entry);
            manifest.Documents.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
            manifest.Save(index.CorpusDir);
            var result = await index.ReindexAsync(cancellationToken: cancellationToken);
            return new CorpusChangeResult(fileName, Sha256(content), replaced, result.Documents, result.Chunks);
        }, cancellationToken);

    public Task<CorpusChangeResult> RemoveAsync(string fileName, string actor, CancellationToken cancellationToken = default) =>
        AuditedAsync("remove", fileName, null, actor, async () =>
        {
            ValidateFileName(fileName);
            var path = Path.Combine(index.CorpusDir, fileName);
            if (!File.Exists(path)) throw new CorpusException($"{fileName} is not in the corpus.");
            var hash = Sha256(await File.ReadAllBytesAsync(path, cancellationToken));
            var manifest = CorpusManifest.Load(index.CorpusDir);
            // The manifest entry goes first: a crash in between leaves the file with derived metadata, and a retry removes it.
            if (manifest.Documents.RemoveAll(d => string.Equals(d.File, fileName, StringComparison.OrdinalIgnoreCase)) > 0) manifest.Save(index.CorpusDir);
            File.Delete(path);
            var result = await index.ReindexAsync(cancellationToken: cancellationToken);
            return new CorpusChangeResult(fileName, hash, false, result.Documents, result.Chunks);
        }, cancellationToken);

    public Task<CorpusChangeResult> UpdateMetadataAsync(string fileName, CorpusFileMetadata metadata, string actor, CancellationToken cancellationToken = default) =>
        AuditedAsync("set-meta", fileName, null, actor, async () =>
        {
            ValidateFileName(fileName);
            ArgumentNullException.ThrowIfNull(metadata);
            if (metadata.IsEmpty) throw new CorpusException("Give at least one of title, outlet, author, date or url to change.");
            ValidateMetadata(metadata);
            if (!File.Exists(Path.Combine(index.CorpusDir, fileName))) throw new CorpusException($"{fileName} is not in the corpus.");
            var manifest = CorpusManifest.Load(index.CorpusDir);
            var entry = Merge(fileName, manifest.Find(fileName), metadata);
            manifest.Documents.RemoveAll(d => string.Equals(d.File, fileName, StringComparison.OrdinalIgnoreCase));
            manifest.Documents.Add(entry);
            manifest.Documents.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
            manifest.Save(index.CorpusDir);
            var result = await index.ReindexAsync(cancellationToken: cancellationToken);
            return new CorpusChangeResult(fileName, null, true, result.Documents, result.Chunks);
        }, cancellationToken);

    public async Task<IReadOnlyList<CorpusFileInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await index.EnsureReadyAsync(cancellationToken: cancellationToken);
        return snapshot.Sources.Select(s => new CorpusFileInfo(s.Source, s.Metadata, s.Chunks, s.ContentHash, s.DuplicateOf)).ToList();
    }

    public Task RecordRefusedAsync(string action, string? fileName, string actor, CancellationToken cancellationToken = default) =>
        audit.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, actor, action, fileName, null, AuditOutcome.Refused, "not a moderator"), cancellationToken);

    /// <summary>A plain file name in the corpus folder: letters, digits, '.', '_' and '-'; no paths, no "..", no hidden files.</summary>
    public static void ValidateFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) throw new CorpusException("A file name is required.");
        if (fileName.Length > MaxFileNameLength) throw new CorpusException($"The file name is longer than {MaxFileNameLength} characters.");
        if (fileName.Contains('/') || fileName.Contains('\\') || fileName.Contains("..", StringComparison.Ordinal))
            throw new CorpusException($"'{fileName}' is not a plain file name: no folders and no '..' allowed.");
        if (!SafeName().IsMatch(fileName))
            throw new CorpusException($"'{fileName}' may only use letters A–Z, digits, '.', '_' and '-', and must not start with '.'.");
        if (string.Equals(fileName, CorpusManifest.FileName, StringComparison.OrdinalIgnoreCase))
            throw new CorpusException($"{CorpusManifest.FileName} is the corpus manifest; change metadata with set-meta instead.");
        if (!CorpusFileReader.IsSupported(fileName))
            throw new CorpusException($"{fileName}: only {string.Join(", ", CorpusFileReader.SupportedExtensions)} files can be added.");
    }

    private static void ValidateMetadata(CorpusFileMetadata m)
    {
        foreach (var (name, value) in new[] { ("title", m.Title), ("outlet", m.Outlet), ("author", m.Author), ("date", m.Date), ("url", m.Url) })
        {
            if (value is null) continue;
            if (value.Length > MaxMetadataLength) throw new CorpusException($"The {name} is longer than {MaxMetadataLength} characters.");
            if (value.Any(c => char.IsControl(c))) throw new CorpusException($"The {name} contains control characters.");
        }
        if (m.Title is { } title && string.IsNullOrWhiteSpace(title)) throw new CorpusException("The title must not be blank.");
        if (m.Url is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new CorpusException($"'{url}' is not an http(s) URL.");
        if (m.Date is { Length: > 0 } date && !DateOnly.TryParseExact(date, ["yyyy-MM-dd", "yyyy-MM", "yyyy"], out _) && !DateOnly.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, out _))
            throw new CorpusException($"'{date}' is not a date (use YYYY-MM-DD).");
    }

    private static ManifestEntry Merge(string fileName, ManifestEntry? existing, CorpusFileMetadata? m) => new(
        fileName,
        Blank(m?.Title) ?? existing?.Title,
        Blank(m?.Outlet) ?? existing?.Outlet,
        Blank(m?.Author) ?? existing?.Author,
        Blank(m?.Date) ?? existing?.Date,
        Blank(m?.Url) ?? existing?.Url);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private async Task<CorpusChangeResult> AuditedAsync(string action, string? fileName, string? sha, string actor, Func<Task<CorpusChangeResult>> change, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var result = await change();
            await audit.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, actor, action, fileName, result.Sha256 ?? sha, AuditOutcome.Ok), CancellationToken.None);
            logger.LogInformation("Corpus {Action} {File} by {Actor}: {Documents} documents, {Chunks} passages", action, fileName, actor, result.Documents, result.Chunks);
            return result;
        }
        catch (CorpusException ex)
        {
            await audit.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, actor, action, Printable(fileName), sha, AuditOutcome.Rejected, ex.Message), CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await audit.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, actor, action, Printable(fileName), sha, AuditOutcome.Failed, ex.Message), CancellationToken.None);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A refused name is logged as given, but bounded: the log is for people to read.</summary>
    private static string? Printable(string? name) => name is null ? null : name.Length > 200 ? name[..200] + "…" : name;

    [GeneratedRegex(@"^[A-Za-z0-9_\-][A-Za-z0-9._\-]*$")]
    private static partial Regex SafeName();
}
