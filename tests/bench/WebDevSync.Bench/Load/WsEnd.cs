using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;

namespace WebDevSync.Bench.Load;

/// <summary>
/// A benchmark client over the JSON WebSocket protocol (works against both relays). Over <c>wss://</c>,
/// <paramref name="trusted"/> is the one server certificate it accepts (the bench's own, behind nginx).
/// </summary>
public sealed class WsEnd(Uri url, EndRole role, PairIdentity id, int payloadBytes, X509Certificate2? trusted = null) : IClientEnd
{
    private readonly ClientWebSocket _socket = NewSocket(trusted);
    private readonly byte[] _message = WsJson.Relayed(role, id, payloadBytes);
    private int _digits = -1;
    private byte[] _buffer = new byte[8192];
    private int _length;

    private static ClientWebSocket NewSocket(X509Certificate2? trusted)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        if (trusted is not null)
            socket.Options.RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == trusted.GetCertHashString();
        return socket;
    }

    public async Task ConnectAsync(CancellationToken ct)
    {
        _digits = Stamp.DigitsOffset(_message);
        await _socket.ConnectAsync(url, ct);
        await _socket.SendAsync(WsJson.Connect(role, id), WebSocketMessageType.Text, true, ct);
        while (true)
        {
            if (!await ReadMessageAsync(ct)) throw new InvalidOperationException("closed before connection_ack");
            var message = _buffer.AsSpan(0, _length);
            if (WsJson.IsAck(message)) return;
            if (WsJson.KindOf(message) == InboundKind.Error) throw new InvalidOperationException("connect refused: " + System.Text.Encoding.UTF8.GetString(message));
        }
    }

    public ValueTask SendAsync(long stamp, CancellationToken ct)
    {
        Stamp.Write(_message.AsSpan(_digits, Stamp.Digits), stamp);
        return _socket.SendAsync(_message.AsMemory(), WebSocketMessageType.Text, true, ct);
    }

    public async ValueTask<Inbound> ReceiveAsync(CancellationToken ct)
    {
        if (!await ReadMessageAsync(ct)) return Inbound.Closed;
        var message = _buffer.AsSpan(0, _length);
        var kind = WsJson.KindOf(message);
        return new Inbound(kind, kind is InboundKind.EditRequest or InboundKind.CodeUpdate ? Stamp.Find(message) : -1);
    }

    private async ValueTask<bool> ReadMessageAsync(CancellationToken ct)
    {
        _length = 0;
        while (true)
        {
            if (_length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(_length), ct);
            if (result.MessageType == WebSocketMessageType.Close) return false;
            _length += result.Count;
            if (result.EndOfMessage) return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        _socket.Dispose();
    }
}
