using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebDevSync.TestKit.Raw;

/// <summary>
/// A minimal WebSocket client over a raw socket with a tiny receive buffer, so a test controls exactly
/// when (and whether) it reads: a peer that stops reading fills the TCP window within a few KiB and
/// pushes back on the relay, and it never answers pings (silent at the protocol level).
/// Client frames are masked as RFC 6455 requires; server frames are not.
/// </summary>
public sealed class RawWebSocket : IDisposable, IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    private RawWebSocket(Socket socket) => _socket = socket;

    /// <summary>The close code the server sent, once a close frame was read.</summary>
    public int? CloseCode { get; private set; }
    public string? CloseReason { get; private set; }

    /// <summary>Upgrades at <paramref name="wsUrl"/>, offering <paramref name="token"/> as a subprotocol; refused: an <see cref="InvalidOperationException"/>.</summary>
    public static async Task<RawWebSocket> ConnectAsync(Uri wsUrl, string? token = null, int receiveBuffer = 4096)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = receiveBuffer };
        await socket.ConnectAsync(IPAddress.Loopback, wsUrl.Port);
        var ws = new RawWebSocket(socket);
        var extra = token is null ? "" : $"Sec-WebSocket-Protocol: webdevsync, bearer.{token}\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(ClientFrames.UpgradeHead(wsUrl.Authority, wsUrl.AbsolutePath, extra)), SocketFlags.None);
        var head = await ws.ReadHeadAsync();
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal)) throw new InvalidOperationException("handshake refused: " + head.Split('\r')[0]);
        return ws;
    }

    public async Task SendTextAsync(string text) => await _socket.SendAsync(ClientFrames.Text(text), SocketFlags.None);

    /// <summary>The next text message, or null once the server closed (see <see cref="CloseCode"/>) or the socket ended.</summary>
    public async Task<string?> ReadTextAsync()
    {
        var message = new MemoryStream();
        while (true)
        {
            if (!await FillAsync(2)) return null;
            var fin = (_buffer[_start] & 0x80) != 0;
            var opcode = _buffer[_start] & 0x0F;
            long length = _buffer[_start + 1] & 0x7F;
            var headerLength = 2;
            if (length == 126) { if (!await FillAsync(4)) return null; length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start + 2)); headerLength = 4; }
            else if (length == 127) { if (!await FillAsync(10)) return null; length = (long)BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(_start + 2)); headerLength = 10; }
            _start += headerLength;
            var payload = new byte[length];
            for (var copied = 0; copied < length;)
            {
                if (!await FillAsync(1)) return null;
                var n = (int)Math.Min(length - copied, _end - _start);
                Array.Copy(_buffer, _start, payload, copied, n);
                _start += n;
                copied += n;
            }
            switch (opcode)
            {
                case 0x8:
                    CloseCode = payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : 1005;
                    CloseReason = payload.Length > 2 ? Encoding.UTF8.GetString(payload, 2, payload.Length - 2) : "";
                    return null;
                case 0x9 or 0xA:
                    continue; // ping/pong: never answered, by design
                default:
                    message.Write(payload);
                    if (fin) return Encoding.UTF8.GetString(message.ToArray());
                    break;
            }
        }
    }

    /// <summary>Reads (and drops) whatever the server sends until it closes the TCP connection.</summary>
    public async Task WaitForServerToHangUpAsync()
    {
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        try
        {
            while (await _socket.ReceiveAsync(_buffer, SocketFlags.None, guard.Token) > 0) { }
        }
        catch (SocketException) { }
    }

    private async Task<bool> FillAsync(int needed)
    {
        while (_end - _start < needed)
        {
            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            int n;
            try
            {
                n = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
            }
            catch (SocketException)
            {
                return false;
            }
            if (n == 0) return false;
            _end += n;
        }
        return true;
    }

    private async Task<string> ReadHeadAsync()
    {
        while (true)
        {
            var text = Encoding.ASCII.GetString(_buffer, 0, _end);
            var at = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (at >= 0)
            {
                _start = at + 4;
                return text[..at];
            }
            var n = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
            if (n == 0) throw new IOException("closed during the handshake");
            _end += n;
        }
    }

    public void Dispose() => _socket.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
