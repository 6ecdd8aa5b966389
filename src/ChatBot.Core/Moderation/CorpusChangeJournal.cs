using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Moderation;

/// <summary>
/// A corpus change as journaled before any corpus file is touched: who, what, and everything needed to
/// finish it or undo it (the new content staged beside the journal, the old content backed up, the
/// manifest before and after).
/// </summary>
public sealed record CorpusChangeIntent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("surface")] string Surface,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("sha256")] string? Sha256,
    [property: JsonPropertyName("writes_file")] bool WritesFile,
    [property: JsonPropertyName("deletes_file")] bool DeletesFile,
    [property: JsonPropertyName("had_file")] bool HadFile,
    [property: JsonPropertyName("manifest_before")] string? ManifestBefore,
    [property: JsonPropertyName("manifest_after")] string? ManifestAfter,
    [property: JsonPropertyName("changes_manifest")] bool ChangesManifest);

/// <summary>
/// The write-ahead journal of corpus changes, in `{DataDir}/moderation/`. A change is: stage the new
/// content and back up the old (fsynced), write the intent (fsynced, atomically), apply it to the
/// <see cref="ICorpusStore"/>, publish, audit the outcome, then delete the journal files. Whatever
/// interrupts it (a crash, kill -9, shutdown mid-publish) leaves the intent behind, and the next start
/// completes the change, or rolls it back when it cannot be completed, and audits which. All of it runs
/// under the <see cref="DataDirLock"/>, so only one process at a time writes or recovers.
/// </summary>
public sealed partial class CorpusChangeJournal(
    IOptions<ChatBotOptions> options,
    ICorpusStore store,
    IAuditLog audit,
    DataDirLock dataLock,
    TimeProvider time,
    ILogger<CorpusChangeJournal> logger) : ICorpusPreparation
{
    public const string FolderName = "moderation";
    public const string IntentFileName = "pending.json";

    /// <summary>The change this process is making right now: never "recovered" by its own re-index.</summary>
    private volatile string? _inFlight;

    public string Folder => Path.Combine(Path.GetFullPath(options.Value.DataDir), FolderName);

    private string IntentPath => Path.Combine(Folder, IntentFileName);
    private string StagedPath(string id) => Path.Combine(Folder, id + ".new");
    private string BackupPath(string id) => Path.Combine(Folder, id + ".old");

    /// <summary>The interrupted change waiting to be finished, if any.</summary>
    public CorpusChangeIntent? Pending()
    {
        if (!File.Exists(IntentPath)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(IntentPath), JournalJsonContext.Default.CorpusChangeIntent);
        }
        catch (JsonException)
        {
            return null; // written atomically, so never torn; unreadable means edited by hand: left for a person
        }
    }

    /// <summary>
    /// Journals a change (must hold the lock): <paramref name="content"/> is the new file content for an
    /// add, null otherwise. When this returns, the change survives any crash: it will be finished or undone.
    /// </summary>
    public CorpusChangeIntent Begin(ModerationCaller caller, string action, string? file, byte[]? content, bool deletesFile,
        string? manifestAfter, bool changesManifest)
    {
        EnsureHeld();
        Directory.CreateDirectory(Folder);
        var id = $"{time.GetUtcNow():yyyyMMddTHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var old = file is null ? null : store.Read(file);
        if (content is not null) AtomicFile.WriteAllBytes(StagedPath(id), content);
        if (old is not null) AtomicFile.WriteAllBytes(BackupPath(id), old);
        var intent = new CorpusChangeIntent(id, time.GetUtcNow(), caller.Surface, caller.Actor, action, file,
            content is not null ? Sha256(content) : old is not null ? Sha256(old) : null,
            WritesFile: content is not null, DeletesFile: deletesFile, HadFile: old is not null,
            ManifestBefore: store.ReadManifest(), ManifestAfter: manifestAfter, ChangesManifest: changesManifest);
        // The intent is written last: its presence means everything it refers to is on disk.
        _inFlight = id;
        AtomicFile.WriteAllText(IntentPath, JsonSerializer.Serialize(intent, JournalJsonContext.Default.CorpusChangeIntent));
        return intent;
    }

    /// <summary>Applies the journaled change to the corpus store; repeatable (a recovery may apply it again).</summary>
    public void Apply(CorpusChangeIntent intent)
    {
        if (intent.WritesFile)
        {
            var staged = File.ReadAllBytes(StagedPath(intent.Id));
            if (Sha256(staged) != intent.Sha256) throw new InvalidDataException($"The staged content of change {intent.Id} does not match its hash.");
            store.Write(intent.File!, staged);
        }
        if (intent.DeletesFile) store.Delete(intent.File!);
        if (intent.ChangesManifest) store.PatchManifest(intent.ManifestBefore, intent.ManifestAfter);
    }

    /// <summary>Puts the corpus back as it was before the change.</summary>
    public void RollBack(CorpusChangeIntent intent)
    {
        if (intent.WritesFile || intent.DeletesFile)
        {
            if (intent.HadFile) store.Write(intent.File!, File.ReadAllBytes(BackupPath(intent.Id)));
            else store.Delete(intent.File!);
        }
        if (intent.ChangesManifest) store.PatchManifest(intent.ManifestAfter, intent.ManifestBefore);
    }

    /// <summary>Forgets a change whose outcome is audited.</summary>
    public void Complete(CorpusChangeIntent intent)
    {
        // The intent goes first: without it the staged files are just litter, swept below next time.
        if (File.Exists(IntentPath)) File.Delete(IntentPath);
        _inFlight = null;
        foreach (var path in Directory.EnumerateFiles(Folder, "*.new").Concat(Directory.EnumerateFiles(Folder, "*.old")))
        {
            try { File.Delete(path); }
            catch (IOException ex) { logger.LogDebug(ex, "Could not delete {Path}", path); }
        }
    }

    /// <summary>Before an index build (under the lock): finish or undo a change a crash interrupted, so the build reads a whole corpus.</summary>
    public Task PrepareAsync(CancellationToken cancellationToken) => RecoverAsync(cancellationToken);

    /// <summary>
    /// Finishes an interrupted change (or, when its staged content is gone or unusable, undoes it) and
    /// audits which. Publishing is left to the caller, which is about to build or publish anyway.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken = default)
    {
        EnsureHeld();
        // Under the lock, a pending change is either this process's own (in flight) or a dead process's.
        if (Pending() is not { } intent || intent.Id == _inFlight) return;
        var audited = audit.ReadAll().Any(e => e.ChangeId == intent.Id);
        if (!audited)
        {
            string outcome, detail;
            try
            {
                Apply(intent);
                outcome = AuditOutcome.Ok;
                detail = "completed at start-up after an interruption";
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or CorpusException)
            {
                LogCannotComplete(logger, intent.Action, intent.File, ex);
                RollBack(intent);
                outcome = AuditOutcome.RolledBack;
                detail = "interrupted, and could not be completed at start-up: " + ex.Message;
            }
            await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), intent.Actor, intent.Action, intent.File, intent.Sha256, outcome, detail,
                intent.Surface, intent.Id), CancellationToken.None).ConfigureAwait(false);
            LogRecovered(logger, intent.Action, intent.File, intent.Actor, outcome);
        }
        Complete(intent);
    }

    private void EnsureHeld()
    {
        if (!dataLock.IsHeld) throw new InvalidOperationException("The corpus journal is used only under the data-dir lock.");
    }

    internal static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    [LoggerMessage(Level = LogLevel.Warning, Message = "An interrupted corpus {Action} of {File} by {Actor} was found at start-up: {Outcome}.")]
    private static partial void LogRecovered(ILogger logger, string action, string? file, string actor, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "The interrupted corpus {Action} of {File} cannot be completed; rolling it back.")]
    private static partial void LogCannotComplete(ILogger logger, string action, string? file, Exception exception);
}

[JsonSerializable(typeof(CorpusChangeIntent))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
