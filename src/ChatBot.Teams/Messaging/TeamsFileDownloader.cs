using ChatBot.Core.Corpus;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Messaging;

/// <summary>
/// Fetches a file a user sent the bot in a personal chat: Teams gives a short-lived, pre-authorised
/// `downloadUrl` read with a plain GET (no bearer token, so the bot's token never leaves for it).
/// The size limit is enforced on the stream, not only on Content-Length. Failures become a
/// <see cref="CorpusException"/> with a message fit for the user.
/// </summary>
internal sealed class TeamsFileDownloader(IHttpClientFactory httpClients, IOptions<TeamsOptions> options)
{
    public const string HttpClientName = "teams-file-download";

    public async Task<byte[]> DownloadAsync(string fileName, string? downloadUrl, CancellationToken cancellationToken)
    {
        if (!TeamsOptionsValidator.IsUrl(downloadUrl))
            throw new CorpusException($"Teams sent {fileName} without a usable https download link; please send the file again.");
        var limit = options.Value.MaxUploadBytes;
        using var response = await httpClients.CreateClient(HttpClientName)
            .GetAsync(downloadUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new CorpusException($"Could not download {fileName} from Teams (HTTP {(int)response.StatusCode}); the link may have expired, please send the file again.");
        if (response.Content.Headers.ContentLength > limit) throw TooLarge(fileName, limit);

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge(fileName, limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static CorpusException TooLarge(string fileName, long limit) =>
        new($"{fileName} is larger than {Size(limit)}; corpus files must be smaller. Nothing was changed.");

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}
