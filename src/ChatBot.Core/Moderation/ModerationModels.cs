using ChatBot.Core.Corpus;

namespace ChatBot.Core.Moderation;

/// <summary>Metadata a moderator gives for a corpus file; null fields are left unknown (or, on update, unchanged).</summary>
public sealed record CorpusFileMetadata(string? Title = null, string? Outlet = null, string? Author = null, string? Date = null, string? Url = null)
{
    public bool IsEmpty => Title is null && Outlet is null && Author is null && Date is null && Url is null;
}

/// <summary>One corpus file as moderators see it: metadata, indexed passage count, and whether it repeats another file.</summary>
public sealed record CorpusFileInfo(string File, DocumentMetadata Metadata, int Chunks, string ContentHash, string? DuplicateOf);

/// <summary>Outcome of a change: the file, its content hash, and the published index after the change.</summary>
public sealed record CorpusChangeResult(string File, string? Sha256, bool Replaced, int Documents, int Chunks);

/// <summary>
/// Who asks for a moderation action, on which surface, and whether that surface's own moderator rule
/// (an API key, a Discord permission or role, a Teams AAD object id, the local operator) says they may.
/// </summary>
public sealed record ModerationCaller(string Surface, string UserId, bool IsModerator)
{
    /// <summary>How the audit log names them: "surface:user".</summary>
    public string Actor => $"{Surface}:{UserId}";

    /// <summary>The operator at the command line: trusted, as they can edit the files anyway.</summary>
    public static ModerationCaller LocalOperator() => new("cli", Environment.UserName, true);
}

/// <summary>
/// A file to add: its name, optional metadata, the size the surface declared (checked before
/// anything is fetched) and how to read its bytes (given the size limit, so a download stops there).
/// </summary>
public sealed record CorpusUpload(string FileName, CorpusFileMetadata? Metadata, long? DeclaredBytes, Func<long, CancellationToken, Task<byte[]>> ReadAsync)
{
    public static CorpusUpload FromBytes(string fileName, byte[] content, CorpusFileMetadata? metadata = null) =>
        new(fileName, metadata, content.LongLength, (_, _) => Task.FromResult(content));
}

/// <summary>The caller is not a moderator on their surface; the attempt was audited and nothing changed.</summary>
public sealed class ModerationRefusedException(string message) : Exception(message);
