using System.Text.Json;
using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core.Corpus;
using ChatBot.Core.Moderation;
using ChatBot.Core.Moderation.Downloads;
using ChatBot.Teams.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Teams.Messaging;

// Moderators manage the corpus from a personal chat: send a file to add or replace it, "remove <file>",
// "corpus list". Everyone else is refused politely and the attempt goes to the audit log.
internal sealed partial class TeamsActivityHandler
{
    private static List<Attachment> FileAttachments(Activity activity) =>
        activity.Attachments?.Where(a => string.Equals(a.ContentType, FileDownloadInfo.ContentType, StringComparison.OrdinalIgnoreCase)).ToList() ?? [];

    private async Task AddCorpusFilesAsync(Activity activity, List<Attachment> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            var name = (file.Name ?? "").Trim();
            if (await RefuseUnlessModeratorAsync(activity, "add", name, cancellationToken).ConfigureAwait(false) is not { } moderation) continue;
            string reply;
            try
            {
                var info = file.Content?.Deserialize(TeamsJsonContext.Default.FileDownloadInfo);
                var source = new DownloadSource("Teams", options.Value.AttachmentHosts);
                var upload = new CorpusUpload(name, null, null, (limit, ct) => downloader.DownloadAsync(name, info?.DownloadUrl, source, limit, ct));
                var result = await moderation.AddOrReplaceAsync(Caller(activity), upload, cancellationToken).ConfigureAwait(false);
                reply = $"{(result.Replaced ? "Replaced" : "Added")} **{result.File}**. The corpus now has {result.Documents} documents and {result.Chunks} passages.";
            }
            catch (CorpusException e)
            {
                reply = e.Message;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Downloading a corpus file sent in Teams failed");
                reply = $"Could not download {name} from Teams; please send it again. Nothing was changed.";
            }
            await ReplyTextAsync(activity, reply, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RemoveCorpusFileAsync(Activity activity, string fileName, CancellationToken cancellationToken)
    {
        if (await RefuseUnlessModeratorAsync(activity, "remove", fileName, cancellationToken).ConfigureAwait(false) is not { } moderation) return;
        string reply;
        try
        {
            var result = await moderation.RemoveAsync(Caller(activity), fileName, cancellationToken).ConfigureAwait(false);
            reply = $"Removed **{result.File}**. The corpus now has {result.Documents} documents and {result.Chunks} passages.";
        }
        catch (CorpusException e)
        {
            reply = e.Message;
        }
        await ReplyTextAsync(activity, reply, cancellationToken).ConfigureAwait(false);
    }

    private async Task ListCorpusAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (await RefuseUnlessModeratorAsync(activity, "list", null, cancellationToken).ConfigureAwait(false) is not { } moderation) return;
        var files = await moderation.ListAsync(Caller(activity), cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder($"The corpus has {files.Count} file(s):\n\n");
        foreach (var f in files)
        {
            text.Append($"- **{f.File}** — {f.Metadata.Title}");
            if (!string.IsNullOrWhiteSpace(f.Metadata.Outlet)) text.Append($" ({f.Metadata.Outlet})");
            text.Append($", {f.Chunks} passages");
            if (f.DuplicateOf is not null) text.Append($", repeats {f.DuplicateOf}");
            text.Append('\n');
        }
        await ReplyTextAsync(activity, text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The moderation service when the sender is a moderator; otherwise replies, has the refusal audited
    /// (before anything is downloaded) and returns null.
    /// </summary>
    private async Task<ICorpusModeration?> RefuseUnlessModeratorAsync(Activity activity, string action, string? fileName, CancellationToken cancellationToken)
    {
        var moderation = services.GetService<ICorpusModeration>();
        var caller = Caller(activity);
        if (!caller.IsModerator)
        {
            if (moderation is not null)
                await moderation.RecordRefusalAsync(caller, action, string.IsNullOrEmpty(fileName) ? null : fileName, cancellationToken).ConfigureAwait(false);
            await ReplyTextAsync(activity, TeamsTexts.CorpusModeratorsOnly, cancellationToken).ConfigureAwait(false);
            return null;
        }
        if (moderation is null)
        {
            await ReplyTextAsync(activity, TeamsTexts.CorpusAdminUnavailable, cancellationToken).ConfigureAwait(false);
            return null;
        }
        return moderation;
    }

    /// <summary>Teams' moderator rule, for the shared service: the sender's AAD object id is in Teams:ModeratorAadObjectIds.</summary>
    private ModerationCaller Caller(Activity activity) => new(Surface, UserOf(activity), IsModerator(activity));

    /// <summary>"remove file.txt": one plain file name with an extension, so an ordinary question starting with "remove" is still a question.</summary>
    [GeneratedRegex(@"^/?remove\s+(?<file>[^\s/\\]+\.[A-Za-z0-9]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex RemoveCommand();
}
