using ChatBot.Core.Corpus;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Moderation;

/// <summary>The `Moderation` section: what every surface (CLI, HTTP, Discord, Teams) accepts from moderators.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>
    /// Largest corpus file a moderator may add, on every surface (env `Moderation__MaxUploadBytes`).
    /// Default and ceiling are the corpus reader's own limit (<see cref="CorpusFileReader.MaxFileBytes"/>):
    /// a larger file would be skipped at the next index build, so accepting it would lose it silently.
    /// </summary>
    public long MaxUploadBytes { get; set; } = CorpusFileReader.MaxFileBytes;

    /// <summary>
    /// Tests only: let attachment downloads use plain http to a loopback address (the protocol fakes
    /// run on 127.0.0.1). Off by default; real attachments are always fetched over https.
    /// </summary>
    public bool AllowLoopbackHttpDownloadsForTests { get; set; }

    /// <summary>A size for people: "5 MB", "64 KB".</summary>
    public static string Describe(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} bytes";
}

internal sealed class ModerationOptionsValidator : IValidateOptions<ModerationOptions>
{
    public ValidateOptionsResult Validate(string? name, ModerationOptions options) =>
        options.MaxUploadBytes is < 1 or > CorpusFileReader.MaxFileBytes
            ? ValidateOptionsResult.Fail($"Moderation:MaxUploadBytes must be between 1 and {CorpusFileReader.MaxFileBytes} (the corpus reader's limit per file).")
            : ValidateOptionsResult.Success;
}
