using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>Where a client puts its token, as the real clients do (see docs/SECURITY.md).</summary>
public enum TokenVia { Subprotocol, AuthorizationHeader, Query }

/// <summary>How a test client opens its socket: token, its placement, and an Origin header (browsers send one).</summary>
public sealed record ConnectOptions(string? Token = null, TokenVia Via = TokenVia.Subprotocol, string? Origin = null)
{
    public static readonly ConnectOptions None = new();
}

/// <summary>One whole message from the server: raw text and, for JSON, the parsed object.</summary>
public sealed record Frame(string Text)
{
    public JsonElement Json { get; } = Parse(Text);

    public string? Type => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    private static JsonElement Parse(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}

/// <summary>
/// A real <see cref="ClientWebSocket"/> with a background reader: send JSON, await the next message
/// (of a type). Waits time out only to turn a hang into a failure.
/// </summary>
public sealed class WsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<Frame> _inbox = Channel.CreateUnbounded<Frame>();
    private readonly TaskCompletionSource<(WebSocketCloseStatus? Status, string? Reason)> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Task _reader;

    private WsClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public WebSocketState State => _socket.State;

    public static async Task<WsClient> ConnectAsync(Uri url, ConnectOptions? options = null)
    {
        var (client, status) = await TryConnectAsync(url, options);
        return client ?? throw new InvalidOperationException($"handshake refused with HTTP {(int)status}");
    }

    /// <summary>The connected client, or none and the HTTP status the server refused the handshake with.</summary>
    public static async Task<(WsClient? Client, HttpStatusCode Status)> TryConnectAsync(Uri url, ConnectOptions? options = null, TimeSpan? timeout = null)
    {
        options ??= ConnectOptions.None;
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        if (options.Origin is not null) socket.Options.SetRequestHeader("Origin", options.Origin);
        if (options.Token is { } token)
        {
            switch (options.Via)
            {
                case TokenVia.Subprotocol:
                    socket.Options.AddSubProtocol("webdevsync");
                    socket.Options.AddSubProtocol("bearer." + token);
                    break;
                case TokenVia.AuthorizationHeader:
                    socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
                    break;
                case TokenVia.Query:
                    url = new Uri(url + "?access_token=" + Uri.EscapeDataString(token));
                    break;
            }
        }
        using var guard = new CancellationTokenSource(timeout ?? Timeouts.Wait);
        try
        {
            await socket.ConnectAsync(url, guard.Token);
            return (new WsClient(socket), socket.HttpStatusCode);
        }
        catch (WebSocketException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            return (null, status);
        }
    }

    public Task SendAsync(string json) => SendRawAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text);

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, WebSocketMessageType kind, bool endOfMessage = true)
    {
        await _sendGate.WaitAsync();
        try
        {
            using var guard = new CancellationTokenSource(Timeouts.Wait);
            await _socket.SendAsync(bytes, kind, endOfMessage, guard.Token);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>The next message; throws when the connection closed first.</summary>
    public async Task<Frame> NextFrameAsync()
    {
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        try
        {
            // Another reader may take the frame first: wait again rather than conclude the socket closed.
            while (await _inbox.Reader.WaitToReadAsync(guard.Token))
                if (_inbox.Reader.TryRead(out var frame)) return frame;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no message within {Timeouts.Wait}");
        }
        var (status, reason) = await _closed.Task;
        throw new ClosedException(status, reason);
    }

    public async Task<JsonElement> NextAsync() => (await NextFrameAsync()).Json;

    public async Task<JsonElement> ExpectAsync(string type)
    {
        var frame = await NextFrameAsync();
        Assert.True(frame.Type == type, $"expected a '{type}' message but got: {Shorten(frame.Text)}");
        return frame.Json;
    }

    public async Task<JsonElement> ExpectErrorAsync(string code)
    {
        var error = await ExpectAsync("error");
        Assert.Equal(code, error.ErrorCode());
        return error;
    }

    /// <summary>The first message that matches, skipping others (kept in <see cref="Skipped"/>).</summary>
    public async Task<JsonElement> WaitForAsync(string type, Func<JsonElement, bool>? match = null)
    {
        while (true)
        {
            var frame = await NextFrameAsync();
            if (frame.Type == type && (match is null || match(frame.Json))) return frame.Json;
            Skipped.Add(frame);
        }
    }

    public List<Frame> Skipped { get; } = [];

    /// <summary>Proves nothing else waits for this client: the router answers in order, so the pong comes next.</summary>
    public async Task AssertNothingPendingAsync()
    {
        await SendAsync(Msg.Ping);
        await ExpectAsync("pong");
    }

    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ClosedAsync()
    {
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        return await _closed.Task.WaitAsync(guard.Token);
    }

    public bool IsClosed => _closed.Task.IsCompleted;

    public async Task CloseAsync()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", guard.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                _socket.Abort();
            }
        }
        else
        {
            _socket.Abort();
        }
        await _reader;
    }

    /// <summary>Drops the TCP connection without a close handshake.</summary>
    public async Task AbortAsync()
    {
        _socket.Abort();
        await _reader;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _socket.Dispose();
        _sendGate.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var chunk = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closed.TrySetResult((_socket.CloseStatus, _socket.CloseStatusDescription));
                    if (_socket.State == WebSocketState.CloseReceived)
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    return;
                }
                message.Write(chunk, 0, result.Count);
                if (!result.EndOfMessage) continue;
                _inbox.Writer.TryWrite(new Frame(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length)));
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _closed.TrySetResult((null, e.GetType().Name));
        }
        finally
        {
            _closed.TrySetResult((_socket.CloseStatus, _socket.CloseStatusDescription));
            _inbox.Writer.TryComplete();
        }
    }

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "…";
}

/// <summary>The connection closed while a message was awaited.</summary>
public sealed class ClosedException(WebSocketCloseStatus? status, string? reason)
    : Exception($"connection closed ({status?.ToString() ?? "no close frame"} '{reason}')")
{
    public WebSocketCloseStatus? Status { get; } = status;
}
