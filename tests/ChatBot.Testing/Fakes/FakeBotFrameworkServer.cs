using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace ChatBot.Testing.Fakes;

/// <summary>An activity the fake connector accepted: the raw request target (escaping intact), the Authorization header and the body.</summary>
public sealed record RecordedActivity(string RawTarget, string? Authorization, JsonObject Body, int BodyBytes)
{
    public string? Text => Body["text"]?.GetValue<string>();
}

/// <summary>A GET of a served file's download URL: the Authorization header it carried (should be none) and the status given.</summary>
public sealed record RecordedDownload(string FileId, string? Authorization, int Status, string? Host = null);

/// <summary>
/// The Bot Framework's public endpoints on 127.0.0.1, as documented: the OpenID metadata document,
/// the JWKS with per-key `endorsements`, the Entra ID client-credentials token endpoint and the Bot
/// Connector's send/reply-to-activity operations (which demand a token it issued, and refuse
/// activities over Teams' 28 KB limit with 413). It also plays the OneDrive/SharePoint side of a file a
/// user sends the bot in a personal chat: <see cref="ServeFile"/> gives a short-lived, pre-authorised
/// download URL (a `tempauth` query, read with a plain GET) as Teams puts in a file.download.info attachment.
/// </summary>
public sealed class FakeBotFrameworkServer : IAsyncDisposable
{
    public const int MaxActivityBytes = 28 * 1024;
    private const string Scope = "https://api.botframework.com/.default";

    private readonly LoopbackServer _server;
    private readonly string _appId;
    private readonly string _appPassword;
    private readonly ConcurrentQueue<RecordedActivity> _activities = new();
    private readonly ConcurrentDictionary<string, byte> _issuedTokens = new();
    private readonly SemaphoreSlim _activityArrived = new(0);
    private readonly ConcurrentDictionary<string, (byte[] Content, string TempAuth, DateTimeOffset Expires)> _files = new();
    private readonly ConcurrentQueue<RecordedDownload> _downloads = new();
    private volatile IReadOnlyList<FakeSigningKey> _keys = [];
    private int _metadataRequests, _jwksRequests, _tokenRequests;

    private FakeBotFrameworkServer(LoopbackServer server, string appId, string appPassword)
    {
        _server = server;
        _appId = appId;
        _appPassword = appPassword;
    }

    public Uri BaseAddress => _server.BaseAddress;
    public string OpenIdMetadataUrl => new Uri(BaseAddress, "v1/.well-known/openidconfiguration").ToString();
    public string TokenEndpoint => new Uri(BaseAddress, "botframework.com/oauth2/v2.0/token").ToString();
    /// <summary>The serviceUrl activities carry; the connector operations live under it.</summary>
    public string ServiceUrl => new Uri(BaseAddress, "amer/").ToString();

    public int MetadataRequests => _metadataRequests;
    public int JwksRequests => _jwksRequests;
    public int TokenRequests => _tokenRequests;
    public IReadOnlyCollection<string> IssuedTokens => _issuedTokens.Keys.ToList();
    public IReadOnlyList<RecordedActivity> Activities => _activities.ToList();
    public IReadOnlyList<RecordedDownload> Downloads => _downloads.ToList();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _redirects = new();

    /// <summary>
    /// Stores <paramref name="content"/> and returns its download URL, valid for <paramref name="lifetime"/>
    /// (default 1 hour): like SharePoint's, it carries its own `tempauth` and needs no bearer token.
    /// </summary>
    public string ServeFile(byte[] content, TimeSpan? lifetime = null, string? redirectToHost = null)
    {
        var id = Guid.NewGuid().ToString("N");
        // A download link that answers 302 to the same file under another host name (this fake, reached as e.g. "localhost").
        if (redirectToHost is not null) _redirects[id] = redirectToHost;
        var tempAuth = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _files[id] = (content, tempAuth, DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromHours(1)));
        return new Uri(BaseAddress, $"personal/user_contoso_com/_layouts/15/download.aspx?UniqueId={id}&tempauth={tempAuth}").ToString();
    }

    /// <summary>Lifetime (expires_in) of the tokens the token endpoint issues.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3599;

    /// <summary>Makes the connector refuse every token issued so far (as after a secret rotation).</summary>
    public void RevokeIssuedTokens()
    {
        foreach (var token in _issuedTokens.Keys) _issuedTokens[token] = 1;
    }

    /// <summary>Replaces the key set served at jwks_uri (key rollover).</summary>
    public void SetSigningKeys(params FakeSigningKey[] keys) => _keys = keys;

    public static async Task<FakeBotFrameworkServer> StartAsync(string appId, string appPassword, params FakeSigningKey[] keys)
    {
        FakeBotFrameworkServer? fake = null;
        var server = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapGet("/v1/.well-known/openidconfiguration", () => fake!.Metadata());
            routes.MapGet("/v1/.well-known/keys", () => fake!.Jwks());
            routes.MapPost("/{tenant}/oauth2/v2.0/token", (HttpRequest request) => fake!.IssueTokenAsync(request.HttpContext));
            routes.MapPost("/amer/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest request) => fake!.AcceptActivityAsync(request.HttpContext));
            routes.MapPost("/amer/v3/conversations/{conversationId}/activities", (HttpRequest request) => fake!.AcceptActivityAsync(request.HttpContext));
            routes.MapGet("/personal/user_contoso_com/_layouts/15/download.aspx", (HttpRequest request) => fake!.Download(request));
        });
        fake = new FakeBotFrameworkServer(server, appId, appPassword);
        fake.SetSigningKeys(keys);
        return fake;
    }

    /// <summary>Waits for the next accepted activity matching <paramref name="match"/> (already received ones count).</summary>
    public async Task<RecordedActivity> WaitForActivityAsync(Func<RecordedActivity, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = _activities.FirstOrDefault(a => match?.Invoke(a) ?? true);
            if (found is not null) return found;
            try
            {
                await _activityArrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching activity reached the fake connector; got {_activities.Count}: "
                                           + string.Join(" | ", _activities.Select(a => a.RawTarget)));
            }
        }
    }

    private IResult Metadata()
    {
        Interlocked.Increment(ref _metadataRequests);
        return Results.Json(new JsonObject
        {
            ["issuer"] = FakeBotFrameworkTokens.Issuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = new Uri(BaseAddress, "v1/.well-known/keys").ToString(),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        });
    }

    private IResult Jwks()
    {
        Interlocked.Increment(ref _jwksRequests);
        return Results.Json(new JsonObject { ["keys"] = new JsonArray(_keys.Select(k => (JsonNode?)k.ToJwk()).ToArray()) });
    }

    private async Task<IResult> IssueTokenAsync(HttpContext http)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (!http.Request.HasFormContentType) return OAuthError(400, "invalid_request", "AADSTS900144: The request body must contain the 'grant_type' parameter.");
        var form = await http.Request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials") return OAuthError(400, "unsupported_grant_type", "AADSTS70003: grant_type not supported.");
        if (form["scope"] != Scope) return OAuthError(400, "invalid_scope", "AADSTS70011: The provided scope is not valid.");
        if (form["client_id"] != _appId) return OAuthError(400, "unauthorized_client", "AADSTS700016: Application not found in the directory.");
        if (form["client_secret"] != _appPassword) return OAuthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        var token = "fake-bf-" + Convert.ToHexString(Guid.NewGuid().ToByteArray());
        _issuedTokens[token] = 0;
        return Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = TokenLifetimeSeconds,
            ["ext_expires_in"] = TokenLifetimeSeconds,
            ["access_token"] = token,
        });
    }

    private async Task<IResult> AcceptActivityAsync(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !_issuedTokens.TryGetValue(authorization["Bearer ".Length..], out var revoked) || revoked == 1)
            return ConnectorError(401, "Unauthorized", "Authorization has been denied for this request.");

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        if (buffer.Length > MaxActivityBytes) return ConnectorError(413, "MessageSizeTooBig", "Message size too large.");
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(buffer.ToArray()) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body?["type"] is null) return ConnectorError(400, "BadSyntax", "Activity must have a type.");

        var rawTarget = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        _activities.Enqueue(new RecordedActivity(rawTarget, authorization, body, (int)buffer.Length));
        _activityArrived.Release();
        return Results.Json(new JsonObject { ["id"] = "1:" + Guid.NewGuid().ToString("N") });
    }

    private IResult Download(HttpRequest request)
    {
        var id = request.Query["UniqueId"].ToString();
        var authorization = request.Headers.Authorization.Count == 0 ? null : request.Headers.Authorization.ToString();
        IResult result;
        int status;
        if (_redirects.TryGetValue(id, out var host) && !string.Equals(request.Host.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            _downloads.Enqueue(new RecordedDownload(id, authorization, 302, request.Host.Host));
            return Results.Redirect($"{request.Scheme}://{host}:{request.Host.Port}{request.Path}{request.QueryString}");
        }
        if (!_files.TryGetValue(id, out var file)) (result, status) = (Results.NotFound(), 404);
        else if (request.Query["tempauth"] != file.TempAuth || file.Expires < DateTimeOffset.UtcNow)
            (result, status) = (Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "unauthenticated", ["message"] = "Token expired or invalid." } }, statusCode: 401), 401);
        else (result, status) = (Results.Bytes(file.Content, "application/octet-stream"), 200);
        _downloads.Enqueue(new RecordedDownload(id, authorization, status, request.Host.Host));
        return result;
    }

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private static IResult ConnectorError(int status, string code, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, statusCode: status);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
