using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Moderation;

/// <summary>
/// Corpus moderation for every surface (CLI, HTTP, Discord, Teams), used unchanged by each: the surface
/// says who is asking and whether its own moderator rule admits them (<see cref="ModerationCaller"/>);
/// everything else (the upload limit, validation, the journal, the lock, publishing, the audit) is here.
/// </summary>
public interface ICorpusModeration
{
    /// <summary>Largest file accepted (Moderation:MaxUploadBytes), for surfaces that check a declared size early.</summary>
    long MaxUploadBytes { get; }

    Task<CorpusChangeResult> AddOrReplaceAsync(ModerationCaller caller, CorpusUpload upload, CancellationToken cancellationToken = default);
    Task<CorpusChangeResult> RemoveAsync(ModerationCaller caller, string fileName, CancellationToken cancellationToken = default);
    Task<CorpusChangeResult> UpdateMetadataAsync(ModerationCaller caller, string fileName, CorpusFileMetadata metadata, CancellationToken cancellationToken = default);
    Task<IndexResult> ReindexAsync(ModerationCaller caller, bool force = false, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CorpusFileInfo>> ListAsync(ModerationCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Audits a refusal the surface made before reaching an operation (e.g. a permission check of its own).</summary>
    Task RecordRefusalAsync(ModerationCaller caller, string action, string? fileName, CancellationToken cancellationToken = default);

    /// <summary>Audits input the surface rejected before it could be handed over (e.g. a request body over the limit).</summary>
    Task RecordRejectionAsync(ModerationCaller caller, string action, string? fileName, string reason, CancellationToken cancellationToken = default);
}

/// <summary>
/// The one moderation service. Every operation: refuse (and audit) a caller who is not a moderator;
/// validate everything before anything is written (a refused file leaves the corpus as it was, and is
/// audited as rejected); then, holding the data dir's lock (so a CLI and a server, or two CLIs, take
/// turns), journal the change, apply it, publish it and audit the outcome. From the journal on, the work
/// runs under the application's stopping token, not the caller's: a moderator who closes the tab or
/// loses the connection does not abandon a half-made change. A change that fails is rolled back.
/// </summary>
public sealed partial class CorpusModeration(
    ICorpusStore store,
    ICorpusPublisher publisher,
    ICorpusIndex index,
    CorpusChangeJournal journal,
    DataDirLock dataLock,
    IAuditLog audit,
    IOptions<ModerationOptions> options,
    TimeProvider time,
    ILogger<CorpusModeration> logger,
    IHostApplicationLifetime? lifetime = null) : ICorpusModeration
{
    public const int MaxFileNameLength = 128;
    public const int MaxMetadataLength = 500;
    public const string NotModerator = "Only moderators can manage the corpus.";

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    private CancellationToken Stopping => lifetime?.ApplicationStopping ?? CancellationToken.None;

    public Task<CorpusChangeResult> AddOrReplaceAsync(ModerationCaller caller, CorpusUpload upload, CancellationToken cancellationToken = default) =>
        AuditedAsync(caller, "add", upload.FileName, async report =>
        {
            var fileName = upload.FileName;
            ValidateFileName(fileName);
            if (upload.Metadata is not null) ValidateMetadata(upload.Metadata);
            var limit = MaxUploadBytes;
            if (upload.DeclaredBytes > limit) throw TooLarge(fileName, upload.DeclaredBytes.Value, limit);
            // Fetching (a download) still belongs to the caller: if they go away now, nothing has changed.
            var content = await upload.ReadAsync(limit, cancellationToken).ConfigureAwait(false);
            report.Sha256 = CorpusChangeJournal.Sha256(content);
            if (content.LongLength > limit) throw TooLarge(fileName, content.LongLength, limit);
            var text = CorpusFileReader.DecodeText(content, fileName);

            return await dataLock.RunExclusiveAsync(async () =>
            {
                await PrepareChangeAsync().ConfigureAwait(false);
                RefuseCaseOnlyCollision(fileName);
                var manifest = LoadManifest();
                var entry = Merge(fileName, manifest.Find(fileName), upload.Metadata);
                var document = CorpusLoader.ReadDocument(fileName, text, entry);
                if (string.IsNullOrWhiteSpace(document.Text))
                    throw new CorpusException($"{fileName} has no article text left after removing boilerplate (navigation, ads, comments); nothing was added.");
                var replaced = store.Read(fileName) is not null;
                var after = WithEntry(manifest, fileName, entry);
                var published = await CommitAsync(caller, report, "add", fileName, content, deletesFile: false, after, force: false).ConfigureAwait(false);
                return new CorpusChangeResult(fileName, report.Sha256, replaced, published.Documents, published.Chunks);
            }, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<CorpusChangeResult> RemoveAsync(ModerationCaller caller, string fileName, CancellationToken cancellationToken = default) =>
        AuditedAsync(caller, "remove", fileName, report =>
        {
            ValidateFileName(fileName);
            return dataLock.RunExclusiveAsync(async () =>
            {
                await PrepareChangeAsync().ConfigureAwait(false);
                var content = store.Read(fileName) ?? throw NotInCorpus(fileName);
                report.Sha256 = CorpusChangeJournal.Sha256(content);
                var manifest = LoadManifest();
                manifest.Documents.RemoveAll(d => string.Equals(d.File, fileName, StringComparison.OrdinalIgnoreCase));
                var published = await CommitAsync(caller, report, "remove", fileName, null, deletesFile: true, Serialize(manifest), force: false).ConfigureAwait(false);
                return new CorpusChangeResult(fileName, report.Sha256, false, published.Documents, published.Chunks);
            }, cancellationToken);
        }, cancellationToken);

    public Task<CorpusChangeResult> UpdateMetadataAsync(ModerationCaller caller, string fileName, CorpusFileMetadata metadata, CancellationToken cancellationToken = default) =>
        AuditedAsync(caller, "set-meta", fileName, report =>
        {
            ValidateFileName(fileName);
            ArgumentNullException.ThrowIfNull(metadata);
            if (metadata.IsEmpty) throw new CorpusException("Give at least one of title, outlet, author, date or url to change.");
            ValidateMetadata(metadata);
            return dataLock.RunExclusiveAsync(async () =>
            {
                await PrepareChangeAsync().ConfigureAwait(false);
                if (!store.FileNames().Contains(fileName, StringComparer.Ordinal)) throw NotInCorpus(fileName);
                var manifest = LoadManifest();
                var after = WithEntry(manifest, fileName, Merge(fileName, manifest.Find(fileName), metadata));
                var published = await CommitAsync(caller, report, "set-meta", fileName, null, deletesFile: false, after, force: false).ConfigureAwait(false);
                return new CorpusChangeResult(fileName, null, true, published.Documents, published.Chunks);
            }, cancellationToken);
        }, cancellationToken);

    public async Task<IndexResult> ReindexAsync(ModerationCaller caller, bool force = false, CancellationToken cancellationToken = default)
    {
        IndexResult? result = null;
        await AuditedAsync(caller, "reindex", null, report => dataLock.RunExclusiveAsync(async () =>
        {
            await PrepareChangeAsync().ConfigureAwait(false);
            result = await CommitAsync(caller, report, "reindex", null, null, deletesFile: false, null, force).ConfigureAwait(false);
            return new CorpusChangeResult("", null, false, result.Documents, result.Chunks);
        }, cancellationToken), cancellationToken).ConfigureAwait(false);
        return result!;
    }

    public async Task<IReadOnlyList<CorpusFileInfo>> ListAsync(ModerationCaller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.IsModerator)
        {
            await RecordRefusalAsync(caller, "list", null, cancellationToken).ConfigureAwait(false);
            throw new ModerationRefusedException(NotModerator);
        }
        var snapshot = index.IsReady ? index.Current : await index.EnsureReadyAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return snapshot.Sources.Select(s => new CorpusFileInfo(s.Source, s.Metadata, s.Chunks, s.ContentHash, s.DuplicateOf)).ToList();
    }

    public Task RecordRefusalAsync(ModerationCaller caller, string action, string? fileName, CancellationToken cancellationToken = default)
    {
        LogRefused(logger, action, caller.Surface);
        return audit.AppendAsync(new AuditEntry(time.GetUtcNow(), caller.Actor, action, Printable(fileName), null, AuditOutcome.Refused, "not a moderator", caller.Surface),
            CancellationToken.None);
    }

    public Task RecordRejectionAsync(ModerationCaller caller, string action, string? fileName, string reason, CancellationToken cancellationToken = default) =>
        audit.AppendAsync(new AuditEntry(time.GetUtcNow(), caller.Actor, action, Printable(fileName), null, AuditOutcome.Rejected, reason, caller.Surface),
            CancellationToken.None);

    /// <summary>Under the lock, before a change reads the store: the store catches up with what is published, then an interrupted change is finished.</summary>
    private async Task PrepareChangeAsync()
    {
        await store.RefreshAsync(Stopping).ConfigureAwait(false);
        await journal.RecoverAsync(Stopping).ConfigureAwait(false);
    }

    /// <summary>Journal, apply, publish, audit: the part that runs to the end whatever the caller does.</summary>
    private async Task<IndexResult> CommitAsync(ModerationCaller caller, ChangeReport report, string action, string? file, byte[]? content,
        bool deletesFile, string? manifestAfter, bool force)
    {
        var changesFiles = content is not null || deletesFile || manifestAfter is not null;
        var intent = journal.Begin(caller, action, file, content, deletesFile, manifestAfter, changesManifest: manifestAfter is not null);
        report.ChangeId = intent.Id;
        IndexResult published;
        try
        {
            journal.Apply(intent);
            published = await publisher.PublishAsync(force, Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            // Shutting down mid-change: the intent stays, and the next start completes it and audits it.
            report.Interrupted = true;
            throw;
        }
        catch (Exception ex)
        {
            LogRollingBack(logger, action, file, ex);
            if (changesFiles)
            {
                journal.RollBack(intent);
                try { await publisher.PublishAsync(false, Stopping).ConfigureAwait(false); }
                catch (Exception again) when (again is not OperationCanceledException) { LogRepublishFailed(logger, again); }
            }
            await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), caller.Actor, action, file, report.Sha256, AuditOutcome.Failed,
                (changesFiles ? "rolled back: " : "") + ex.Message, caller.Surface, intent.Id), CancellationToken.None).ConfigureAwait(false);
            report.Audited = true;
            journal.Complete(intent);
            throw;
        }
        await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), caller.Actor, action, file, report.Sha256, AuditOutcome.Ok,
            $"{published.Documents} documents, {published.Chunks} passages", caller.Surface, intent.Id), CancellationToken.None).ConfigureAwait(false);
        report.Audited = true;
        journal.Complete(intent);
        LogChanged(logger, action, file, caller.Actor, published.Documents, published.Chunks);
        return published;
    }

    /// <summary>Refuses non-moderators, runs the operation, and audits rejections and failures (successes are audited by CommitAsync).</summary>
    private async Task<CorpusChangeResult> AuditedAsync(ModerationCaller caller, string action, string? fileName,
        Func<ChangeReport, Task<CorpusChangeResult>> operation, CancellationToken cancellationToken)
    {
        if (!caller.IsModerator)
        {
            await RecordRefusalAsync(caller, action, fileName, cancellationToken).ConfigureAwait(false);
            throw new ModerationRefusedException(NotModerator);
        }
        var report = new ChangeReport();
        try
        {
            return await operation(report).ConfigureAwait(false);
        }
        catch (CorpusException ex) when (!report.Audited)
        {
            await AppendAsync(caller, action, fileName, report, AuditOutcome.Rejected, ex.Message).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (report.Interrupted || report.ChangeId is null)
        {
            // Interrupted: audited at the next start. Not started yet (the caller left while uploading): nothing changed.
            throw;
        }
        catch (Exception ex) when (!report.Audited)
        {
            await AppendAsync(caller, action, fileName, report, AuditOutcome.Failed, ex.Message).ConfigureAwait(false);
            throw;
        }
    }

    private Task AppendAsync(ModerationCaller caller, string action, string? fileName, ChangeReport report, string outcome, string detail) =>
        audit.AppendAsync(new AuditEntry(time.GetUtcNow(), caller.Actor, action, Printable(fileName), report.Sha256, outcome, detail, caller.Surface, report.ChangeId),
            CancellationToken.None);

    /// <summary>What an operation learnt on the way, for its audit entry.</summary>
    private sealed class ChangeReport
    {
        public string? Sha256 { get; set; }
        public string? ChangeId { get; set; }
        public bool Audited { get; set; }
        public bool Interrupted { get; set; }
    }

    /// <summary>
    /// `Case.txt` beside `case.txt`: two files on a case-sensitive disk, one manifest entry (the manifest
    /// matches names ignoring case), and passages cited under the wrong title. Refused up front.
    /// </summary>
    private void RefuseCaseOnlyCollision(string fileName)
    {
        var other = store.FileNames().FirstOrDefault(f => !string.Equals(f, fileName, StringComparison.Ordinal)
                                                          && string.Equals(f, fileName, StringComparison.OrdinalIgnoreCase));
        if (other is not null)
            throw new CorpusException($"'{fileName}' differs from the corpus file '{other}' only in upper/lower case; names must differ by more than case. To replace it, upload it as '{other}'.");
    }

    private CorpusManifest LoadManifest()
    {
        var json = store.ReadManifest();
        if (json is null) return new CorpusManifest();
        try
        {
            return JsonSerializer.Deserialize(json, CorpusJsonContext.Default.CorpusManifest) ?? new CorpusManifest();
        }
        catch (JsonException ex)
        {
            throw new CorpusException($"The corpus manifest is not valid JSON ({ex.Message}); fix it before changing the corpus.");
        }
    }

    private static string WithEntry(CorpusManifest manifest, string fileName, ManifestEntry entry)
    {
        // Ignoring case as the manifest's lookups do; case-only twins are refused before this.
        manifest.Documents.RemoveAll(d => string.Equals(d.File, fileName, StringComparison.OrdinalIgnoreCase));
        manifest.Documents.Add(entry);
        manifest.Documents.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
        return Serialize(manifest);
    }

    private static string Serialize(CorpusManifest manifest) => JsonSerializer.Serialize(manifest, CorpusJsonContext.Default.CorpusManifest) + "\n";

    private static CorpusException NotInCorpus(string fileName) => new($"{fileName} is not in the corpus.");

    private static CorpusException TooLarge(string fileName, long size, long limit) =>
        new($"{fileName} is {ModerationOptions.Describe(size)}; corpus files may be at most {ModerationOptions.Describe(limit)}. Nothing was changed.");

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
            if (value.Any(char.IsControl)) throw new CorpusException($"The {name} contains control characters.");
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

    /// <summary>A refused name is logged as given, but bounded: the log is for people to read.</summary>
    private static string? Printable(string? name) => name is null ? null : name.Length > 200 ? name[..200] + "…" : name;

    [GeneratedRegex(@"^[A-Za-z0-9_\-][A-Za-z0-9._\-]*$")]
    private static partial Regex SafeName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Corpus {Action} {File} by {Actor}: {Documents} documents, {Chunks} passages")]
    private static partial void LogChanged(ILogger logger, string action, string? file, string actor, int documents, int chunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Corpus {Action} refused on {Surface}: not a moderator")]
    private static partial void LogRefused(ILogger logger, string action, string surface);

    [LoggerMessage(Level = LogLevel.Error, Message = "Corpus {Action} of {File} failed; rolling it back")]
    private static partial void LogRollingBack(ILogger logger, string action, string? file, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-publishing the corpus after a rollback failed; the previous index stays in use")]
    private static partial void LogRepublishFailed(ILogger logger, Exception exception);
}
