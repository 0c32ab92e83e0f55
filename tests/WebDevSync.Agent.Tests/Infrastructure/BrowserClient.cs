using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net.WebSockets;
using WebDevSync.Core.Protocol;
using WebDevSync.Json;

namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>A browser tab as the relay sees it: a ClientWebSocket speaking the JSON protocol, recording all it receives.</summary>
public sealed class BrowserClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<ServerMessage> _received = new();
    private ClientWebSocket? _socket;
    private Task _reader = Task.CompletedTask;

    public BrowserClient(string userId, string? connectionId = null) =>
        (UserId, ConnectionId) = (userId, connectionId ?? $"b-{Guid.NewGuid()}");

    public string UserId { get; }

    public string ConnectionId { get; }

    public IReadOnlyList<ServerMessage> Received => [.. _received];

    public IReadOnlyList<ServerMessage.CodeUpdate> Updates(string sessionId) =>
        Received.OfType<ServerMessage.CodeUpdate>().Where(u => u.SessionId == sessionId).ToList();

    /// <summary>Connects (or reconnects with the same connectionId, resuming at the newest seq seen per session).</summary>
    /// <summary>A token for the relay, sent the browser way: as a <c>bearer.&lt;token&gt;</c> WebSocket subprotocol.</summary>
    public string? Token { get; init; }

    public async Task ConnectAsync(string url)
    {
        if (_socket is not null) await CloseAsync();
        var resume = Received.OfType<ServerMessage.CodeUpdate>().GroupBy(u => u.SessionId)
            .Select(g => new SessionCursor(g.Key, g.Max(u => u.Seq))).ToImmutableArray();
        _socket = new ClientWebSocket();
        if (Token is not null)
        {
            _socket.Options.AddSubProtocol("webdevsync");
            _socket.Options.AddSubProtocol($"bearer.{Token}");
        }
        await _socket.ConnectAsync(new Uri(url), CancellationToken.None);
        var socket = _socket;
        _reader = Task.Run(() => ReadAsync(socket));
        await SendAsync(new ClientMessage.BrowserConnect(ConnectionId, UserId, resume));
    }

    /// <summary>Waits until the user's agent is connected (the relay says so), so edit requests have somewhere to go.</summary>
    public Task WaitForDesktopAsync(int skip = 0) =>
        WaitForAsync<ServerMessage.DesktopStatus>(d => d.Connected, skip);

    public Task SendAsync(ClientMessage message) =>
        _socket!.SendAsync(ClientMessageEncoder.ToBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task EditAsync(string sessionId, string textareaId, string code, string fileType) =>
        SendAsync(new ClientMessage.EditRequest(new Claims(ConnectionId, UserId), sessionId, textareaId, code, fileType));

    public Task CloseSessionAsync(string sessionId) =>
        SendAsync(new ClientMessage.SessionClosed(Claims.None, sessionId, "closed_by_browser"));

    public async Task<T> WaitForAsync<T>(Func<T, bool> match, int skip = 0) where T : ServerMessage
    {
        T? found = null;
        await Poll.UntilAsync(() => (found = Received.Skip(skip).OfType<T>().FirstOrDefault(match)) is not null,
            $"{typeof(T).Name} at the browser; received: {string.Join(", ", Received.Select(Describe))}");
        return found!;
    }

    public Task<ServerMessage.CodeUpdate> WaitForUpdateAsync(string sessionId, string code) =>
        WaitForAsync<ServerMessage.CodeUpdate>(u => u.SessionId == sessionId && u.Code == code);

    public Task<ServerMessage.SessionClosed> WaitForClosedAsync(string sessionId) =>
        WaitForAsync<ServerMessage.SessionClosed>(c => c.SessionId == sessionId);

    private static string Describe(ServerMessage m) => m switch
    {
        ServerMessage.CodeUpdate u => $"code_update({u.SessionId}, {u.Code.Length} chars, seq {u.Seq})",
        ServerMessage.SessionClosed c => $"session_closed({c.SessionId}, {c.Reason})",
        ServerMessage.Error e => $"error({e.Code}, {e.Message})",
        _ => m.GetType().Name,
    };

    private async Task ReadAsync(ClientWebSocket socket)
    {
        var frame = new ArrayBufferWriter<byte>();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var r = await socket.ReceiveAsync(frame.GetMemory(8192), CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) return;
                frame.Advance(r.Count);
                if (!r.EndOfMessage) continue;
                ServerMessageDecoder.Decode(frame.WrittenMemory).Fold(m => { _received.Enqueue(m); return 0; }, _ => 0);
                frame.ResetWrittenCount();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    public async Task CloseAsync()
    {
        if (_socket is null) return;
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", new CancellationTokenSource(2000).Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        _socket.Abort();
        await _reader;
        _socket.Dispose();
        _socket = null;
    }

    public async ValueTask DisposeAsync() => await CloseAsync();
}
