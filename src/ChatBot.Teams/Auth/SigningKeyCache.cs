using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;

namespace ChatBot.Teams.Auth;

/// <summary>
/// The Bot Framework's signing keys (OpenID metadata, then its JWKS), fetched on first use and kept.
/// Refreshed when older than <see cref="AutomaticRefreshInterval"/>, and at once when a token names a
/// key id the set lacks (keys roll over) — such a forced refresh at most once per
/// <c>refreshInterval</c>, so forged key ids cannot hammer the metadata endpoint. Every time is read
/// from the <see cref="TimeProvider"/> (IdentityModel's ConfigurationManager reads the real clock and
/// refreshes in the background, which made the gate untestable and a forced refresh a polling wait).
/// One fetch at a time; a failed refresh keeps the keys there are and is tried again after the interval.
/// </summary>
internal sealed class SigningKeyCache(
    string metadataAddress,
    IConfigurationRetriever<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration> retriever,
    IDocumentRetriever documents,
    TimeSpan refreshInterval,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>IdentityModel's own default for refreshing metadata unasked (12 hours): keys are announced well before they sign.</summary>
    public static readonly TimeSpan AutomaticRefreshInterval = Microsoft.IdentityModel.Tokens.BaseConfigurationManager.DefaultAutomaticRefreshInterval;

    private readonly SemaphoreSlim _fetch = new(1, 1);
    private volatile BotFrameworkOpenIdConfiguration? _current;
    private long _nextRefreshTicks; // UTC ticks, read without the lock: a long is read whole
    private DateTimeOffset _lastForced = DateTimeOffset.MinValue;

    /// <summary>The keys, fetched when there are none yet or they are due for a refresh.</summary>
    public async Task<BotFrameworkOpenIdConfiguration> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && time.GetUtcNow().UtcTicks < Volatile.Read(ref _nextRefreshTicks)) return current;
        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } fetched && time.GetUtcNow().UtcTicks < _nextRefreshTicks) return fetched; // another request just did
            return await FetchLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <summary>
    /// Fresh keys because a token named a key id <paramref name="seen"/> lacks: fetched now unless another
    /// request already did, or the last forced refresh was less than the interval ago (then <paramref name="seen"/>).
    /// </summary>
    public async Task<BotFrameworkOpenIdConfiguration> RefreshForUnknownKeyAsync(BotFrameworkOpenIdConfiguration seen, CancellationToken cancellationToken)
    {
        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } current && !ReferenceEquals(current, seen)) return current;
            var now = time.GetUtcNow();
            if (now - _lastForced < refreshInterval) return seen;
            _lastForced = now;
            logger.LogInformation("Unknown signing key id; refreshing Bot Framework signing keys");
            return await FetchLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fetch.Release();
        }
    }

    private async Task<BotFrameworkOpenIdConfiguration> FetchLockedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var fetched = (BotFrameworkOpenIdConfiguration)await retriever.GetConfigurationAsync(metadataAddress, documents, cancellationToken).ConfigureAwait(false);
            _current = fetched;
            Volatile.Write(ref _nextRefreshTicks, (time.GetUtcNow() + AutomaticRefreshInterval).UtcTicks);
            return fetched;
        }
        catch (Exception e) when (e is not OperationCanceledException && _current is { } kept)
        {
            logger.LogWarning(e, "Bot Framework signing keys could not be refreshed from {MetadataUrl}; keeping the current ones", metadataAddress);
            Volatile.Write(ref _nextRefreshTicks, (time.GetUtcNow() + refreshInterval).UtcTicks);
            return kept;
        }
    }
}
