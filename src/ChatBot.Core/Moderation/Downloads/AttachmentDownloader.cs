using System.Net;
using ChatBot.Core.Corpus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Moderation.Downloads;

/// <summary>
/// Where a surface's attachments may come from: host names (exact, or "*.example.com" for any sub-domain
/// of example.com) and a name for messages ("Discord's CDN").
/// </summary>
public sealed record DownloadSource(string Name, IReadOnlyList<string> AllowedHosts)
{
    public bool Allows(Uri url)
    {
        var host = url.IdnHost.TrimEnd('.');
        foreach (var allowed in AllowedHosts)
        {
            var entry = allowed.Trim().TrimEnd('.');
            if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                if (host.Length > entry.Length - 1 && host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase)) return true;
            }
            else if (string.Equals(host, entry, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}

/// <summary>
/// The one client that fetches attachments moderators send (Discord's CDN, Teams' file.download.info):
/// every URL, the first and each redirect, must be https on an allowed host (checked before it is
/// requested; redirects are followed here, never by the handler); no credentials are sent; the size is
/// checked against the limit from the declared length and again while streaming. Failures are a
/// <see cref="CorpusException"/> worded for the moderator. URLs are logged by host and path only: their
/// query strings carry credentials (Teams' tempauth, Discord's signatures).
/// </summary>
public sealed partial class AttachmentDownloader(IHttpClientFactory httpClients, IOptions<ModerationOptions> options, ILogger<AttachmentDownloader> logger)
{
    public const string HttpClientName = "ChatBot.Attachments";

    /// <summary>Enough for a CDN's or SharePoint's own hops; more is a loop or a trick.</summary>
    public const int MaxRedirects = 5;

    public async Task<byte[]> DownloadAsync(string fileName, string? url, DownloadSource source, long maxBytes, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var current))
            throw new CorpusException($"{fileName} came without a usable download link; please send it again. Nothing was changed.");
        var client = httpClients.CreateClient(HttpClientName);
        for (var hop = 0; ; hop++)
        {
            Check(fileName, current, source);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (IsRedirect(response.StatusCode))
            {
                if (hop >= MaxRedirects) throw new CorpusException($"Downloading {fileName} was redirected too many times; nothing was changed.");
                if (response.Headers.Location is not { } location)
                    throw new CorpusException($"Downloading {fileName} failed (a redirect without a location); nothing was changed.");
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                LogRedirect(logger, current.Host, next.Host);
                current = next;
                continue;
            }
            if (!response.IsSuccessStatusCode)
                throw new CorpusException($"Could not download {fileName} from {source.Name} (HTTP {(int)response.StatusCode}); the link may have expired, please send the file again. Nothing was changed.");
            if (response.Content.Headers.ContentLength > maxBytes) throw TooLarge(fileName, maxBytes);
            var content = await ReadLimitedAsync(response.Content, fileName, maxBytes, cancellationToken).ConfigureAwait(false);
            LogDownloaded(logger, current.Host, current.AbsolutePath, content.Length);
            return content;
        }
    }

    private void Check(string fileName, Uri url, DownloadSource source)
    {
        var schemeOk = url.Scheme == Uri.UriSchemeHttps
                       || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback && options.Value.AllowLoopbackHttpDownloadsForTests);
        if (schemeOk && string.IsNullOrEmpty(url.UserInfo) && source.Allows(url)) return;
        LogRefusedHost(logger, url.Scheme, url.Host, source.Name);
        throw new CorpusException($"{fileName} does not come from {source.Name} (link to {url.Host}); it was not downloaded and nothing was changed.");
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, string fileName, long maxBytes, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw TooLarge(fileName, maxBytes);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static CorpusException TooLarge(string fileName, long maxBytes) =>
        new($"{fileName} is larger than {ModerationOptions.Describe(maxBytes)}, the most a corpus file may be. Nothing was changed.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to download an attachment from {Scheme}://{Host}: not an https link to {Source}")]
    private static partial void LogRefusedHost(ILogger logger, string scheme, string host, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment download redirected from {From} to {To}")]
    private static partial void LogRedirect(ILogger logger, string from, string to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloaded an attachment from {Host}{Path}: {Bytes} bytes")]
    private static partial void LogDownloaded(ILogger logger, string host, string path, int bytes);
}

public static class AttachmentDownloadServiceCollectionExtensions
{
    /// <summary>The attachment downloader and its HttpClient: no automatic redirects, no cookies, no default request logging (URLs carry credentials).</summary>
    public static IServiceCollection AddAttachmentDownloads(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(AttachmentDownloader))) return services;
        services.AddSingleton<AttachmentDownloader>();
        services.AddHttpClient(AttachmentDownloader.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = true })
            .RemoveAllLoggers();
        return services;
    }
}
