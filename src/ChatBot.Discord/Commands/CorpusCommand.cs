using System.Text;
using ChatBot.Core.Corpus;
using ChatBot.Core.Moderation;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Commands;

/// <summary>
/// `/corpus add file:&lt;attachment&gt; [title] [outlet] [url]`, `/corpus remove file:&lt;name&gt;`, `/corpus list`:
/// moderators manage the corpus through <see cref="ICorpusAdmin"/> (which validates, writes, re-indexes and audits).
/// Everything is answered ephemerally; changes are deferred because re-indexing takes a few seconds. Refused
/// attempts by non-moderators are audited too. Only served when an ICorpusAdmin is registered.
/// </summary>
[RequireModerator]
public sealed class CorpusCommand(IServiceProvider services, IHttpClientFactory httpClientFactory, IOptions<DiscordOptions> options, ILogger<CorpusCommand> logger) : DiscordCommand
{
    public const string AttachmentHttpClientName = "ChatBot.Discord.Attachments";
    /// <summary>Largest corpus file accepted (declared size checked before downloading, real size while downloading).</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    public override string Name => "corpus";
    public override string Description => "Moderators: add, remove or list the corpus articles";
    public override bool IsAvailable => services.GetService<ICorpusAdmin>() is not null;

    public override IReadOnlyList<ApplicationCommandOption> Options =>
    [
        new()
        {
            Type = ApplicationCommandOption.SubCommandType, Name = "add", Description = "Add or replace an article (a UTF-8 .txt file)",
            Options =
            [
                new() { Type = ApplicationCommandOption.AttachmentType, Name = "file", Description = "The article as a text file", Required = true },
                new() { Type = ApplicationCommandOption.StringType, Name = "title", Description = "Title (else taken from the file)", MaxLength = CorpusAdmin.MaxMetadataLength },
                new() { Type = ApplicationCommandOption.StringType, Name = "outlet", Description = "Outlet that published it", MaxLength = CorpusAdmin.MaxMetadataLength },
                new() { Type = ApplicationCommandOption.StringType, Name = "url", Description = "Link to the original", MaxLength = CorpusAdmin.MaxMetadataLength },
            ],
        },
        new()
        {
            Type = ApplicationCommandOption.SubCommandType, Name = "remove", Description = "Remove an article by its file name",
            Options = [new() { Type = ApplicationCommandOption.StringType, Name = "file", Description = "File name, as /corpus list shows it", Required = true, MaxLength = CorpusAdmin.MaxFileNameLength }],
        },
        new() { Type = ApplicationCommandOption.SubCommandType, Name = "list", Description = "List the corpus files" },
    ];

    private static string Actor(DiscordCommandContext context) => "discord:" + context.UserId;

    public override async Task OnRefusedAsync(DiscordCommandContext context, DiscordCheckAttribute check, CancellationToken cancellationToken)
    {
        var file = context.GetAttachment("file")?.Filename ?? context.GetString("file");
        try
        {
            await services.GetRequiredService<ICorpusAdmin>().RecordRefusedAsync(context.SubCommand ?? "corpus", file, Actor(context), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Recording a refused /corpus attempt in the audit log failed");
        }
    }

    public override Task<InteractionResponse> ExecuteAsync(DiscordCommandContext context, CancellationToken cancellationToken)
    {
        var admin = services.GetRequiredService<ICorpusAdmin>();
        switch (context.SubCommand)
        {
            case "add":
                var attachment = context.GetAttachment("file");
                if (attachment is null) return Task.FromResult(InteractionResponse.Ephemeral("Attach the article as a text file: `/corpus add file:<attachment>`."));
                if (attachment.Size > MaxFileBytes)
                    return Task.FromResult(InteractionResponse.Ephemeral($"⚠️ {attachment.Filename} is {attachment.Size / (1024.0 * 1024):0.#} MB; corpus files can be at most {MaxFileBytes / (1024 * 1024)} MB. Nothing was changed."));
                var metadata = new CorpusFileMetadata(Title: context.GetString("title"), Outlet: context.GetString("outlet"), Url: context.GetString("url"));
                return Task.FromResult(context.Defer("corpus add", (reply, ct) => AddAsync(admin, attachment, metadata.IsEmpty ? null : metadata, Actor(context), reply, ct), ephemeral: true));
            case "remove":
                var file = context.GetString("file")?.Trim();
                if (string.IsNullOrEmpty(file)) return Task.FromResult(InteractionResponse.Ephemeral("Give the file name: `/corpus remove file:<name>` (see `/corpus list`)."));
                return Task.FromResult(context.Defer("corpus remove", (reply, ct) => ChangeAsync(reply, async () =>
                {
                    var result = await admin.RemoveAsync(file, Actor(context), ct);
                    return $"🗑️ Removed `{result.File}`. The corpus now has {result.Documents} document(s), {result.Chunks} passage(s).";
                }, ct), ephemeral: true));
            case "list":
                return Task.FromResult(context.Defer("corpus list", async (reply, ct) =>
                    await reply.EditOriginalAsync(MessagePayload.Text(RenderList(await admin.ListAsync(ct))), ct), ephemeral: true));
            default:
                return Task.FromResult(InteractionResponse.Ephemeral("Use `/corpus add`, `/corpus remove` or `/corpus list`."));
        }
    }

    private Task AddAsync(ICorpusAdmin admin, Attachment attachment, CorpusFileMetadata? metadata, string actor, DeferredReply reply, CancellationToken ct) =>
        ChangeAsync(reply, async () =>
        {
            var content = await DownloadAsync(attachment, ct);
            var result = await admin.AddOrReplaceAsync(attachment.Filename, content, metadata, actor, ct);
            return $"✅ {(result.Replaced ? "Replaced" : "Added")} `{result.File}`. The corpus now has {result.Documents} document(s), {result.Chunks} passage(s); answers use it from now on.";
        }, ct);

    /// <summary>Runs a change and edits the deferred reply with its outcome; a bad file gets the reason, and nothing changed.</summary>
    private async Task ChangeAsync(DeferredReply reply, Func<Task<string>> change, CancellationToken ct)
    {
        string text;
        try
        {
            text = await change();
        }
        catch (CorpusException e)
        {
            logger.LogInformation("A /corpus change was rejected: {Reason}", e.Message);
            text = "⚠️ " + e.Message;
        }
        catch (AttachmentException e)
        {
            logger.LogInformation("A /corpus attachment could not be used: {Reason}", e.Message);
            text = "⚠️ " + e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "A /corpus change failed");
            text = "Sorry, the change failed; the corpus is as it was. See the server log.";
        }
        await reply.EditOriginalAsync(MessagePayload.Text(TextFitting.Truncate(text, DiscordLimits.Content)), ct);
    }

    /// <summary>Downloads the attachment from Discord's CDN, stopping at <see cref="MaxFileBytes"/> whatever the declared size said.</summary>
    private async Task<byte[]> DownloadAsync(Attachment attachment, CancellationToken ct)
    {
        // The link comes from a signed interaction, but only Discord's CDN (or configured hosts) is fetched all the same.
        if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) || !options.Value.IsAllowedAttachmentUrl(url))
        {
            logger.LogWarning("Refused to download a /corpus attachment from host {Host}", url?.Host ?? "(invalid URL)");
            throw new AttachmentException($"The attachment {attachment.Filename} does not come from Discord's CDN; nothing was changed.");
        }
        var client = httpClientFactory.CreateClient(AttachmentHttpClientName);
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
            throw new AttachmentException($"Downloading {attachment.Filename} failed (HTTP {(int)response.StatusCode}); nothing was changed. Try attaching it again.");
        if (response.Content.Headers.ContentLength > MaxFileBytes)
            throw new AttachmentException($"{attachment.Filename} is larger than {MaxFileBytes / (1024 * 1024)} MB; nothing was changed.");
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes) throw new AttachmentException($"{attachment.Filename} is larger than {MaxFileBytes / (1024 * 1024)} MB; nothing was changed.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static string RenderList(IReadOnlyList<CorpusFileInfo> files)
    {
        if (files.Count == 0) return "The corpus is empty.";
        var text = new StringBuilder($"**Corpus: {files.Count} file(s)**\n");
        foreach (var f in files)
        {
            var line = new StringBuilder("• `").Append(f.File).Append("` — ").Append(f.Metadata.Title);
            if (!string.IsNullOrWhiteSpace(f.Metadata.Outlet)) line.Append(" (").Append(f.Metadata.Outlet).Append(')');
            line.Append(" · ").Append(f.Chunks).Append(" passage(s)");
            if (f.DuplicateOf is not null) line.Append(" · largely repeats `").Append(f.DuplicateOf).Append('`');
            line.Append('\n');
            if (text.Length + line.Length > DiscordLimits.Content - 40)
            {
                text.Append("… and more.");
                break;
            }
            text.Append(line);
        }
        return text.ToString().TrimEnd();
    }

    private sealed class AttachmentException(string message) : Exception(message);
}
