using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Moderation;

/// <summary>
/// One audited corpus change or refused attempt: when, who (<see cref="Actor"/> = "surface:user"), on which
/// surface, what (action and file), the content's hash when there was content, and the outcome.
/// <see cref="ChangeId"/> ties the entry to its journaled change, so a change is never audited twice.
/// </summary>
public sealed record AuditEntry(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("sha256")] string? Sha256,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("detail")] string? Detail = null,
    [property: JsonPropertyName("surface")] string? Surface = null,
    [property: JsonPropertyName("change_id")] string? ChangeId = null);

/// <summary>Outcomes written to the audit log.</summary>
public static class AuditOutcome
{
    public const string Ok = "ok";
    public const string Rejected = "rejected"; // the input was invalid; nothing changed
    public const string Refused = "refused";   // the caller is not a moderator
    public const string Failed = "failed";     // an internal error; the change was rolled back
    public const string RolledBack = "rolled-back"; // interrupted (crash, kill -9) and undone at the next start
}

/// <summary>Append-only record of who changed the corpus, and who tried without permission.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);
    IReadOnlyList<AuditEntry> ReadAll();
}

/// <summary>
/// The audit log as JSON lines in the data dir (audit.jsonl): each entry is one line appended and
/// flushed to disk; existing lines are never rewritten.
/// </summary>
public sealed class JsonLinesAuditLog(IOptions<ChatBotOptions> options) : IAuditLog
{
    public const string FileName = "audit.jsonl";
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string PathOnDisk => Path.Combine(Path.GetFullPath(options.Value.DataDir), FileName);

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var line = JsonSerializer.Serialize(entry, ModerationJsonContext.Default.AuditEntry) + "\n";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(PathOnDisk)!);
            await using var stream = new FileStream(PathOnDisk, FileMode.Append, FileAccess.Write, FileShare.Read);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public IReadOnlyList<AuditEntry> ReadAll()
    {
        if (!System.IO.File.Exists(PathOnDisk)) return [];
        using var stream = new FileStream(PathOnDisk, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var entries = new List<AuditEntry>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            try
            {
                if (JsonSerializer.Deserialize(line, ModerationJsonContext.Default.AuditEntry) is { } e) entries.Add(e);
            }
            catch (JsonException) { } // a torn last line after a crash: skip it, keep the rest
        }
        return entries;
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuditEntry))]
internal sealed partial class ModerationJsonContext : JsonSerializerContext;
