using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace WebDevSync.Server.Tests.Infrastructure;

/// <summary>One whole message the server sent: its raw bytes and, for JSON text, the parsed object.</summary>
public sealed record Frame(WebSocketMessageType Kind, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    public JsonElement Json { get; } = Parse(Bytes);

    public string? Type => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("type", out var t) ? t.GetString() : null;

    private static JsonElement Parse(byte[] bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}

/// <summary>
/// A real <see cref="ClientWebSocket"/> with a background reader: tests send JSON and await the next
/// message (of a given type). Waits time out only to turn a hang into a failure.
/// </summary>
public sealed class WsTestClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<Frame> _inbox = Channel.CreateUnbounded<Frame>();
    private readonly TaskCompletionSource<(WebSocketCloseStatus? Status, string? Reason)> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Task _reader;

    private WsTestClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Messages <see cref="WaitForAsync"/> passed over on its way to the one it wanted.</summary>
    public List<Frame> Skipped { get; } = [];

    public WebSocketState State => _socket.State;

    /// <summary>The subprotocol the server chose, if any.</summary>
    public string? SubProtocol => _socket.SubProtocol;

    public static async Task<WsTestClient> ConnectAsync(Uri url, string? subProtocol = null, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        if (subProtocol is not null) socket.Options.AddSubProtocol(subProtocol);
        configure?.Invoke(socket.Options);
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        await socket.ConnectAsync(url, guard.Token);
        return new WsTestClient(socket);
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

    /// <summary>The next message, whatever it is.</summary>
    public async Task<Frame> NextFrameAsync()
    {
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        try
        {
            if (await _inbox.Reader.WaitToReadAsync(guard.Token) && _inbox.Reader.TryRead(out var frame)) return frame;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no message within {Timeouts.Wait}");
        }
        var (status, reason) = await _closed.Task;
        throw new InvalidOperationException($"connection closed ({status} '{reason}') while a message was awaited");
    }

    public async Task<JsonElement> NextAsync() => (await NextFrameAsync()).Json;

    /// <summary>The next message, which must be of <paramref name="type"/>.</summary>
    public async Task<JsonElement> ExpectAsync(string type) => (await ExpectFrameAsync(type)).Json;

    public async Task<Frame> ExpectFrameAsync(string type)
    {
        var frame = await NextFrameAsync();
        Assert.True(frame.Type == type, $"expected a '{type}' message but got: {Shorten(frame.Text)}");
        return frame;
    }

    /// <summary>The next error, which must carry <paramref name="code"/>.</summary>
    public async Task<JsonElement> ExpectErrorAsync(string code)
    {
        var error = await ExpectAsync("error");
        Assert.Equal(code, error.GetProperty("payload").GetProperty("code").GetString());
        return error;
    }

    /// <summary>The first message of <paramref name="type"/>; others before it are kept in <see cref="Skipped"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string type)
    {
        while (true)
        {
            var frame = await NextFrameAsync();
            if (frame.Type == type) return frame.Json;
            Skipped.Add(frame);
        }
    }

    /// <summary>
    /// Proves nothing else is waiting for this client: a ping's pong must be the very next message.
    /// The router handles inputs in order, so anything it sent before the ping arrives first.
    /// </summary>
    public async Task AssertNothingPendingAsync()
    {
        await SendAsync("""{"type":"ping"}""");
        await ExpectAsync("pong");
    }

    /// <summary>The close status and reason the server sent (null status: the socket dropped without a close frame).</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ClosedAsync()
    {
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        return await _closed.Task.WaitAsync(guard.Token);
    }

    public async Task CloseAsync()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", guard.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                _socket.Abort();
            }
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

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
