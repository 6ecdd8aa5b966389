using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// The Discord gateway (v10, JSON) for @mentions and DMs: Hello → heartbeats (first after interval × jitter,
/// ACKs tracked; a missed ACK closes and resumes), Identify with GUILD_MESSAGES | DIRECT_MESSAGES, Resume
/// with the last sequence after a disconnect or op 7, re-identify after op 9 (resume when d = true), and a
/// clean stop on the close codes after which Discord says not to reconnect.
/// </summary>
public sealed class DiscordGatewayClient(
    IOptions<DiscordOptions> options,
    DiscordRestClient rest,
    DiscordMessageHandler messages,
    DiscordInteractionDispatcher interactions,
    DeferredWork work,
    ILogger<DiscordGatewayClient> logger,
    TimeProvider time) : BackgroundService
{
    public const int Intents = GatewayIntents.GuildMessages | GatewayIntents.DirectMessages;
    private const int MaxFrameBytes = 16 * 1024 * 1024;

    /// <summary>Close codes after which reconnecting cannot help (bad token, shard or intents).</summary>
    public static readonly IReadOnlyDictionary<int, string> FatalCloseCodes = new Dictionary<int, string>
    {
        [4004] = "authentication failed (check Discord:BotToken)",
        [4010] = "invalid shard",
        [4011] = "sharding required",
        [4012] = "invalid API version",
        [4013] = "invalid intents",
        [4014] = "disallowed intents (enable them in the Developer Portal or remove them)",
    };

    private enum SessionEnd { Resume, Reidentify, Stop }

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private volatile bool _ackReceived = true;
    private int _heartbeatAcks;

    /// <summary>Heartbeat ACKs received so far (tests move their clock on once a beat is acknowledged).</summary>
    internal int HeartbeatAcks => Volatile.Read(ref _heartbeatAcks);
    private volatile bool _zombie;

    public string? SessionId { get; private set; }
    public int? Sequence { get; private set; }
    public string? ResumeGatewayUrl { get; private set; }
    public string? BotUserId { get; private set; }

    /// <summary>Set when the client stopped for good (a fatal close code); null while running.</summary>
    public string? StoppedReason { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.GatewayWanted)
        {
            logger.LogInformation("Discord gateway not started (needs Discord:BotToken and Discord:EnableGateway)");
            return;
        }
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Never take the whole host (HTTP endpoints, Teams) down with the gateway.
            StoppedReason = "unexpected failure: " + e.Message;
            logger.LogCritical(e, "The Discord gateway client stopped after an unexpected failure");
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var gatewayUrl = string.IsNullOrWhiteSpace(o.GatewayUrl) ? null : o.GatewayUrl;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            SessionEnd end;
            try
            {
                gatewayUrl ??= await rest.GetGatewayBotUrlAsync(stoppingToken);
                var resume = SessionId is not null && Sequence is not null;
                var url = resume && ResumeGatewayUrl is not null ? ResumeGatewayUrl : gatewayUrl;
                end = await RunSessionAsync(WithQuery(url), resume, stoppingToken);
                failures = 0;
            }
            catch (DiscordApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                StoppedReason = "GET /gateway/bot refused the bot token (401)";
                logger.LogCritical("Discord refused the bot token (401 on GET /gateway/bot); check Discord:BotToken. The gateway is not started.");
                return;
            }
            catch (Exception e) when (e is WebSocketException or IOException or HttpRequestException or JsonException or DiscordApiException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                failures++;
                logger.LogWarning("Discord gateway connection failed ({Error}); reconnecting (attempt {Attempt})", e.Message, failures);
                end = SessionEnd.Resume;
            }

            if (end == SessionEnd.Stop) return;
            if (end == SessionEnd.Reidentify)
            {
                SessionId = null;
                Sequence = null;
                ResumeGatewayUrl = null;
            }
            // After repeated failures on the resume URL, start over on the main one.
            if (failures >= 3) ResumeGatewayUrl = null;
            if (failures > 0) await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, failures - 1))), time, stoppingToken);
        }
    }

    private static Uri WithQuery(string url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        return builder.Uri;
    }

    private async Task<SessionEnd> RunSessionAsync(Uri uri, bool resume, CancellationToken stoppingToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, stoppingToken);
        logger.LogInformation("Connected to the Discord gateway at {Host} ({Mode})", uri.Host, resume ? "resuming" : "identifying");
        using var sessionCts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Task heartbeat = Task.CompletedTask;
        _zombie = false;
        try
        {
            while (true)
            {
                var payload = await ReceiveAsync(socket, stoppingToken);
                if (payload is null) return OnClosed(socket);
                if (payload.S is { } s) Sequence = s;
                switch (payload.Op)
                {
                    case GatewayOpcode.Hello:
                        var hello = payload.D?.Deserialize(DiscordJsonContext.Default.HelloData);
                        var interval = TimeSpan.FromMilliseconds(Math.Max(100, hello?.HeartbeatInterval ?? 41250));
                        _ackReceived = true;
                        heartbeat = HeartbeatLoopAsync(socket, interval, sessionCts.Token);
                        if (resume) await SendAsync(socket, GatewayOpcode.Resume, new ResumeData { Token = options.Value.BotToken!, SessionId = SessionId!, Seq = Sequence }, DiscordJsonContext.Default.ResumeData, stoppingToken);
                        else await SendAsync(socket, GatewayOpcode.Identify, new IdentifyData { Token = options.Value.BotToken!, Intents = Intents }, DiscordJsonContext.Default.IdentifyData, stoppingToken);
                        break;
                    case GatewayOpcode.HeartbeatAck:
                        _ackReceived = true;
                        Interlocked.Increment(ref _heartbeatAcks);
                        break;
                    case GatewayOpcode.Heartbeat:
                        await SendHeartbeatAsync(socket, stoppingToken);
                        break;
                    case GatewayOpcode.Reconnect:
                        logger.LogInformation("Discord asked to reconnect (op 7); resuming");
                        await CloseAsync(socket, "reconnect requested");
                        return SessionEnd.Resume;
                    case GatewayOpcode.InvalidSession:
                        var resumable = payload.D is { ValueKind: JsonValueKind.True };
                        var delay = options.Value.InvalidSessionDelay ?? TimeSpan.FromSeconds(1 + Random.Shared.NextDouble() * 4);
                        logger.LogWarning("Discord invalidated the session (op 9, resumable={Resumable}); {Next} in {Delay} ms",
                            resumable, resumable ? "resuming" : "identifying anew", (int)delay.TotalMilliseconds);
                        await Task.Delay(delay, time, stoppingToken);
                        await CloseAsync(socket, "invalid session");
                        return resumable ? SessionEnd.Resume : SessionEnd.Reidentify;
                    case GatewayOpcode.Dispatch:
                        OnDispatch(payload);
                        break;
                }
            }
        }
        finally
        {
            await sessionCts.CancelAsync();
            try
            {
                await heartbeat;
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }
        }
    }

    private SessionEnd OnClosed(ClientWebSocket socket)
    {
        var code = (int?)socket.CloseStatus;
        if (_zombie) return SessionEnd.Resume;
        if (code is { } c && FatalCloseCodes.TryGetValue(c, out var meaning))
        {
            StoppedReason = $"close code {c}: {meaning}";
            logger.LogCritical("Discord gateway closed with {Code} ({Meaning}); not reconnecting", c, meaning);
            return SessionEnd.Stop;
        }
        logger.LogWarning("Discord gateway closed ({Code} {Description}); reconnecting", code, socket.CloseStatusDescription);
        // 4007 invalid seq and 4009 session timed out cannot be resumed.
        return code is 4007 or 4009 ? SessionEnd.Reidentify : SessionEnd.Resume;
    }

    private void OnDispatch(GatewayPayload payload)
    {
        switch (payload.T)
        {
            case "READY":
                var ready = payload.D?.Deserialize(DiscordJsonContext.Default.ReadyData);
                SessionId = ready?.SessionId;
                ResumeGatewayUrl = string.IsNullOrWhiteSpace(ready?.ResumeGatewayUrl) ? null : ready.ResumeGatewayUrl;
                BotUserId = ready?.User?.Id ?? BotUserId;
                logger.LogInformation("Discord gateway ready as user {BotUserId}", BotUserId);
                break;
            case "RESUMED":
                logger.LogInformation("Discord gateway session resumed at sequence {Sequence}", Sequence);
                break;
            case "MESSAGE_CREATE" when BotUserId is { } botId:
                var message = payload.D?.Deserialize(DiscordJsonContext.Default.ReceivedMessage);
                if (message is not null && DiscordMessageHandler.IsForBot(message, botId))
                    work.Run("gateway message", ct => messages.HandleAsync(message, botId, ct));
                break;
            case "INTERACTION_CREATE":
                var interaction = payload.D?.Deserialize(DiscordJsonContext.Default.Interaction);
                if (interaction is not null)
                    work.Run("gateway interaction", async ct =>
                    {
                        var response = await interactions.HandleAsync(interaction, ct);
                        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, ct);
                    });
                break;
        }
    }

    private async Task HeartbeatLoopAsync(ClientWebSocket socket, TimeSpan interval, CancellationToken ct)
    {
        await Task.Delay(interval * Random.Shared.NextDouble(), time, ct);
        while (!ct.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            if (!_ackReceived)
            {
                logger.LogWarning("No heartbeat ACK from Discord since the last beat; closing the zombied connection to resume");
                _zombie = true;
                await CloseAsync(socket, "heartbeat ACK missed");
                // A zombied peer may never answer the close: drop the connection if it has not closed soon.
                await Task.Delay(TimeSpan.FromSeconds(2), time, ct);
                if (socket.State != WebSocketState.Closed) socket.Abort();
                return;
            }
            _ackReceived = false;
            await SendHeartbeatAsync(socket, ct);
            await Task.Delay(interval, time, ct);
        }
    }

    private Task SendHeartbeatAsync(ClientWebSocket socket, CancellationToken ct) =>
        SendAsync(socket, GatewayOpcode.Heartbeat, Sequence, DiscordJsonContext.Default.NullableInt32, ct);

    private async Task SendAsync<T>(ClientWebSocket socket, int op, T data, JsonTypeInfo<T> typeInfo, CancellationToken ct)
    {
        var payload = new GatewayPayload { Op = op, D = JsonSerializer.SerializeToElement(data, typeInfo) };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, DiscordJsonContext.Default.GatewayPayload);
        await _sendLock.WaitAsync(ct);
        try
        {
            if (socket.State == WebSocketState.Open) await socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes with a code other than 1000/1001, which would invalidate the session and prevent resuming.</summary>
    private async Task CloseAsync(ClientWebSocket socket, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync((WebSocketCloseStatus)4000, reason, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The next JSON frame, or null when the server closed the connection.</summary>
    private static async Task<GatewayPayload?> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            if (socket.State is not (WebSocketState.Open or WebSocketState.CloseSent)) return null;
            var result = await socket.ReceiveAsync(chunk, ct);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            buffer.Write(chunk, 0, result.Count);
            if (buffer.Length > MaxFrameBytes) throw new WebSocketException("gateway frame too large");
            if (result.EndOfMessage) break;
        }
        return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), DiscordJsonContext.Default.GatewayPayload);
    }

    public override void Dispose()
    {
        _sendLock.Dispose();
        base.Dispose();
    }
}
