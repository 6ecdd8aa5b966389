using System.Text;
using ChatBot.Core.Corpus;
using ChatBot.Core.Moderation;
using ChatBot.Core.Moderation.Downloads;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Commands;

/// <summary>
/// `/corpus add file:&lt;attachment&gt; [title] [outlet] [url]`, `/corpus remove file:&lt;name&gt;`, `/corpus list`:
/// moderators manage the corpus through Core's <see cref="ICorpusModeration"/> (the same service as the CLI,
/// HTTP and Teams: one upload limit, journaled changes, the audit log). Discord's moderator rule is
/// <see cref="RequireModeratorAttribute"/>; refusals are audited. Attachments come through the shared
/// <see cref="AttachmentDownloader"/> from Discord's CDN only (every redirect checked). Everything is answered
/// ephemerally; changes are deferred because re-indexing takes a few seconds.
/// </summary>
[RequireModerator]
public sealed class CorpusCommand(IServiceProvider services, AttachmentDownloader downloader, IOptions<DiscordOptions> options, ILogger<CorpusCommand> logger) : DiscordCommand
{
    public override string Name => "corpus";
    public override string Description => "Moderators: add, remove or list the corpus articles";
    public override bool IsAvailable => services.GetService<ICorpusModeration>() is not null;

    public override IReadOnlyList<ApplicationCommandOption> Options =>
    [
        new()
        {
            Type = ApplicationCommandOption.SubCommandType, Name = "add", Description = "Add or replace an article (a UTF-8 .txt file)",
            Options =
            [
                new() { Type = ApplicationCommandOption.AttachmentType, Name = "file", Description = "The article as a text file", Required = true },
                new() { Type = ApplicationCommandOption.StringType, Name = "title", Description = "Title (else taken from the file)", MaxLength = CorpusModeration.MaxMetadataLength },
                new() { Type = ApplicationCommandOption.StringType, Name = "outlet", Description = "Outlet that published it", MaxLength = CorpusModeration.MaxMetadataLength },
                new() { Type = ApplicationCommandOption.StringType, Name = "url", Description = "Link to the original", MaxLength = CorpusModeration.MaxMetadataLength },
            ],
        },
        new()
        {
            Type = ApplicationCommandOption.SubCommandType, Name = "remove", Description = "Remove an article by its file name",
            Options = [new() { Type = ApplicationCommandOption.StringType, Name = "file", Description = "File name, as /corpus list shows it", Required = true, MaxLength = CorpusModeration.MaxFileNameLength }],
        },
        new() { Type = ApplicationCommandOption.SubCommandType, Name = "list", Description = "List the corpus files" },
    ];

    /// <summary>Discord's moderator rule, for the shared service: Manage Server, Administrator or a moderator role.</summary>
    internal static ModerationCaller Caller(DiscordCommandContext context) =>
        new(DiscordAsker.Surface, context.UserId, RequireModeratorAttribute.IsModerator(context.Interaction.Member, context.Options.ModeratorRoleIds));

    public override async Task OnRefusedAsync(DiscordCommandContext context, DiscordCheckAttribute check, CancellationToken cancellationToken)
    {
        var file = context.GetAttachment("file")?.Filename ?? context.GetString("file");
        try
        {
            await services.GetRequiredService<ICorpusModeration>().RecordRefusalAsync(Caller(context), context.SubCommand ?? "corpus", file, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Recording a refused /corpus attempt in the audit log failed");
        }
    }

    public override Task<InteractionResponse> ExecuteAsync(DiscordCommandContext context, CancellationToken cancellationToken)
    {
        var moderation = services.GetRequiredService<ICorpusModeration>();
        var caller = Caller(context);
        switch (context.SubCommand)
        {
            case "add":
                var attachment = context.GetAttachment("file");
                if (attachment is null) return Task.FromResult(InteractionResponse.Ephemeral("Attach the article as a text file: `/corpus add file:<attachment>`."));
                var metadata = new CorpusFileMetadata(Title: context.GetString("title"), Outlet: context.GetString("outlet"), Url: context.GetString("url"));
                var upload = new CorpusUpload(attachment.Filename, metadata.IsEmpty ? null : metadata, attachment.Size,
                    (limit, ct) => downloader.DownloadAsync(attachment.Filename, attachment.Url, options.Value.AttachmentSource, limit, ct));
                return Task.FromResult(context.Defer("corpus add", (reply, ct) => ChangeAsync(reply, async () =>
                {
                    var result = await moderation.AddOrReplaceAsync(caller, upload, ct);
                    return $"✅ {(result.Replaced ? "Replaced" : "Added")} `{result.File}`. The corpus now has {result.Documents} document(s), {result.Chunks} passage(s); answers use it from now on.";
                }, ct), ephemeral: true));
            case "remove":
                var file = context.GetString("file")?.Trim();
                if (string.IsNullOrEmpty(file)) return Task.FromResult(InteractionResponse.Ephemeral("Give the file name: `/corpus remove file:<name>` (see `/corpus list`)."));
                return Task.FromResult(context.Defer("corpus remove", (reply, ct) => ChangeAsync(reply, async () =>
                {
                    var result = await moderation.RemoveAsync(caller, file, ct);
                    return $"🗑️ Removed `{result.File}`. The corpus now has {result.Documents} document(s), {result.Chunks} passage(s).";
                }, ct), ephemeral: true));
            case "list":
                return Task.FromResult(context.Defer("corpus list", (reply, ct) => ChangeAsync(reply, async () =>
                    RenderList(await moderation.ListAsync(caller, ct)), ct), ephemeral: true));
            default:
                return Task.FromResult(InteractionResponse.Ephemeral("Use `/corpus add`, `/corpus remove` or `/corpus list`."));
        }
    }

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
        catch (ModerationRefusedException)
        {
            text = new RequireModeratorAttribute().FailureMessage;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "A /corpus change failed");
            text = "Sorry, the change failed; the corpus is as it was. See the server log.";
        }
        await reply.EditOriginalAsync(MessagePayload.Text(TextFitting.Truncate(text, DiscordLimits.Content)), ct);
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
}
