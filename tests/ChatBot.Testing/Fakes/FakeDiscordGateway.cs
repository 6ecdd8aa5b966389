using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Testing.Fakes;

/// <summary>
/// A fake Discord gateway: a real WebSocket server on 127.0.0.1 (Kestrel). Each client connection is handed
/// to the test as a <see cref="FakeGatewayConnection"/> that speaks the gateway's JSON frames (ops 0, 7, 9,
/// 10, 11) and closes with any close code. `/gateway` is the main URL, `/resume` a distinct resume URL.
/// </summary>
public sealed class FakeDiscordGateway : IAsyncDisposable
{
    private readonly Channel<FakeGatewayConnection> _connections = Channel.CreateUnbounded<FakeGatewayConnection>();
    private LoopbackServer _server = null!;

    /// <summary>Answer every heartbeat (op 1) with an ACK (op 11) automatically.</summary>
    public bool AutoAck { get; set; } = true;

    public int ConnectionCount { get; private set; }

    public string GatewayUrl => $"ws://{_server.BaseAddress.Authority}/gateway";
    public string ResumeUrl => $"ws://{_server.BaseAddress.Authority}/resume";

    public static async Task<FakeDiscordGateway> StartAsync()
    {
        var fake = new FakeDiscordGateway();
        fake._server = await LoopbackServer.StartAsync(
            app =>
            {
                app.Map("/gateway", fake.AcceptAsync);
                app.Map("/resume", fake.AcceptAsync);
            },
            configureApp: app => app.UseWebSockets());
        return fake;
    }

    /// <summary>The next client connection (waits for it).</summary>
    public async Task<FakeGatewayConnection> NextConnectionAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _connections.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No gateway connection arrived.");
        }
    }

    /// <summary>True when no further connection arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> NoConnectionWithinAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            await _connections.Reader.WaitToReadAsync(cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            return;
        }
        var socket = await http.WebSockets.AcceptWebSocketAsync();
        ConnectionCount++;
        var connection = new FakeGatewayConnection(socket, http.Request.Path.Value ?? "", http.Request.QueryString.Value ?? "", this);
        _connections.Writer.TryWrite(connection);
        await connection.RunAsync(http.RequestAborted);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}

/// <summary>One client connection to <see cref="FakeDiscordGateway"/>.</summary>
public sealed class FakeGatewayConnection(WebSocket socket, string path, string query, FakeDiscordGateway gateway)
{
    private readonly Channel<JsonObject> _frames = Channel.CreateUnbounded<JsonObject>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<JsonObject> _all = [];

    public string Path { get; } = path;
    public string Query { get; } = query;
    public int HeartbeatCount { get; private set; }
    public IReadOnlyList<JsonObject> Received { get { lock (_all) return _all.ToList(); } }

    /// <summary>Completes with the client's close status when the connection ends (null if dropped without a close frame).</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    internal async Task RunAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, ct);
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                        await socket.CloseOutputAsync(result.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    _closed.TrySetResult(result.CloseStatus);
                    return;
                }
                var frame = JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length))!.AsObject();
                lock (_all) _all.Add(frame);
                if (frame["op"]?.GetValue<int>() == 1)
                {
                    HeartbeatCount++;
                    if (gateway.AutoAck) await SendAsync(new JsonObject { ["op"] = 11 });
                }
                _frames.Writer.TryWrite(frame);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            _closed.TrySetResult(null);
            _frames.Writer.TryComplete();
        }
    }

    public async Task SendAsync(JsonObject frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame.ToJsonString());
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open) await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task SendHelloAsync(int heartbeatIntervalMs) =>
        SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = heartbeatIntervalMs } });

    public Task SendDispatchAsync(string type, int sequence, JsonNode data) =>
        SendAsync(new JsonObject { ["op"] = 0, ["t"] = type, ["s"] = sequence, ["d"] = data });

    public Task SendReadyAsync(int sequence, string sessionId, string resumeUrl, string botUserId) =>
        SendDispatchAsync("READY", sequence, new JsonObject
        {
            ["v"] = 10,
            ["session_id"] = sessionId,
            ["resume_gateway_url"] = resumeUrl,
            ["user"] = new JsonObject { ["id"] = botUserId, ["username"] = "ChatBot", ["bot"] = true },
            ["guilds"] = new JsonArray(),
        });

    /// <summary>Closes from the server side with a (possibly Discord-specific 4xxx) close code.</summary>
    public async Task CloseAsync(int code, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open) await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The next frame from the client with this opcode (other frames are skipped but kept in <see cref="Received"/>).</summary>
    public async Task<JsonObject> NextOpAsync(int op, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var frame = await _frames.Reader.ReadAsync(cts.Token);
                if (frame["op"]?.GetValue<int>() == op) return frame;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"No op {op} frame from the client; received: " + string.Join(", ", Received.Select(f => f.ToJsonString())));
        }
    }
}
