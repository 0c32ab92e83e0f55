using System.Net.WebSockets;
using WebDevSync.Json;
using WebDevSync.TestKit.Json;

namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>A browser tab as the relay sees it: the kit's JSON client, every message decoded and recorded as the browser library would.</summary>
public sealed class BrowserClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<ServerMessage> _received = new();
    private JsonWsClient? _socket;
    private Task _reader = Task.CompletedTask;

    public BrowserClient(string userId, string? connectionId = null) =>
        (UserId, ConnectionId) = (userId, connectionId ?? $"b-{Guid.NewGuid()}");

    public string UserId { get; }

    public string ConnectionId { get; }

    public IReadOnlyList<ServerMessage> Received => [.. _received];

    public IReadOnlyList<ServerMessage.CodeUpdate> Updates(string sessionId) =>
        Received.OfType<ServerMessage.CodeUpdate>().Where(u => u.SessionId == sessionId).ToList();

    /// <summary>A token for the relay, sent the browser way: as a <c>bearer.&lt;token&gt;</c> WebSocket subprotocol.</summary>
    public string? Token { get; init; }

    /// <summary>Whether the tab says on connect that it understands <c>code_merged</c>, as the browser library does.</summary>
    public bool AcceptsMerged { get; init; }

    /// <summary>Any other setting of the tab's socket (a test's own trust for a relay on TLS).</summary>
    public Action<System.Net.WebSockets.ClientWebSocketOptions>? Configure { get; init; }

    /// <summary>Connects (or reconnects with the same connectionId, resuming at the newest seq seen per session).</summary>
    public async Task ConnectAsync(string url)
    {
        if (_socket is not null) await CloseAsync();
        var resume = Received.OfType<ServerMessage.CodeUpdate>().GroupBy(u => u.SessionId)
            .Select(g => new SessionCursor(g.Key, g.Max(u => u.Seq))).ToImmutableArray();
        var socket = _socket = await JsonWsClient.ConnectAsync(new Uri(url), new ConnectOptions(Token, TokenVia.Subprotocol) { Configure = Configure });
        _reader = Task.Run(() => ReadAsync(socket));
        await SendAsync(new ClientMessage.BrowserConnect(ConnectionId, UserId, resume) { AcceptsMerged = AcceptsMerged });
    }

    /// <summary>Waits until the user's agent is connected (the relay says so), so edit requests have somewhere to go.</summary>
    public Task WaitForDesktopAsync(int skip = 0) =>
        WaitForAsync<ServerMessage.DesktopStatus>(d => d.Connected, skip);

    public Task SendAsync(ClientMessage message) =>
        _socket!.SendRawAsync(ClientMessageEncoder.ToBytes(message), WebSocketMessageType.Text);

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

    /// <summary>Decodes every message as the browser library would; what does not decode is not recorded.</summary>
    private async Task ReadAsync(JsonWsClient socket)
    {
        await foreach (var frame in socket.FramesAsync())
            ServerMessageDecoder.Decode(frame.Bytes).Fold(m => { _received.Enqueue(m); return 0; }, _ => 0);
    }

    public async Task CloseAsync()
    {
        if (_socket is null) return;
        await _socket.DisposeAsync();
        await _reader;
        _socket = null;
    }

    public async ValueTask DisposeAsync() => await CloseAsync();
}
