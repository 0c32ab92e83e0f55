using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace WebDevSync.TestKit.Json;

/// <summary>
/// A real <see cref="ClientWebSocket"/> speaking the JSON protocol, with a background reader: send JSON,
/// await the next message (of a type). Waits time out only to turn a hang into a failure.
/// </summary>
public sealed class JsonWsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<Frame> _inbox = Channel.CreateUnbounded<Frame>();
    private readonly TaskCompletionSource<(WebSocketCloseStatus? Status, string? Reason)> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Task _reader;

    private JsonWsClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Messages <see cref="WaitForAsync"/> passed over on its way to the one it wanted.</summary>
    public List<Frame> Skipped { get; } = [];

    public WebSocketState State => _socket.State;

    /// <summary>The subprotocol the server chose, if any.</summary>
    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>True once the connection closed (a close frame or a drop).</summary>
    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>The connected client; an <see cref="InvalidOperationException"/> with the HTTP status when the handshake is refused.</summary>
    public static async Task<JsonWsClient> ConnectAsync(Uri url, ConnectOptions? options = null)
    {
        var (client, status) = await TryConnectAsync(url, options);
        return client ?? throw new InvalidOperationException($"handshake refused with HTTP {(int)status}");
    }

    /// <summary>The connected client, or none and the HTTP status the server refused the handshake with.</summary>
    public static async Task<(JsonWsClient? Client, HttpStatusCode Status)> TryConnectAsync(Uri url, ConnectOptions? options = null, TimeSpan? timeout = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        // No unsolicited keep-alive frames: a test sees only what the relay sends.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        url = (options ?? ConnectOptions.None).Apply(url, socket.Options);
        using var guard = new CancellationTokenSource(timeout ?? Timeouts.Wait);
        try
        {
            await socket.ConnectAsync(url, guard.Token);
            return (new JsonWsClient(socket), socket.HttpStatusCode);
        }
        catch (WebSocketException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            return (null, status);
        }
    }

    public Task SendAsync(string json) => SendRawAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text);

    /// <summary>Any bytes as one frame (or one fragment, when <paramref name="endOfMessage"/> is false).</summary>
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

    /// <summary>The next message, whatever it is; a <see cref="ConnectionClosedException"/> when the connection closed first.</summary>
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
        throw new ConnectionClosedException(status, reason);
    }

    public async Task<JsonElement> NextAsync() => (await NextFrameAsync()).Json;

    /// <summary>Every message from here on until the connection closes, however long the relay stays quiet (for a pump that records all).</summary>
    public IAsyncEnumerable<Frame> FramesAsync() => _inbox.Reader.ReadAllAsync();

    /// <summary>The next message, which must be of <paramref name="type"/>.</summary>
    public async Task<JsonElement> ExpectAsync(string type) => (await ExpectFrameAsync(type)).Json;

    public async Task<Frame> ExpectFrameAsync(string type)
    {
        var frame = await NextFrameAsync();
        return frame.Type == type ? frame : throw new UnexpectedMessageException($"a '{type}' message", frame);
    }

    /// <summary>The next message, which must be an error carrying <paramref name="code"/>.</summary>
    public async Task<JsonElement> ExpectErrorAsync(string code)
    {
        var frame = await ExpectFrameAsync("error");
        return frame.Json.ErrorCode() == code ? frame.Json : throw new UnexpectedMessageException($"an error '{code}'", frame);
    }

    /// <summary>The first message of <paramref name="type"/> that matches; others before it are kept in <see cref="Skipped"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string type, Func<JsonElement, bool>? match = null)
    {
        while (true)
        {
            var frame = await NextFrameAsync();
            if (frame.Type == type && (match is null || match(frame.Json))) return frame.Json;
            Skipped.Add(frame);
        }
    }

    /// <summary>
    /// Proves nothing else is waiting for this client: a ping's pong must be the very next message.
    /// The router handles inputs in order, so anything it sent before the ping arrives first.
    /// </summary>
    public async Task AssertNothingPendingAsync()
    {
        await SendAsync(Msg.Ping);
        await ExpectAsync("pong");
    }

    /// <summary>The close status and reason the server sent (null status: the socket dropped without a close frame).</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ClosedAsync()
    {
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        return await _closed.Task.WaitAsync(guard.Token);
    }

    /// <summary>A normal close (1000); the socket is aborted when the close handshake cannot complete.</summary>
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
                _inbox.Writer.TryWrite(new Frame(result.MessageType, message.ToArray()));
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
}
