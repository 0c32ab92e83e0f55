using System.Buffers;
using System.Net.WebSockets;
using WebDevSync.Agent.Editors;
using WebDevSync.Agent.GhostText;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Agent.Live.Plugin;

/// <summary>How a field ended: <see cref="Problem"/> is null when the editor closed it (or went away), else what it sent wrong.</summary>
public sealed record GhostTextEnd(string? Problem);

/// <summary>
/// One field opened in an editor's GhostText plugin, as the browser extension would open it: the
/// WebSocket the plugin named, the field sent first, then the whole text each way. The editor's
/// texts are reported (one that repeats the text both sides hold is not), the page's are sent with
/// the editor's cursor carried along. A thin adapter: the agent's reducer decides what the texts mean.
/// </summary>
public sealed class GhostTextClient : ILiveBuffer
{
    /// <summary>
    /// GhostText's own Chrome extension id. The VS Code plugin refuses a WebSocket whose Origin is not a
    /// browser extension's (its guard against web pages), and the agent stands where the extension stands.
    /// </summary>
    public const string Origin = "chrome-extension://godiecgffnchndlihlpaajjcplehddca";

    private readonly ClientWebSocket _socket;
    private readonly GhostTextField _field;
    private readonly int _maxMessageBytes;
    private readonly Action<string> _changed;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task<GhostTextEnd> _ended;
    private string _held;
    private TextSelection _cursor;

    private GhostTextClient(ClientWebSocket socket, GhostTextField field, int maxMessageBytes, Action<string> changed)
    {
        _socket = socket;
        _field = field;
        _maxMessageBytes = maxMessageBytes;
        _changed = changed;
        _held = field.Text;
        _cursor = field.Selection;
        _ended = Task.Run(ReceiveAsync);
    }

    /// <summary>Ends when the field is gone: closed by the editor, dropped, or refused for a bad message.</summary>
    public Task<GhostTextEnd> Ended => _ended;

    public Task Completion => _ended;

    /// <summary>The JSON of any text within <paramref name="maxTextBytes"/> fits (escapes take at most six bytes a character).</summary>
    public static int MaxMessageBytes(long maxTextBytes) => (int)Math.Min(int.MaxValue - 1, maxTextBytes * 6 + 64 * 1024);

    /// <summary>Asks the plugin on <paramref name="port"/> for its WebSocket, connects and opens the field; <see cref="GhostTextUnavailable"/> says why not.</summary>
    public static async Task<GhostTextClient> ConnectAsync(int port, GhostTextField field, long maxTextBytes, Action<string> changed, TimeSpan timeout, CancellationToken ct)
    {
        var wsPort = await GhostTextDiscovery.WebSocketPortAsync(port, timeout, ct);
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", Origin);
        socket.Options.Proxy = null;
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(new Uri($"ws://localhost:{wsPort}/"), limit.Token);
            await socket.SendAsync(GhostTextWire.Field(field, field.Text, field.Selection), WebSocketMessageType.Text, true, limit.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new GhostTextUnavailable($"the GhostText plugin on localhost:{port} named WebSocket port {wsPort}, which did not take the field ({e.Message})");
        }
        return new GhostTextClient(socket, field, MaxMessageBytes(maxTextBytes), changed);
    }

    public async Task<bool> ApplyAsync(string text)
    {
        byte[] message;
        lock (_gate)
        {
            _cursor = GhostTextCursor.Across(_held, text, _cursor);
            _held = text;
            message = GhostTextWire.Field(_field, text, _cursor);
        }
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, true, _stop.Token);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task<GhostTextEnd> ReceiveAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult part;
                do
                {
                    // One byte more than the limit is read, so a message of exactly the limit is told from a longer one.
                    var room = _maxMessageBytes + 1 - buffer.WrittenCount;
                    if (room <= 0) return await RefuseAsync(WebSocketCloseStatus.MessageTooBig, $"sent a message over {_maxMessageBytes} bytes");
                    var chunk = Math.Min(64 * 1024, room);
                    part = await _socket.ReceiveAsync(buffer.GetMemory(chunk)[..chunk], _stop.Token);
                    buffer.Advance(part.Count);
                } while (!part.EndOfMessage && part.MessageType != WebSocketMessageType.Close);
                if (buffer.WrittenCount > _maxMessageBytes) return await RefuseAsync(WebSocketCloseStatus.MessageTooBig, $"sent a message over {_maxMessageBytes} bytes");

                if (part.MessageType == WebSocketMessageType.Close)
                {
                    await CloseQuietlyAsync();
                    return new GhostTextEnd(null);
                }
                if (part.MessageType != WebSocketMessageType.Text) return await RefuseAsync(WebSocketCloseStatus.InvalidMessageType, "sent a binary message");
                string? problem = null;
                GhostTextMessages.Parse(buffer.WrittenSpan).Match(Right: Take, Left: p => problem = p);
                if (problem is not null) return await RefuseAsync(WebSocketCloseStatus.InvalidPayloadData, $"sent a message that is not GhostText's {{text, selections}}: {problem}");
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The editor went away without a close (killed, connection reset): the field is gone all the same.
            return new GhostTextEnd(null);
        }
    }

    private void Take(GhostTextChange change)
    {
        lock (_gate)
        {
            if (change.Selection is { } sel) _cursor = sel;
            if (change.Text == _held) return;
            _held = change.Text;
        }
        _changed(change.Text);
    }

    private async Task<GhostTextEnd> RefuseAsync(WebSocketCloseStatus status, string problem)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await _socket.CloseOutputAsync(status, null, limit.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        return new GhostTextEnd(problem);
    }

    private async Task CloseQuietlyAsync()
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            if (_socket.State == WebSocketState.CloseReceived) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    /// <summary>The agent lets go of the field (the session ended here): the plugin closes its buffer.</summary>
    public async ValueTask DisposeAsync()
    {
        // A close is a send: it waits for a page change being sent, but not for long.
        if (await _sending.WaitAsync(TimeSpan.FromSeconds(1)))
        {
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                if (_socket.State == WebSocketState.Open) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "session ended", limit.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
            finally { _sending.Release(); }
        }
        await _stop.CancelAsync();
        await ((Task)_ended).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _stop.Dispose();
    }
}
