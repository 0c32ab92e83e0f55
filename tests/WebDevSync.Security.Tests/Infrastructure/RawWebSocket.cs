using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>
/// A minimal WebSocket client over a raw socket with a tiny receive buffer, so a test controls exactly
/// when (and whether) it reads: a browser that stops reading fills the TCP window within a few KiB and
/// pushes back on the relay. Client frames are masked as RFC 6455 requires; server frames are not.
/// </summary>
public sealed class RawWebSocket : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    private RawWebSocket(Socket socket) => _socket = socket;

    /// <summary>The close code the server sent, once a close frame was read.</summary>
    public int? CloseCode { get; private set; }
    public string? CloseReason { get; private set; }

    public static async Task<RawWebSocket> ConnectAsync(int port, string path, string? token, int receiveBuffer = 4096)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = receiveBuffer };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        var ws = new RawWebSocket(socket);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                      $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n" +
                      (token is null ? "" : $"Sec-WebSocket-Protocol: webdevsync, bearer.{token}\r\n") + "\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None);
        var head = await ws.ReadHeadAsync();
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal)) throw new InvalidOperationException("handshake refused: " + head.Split('\r')[0]);
        return ws;
    }

    public async Task SendTextAsync(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var header = new List<byte> { 0x81 };
        if (payload.Length < 126) header.Add((byte)(0x80 | payload.Length));
        else if (payload.Length <= ushort.MaxValue) { header.Add(0x80 | 126); header.Add((byte)(payload.Length >> 8)); header.Add((byte)payload.Length); }
        else { header.Add(0x80 | 127); var len = new byte[8]; BinaryPrimitives.WriteUInt64BigEndian(len, (ulong)payload.Length); header.AddRange(len); }
        var mask = RandomNumberGenerator.GetBytes(4);
        header.AddRange(mask);
        for (var i = 0; i < payload.Length; i++) payload[i] ^= mask[i % 4];
        await _socket.SendAsync((byte[])[.. header, .. payload], SocketFlags.None);
    }

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
                    continue; // ping/pong: the relay's keep-alive is turned off in these tests
                default:
                    message.Write(payload);
                    if (fin) return Encoding.UTF8.GetString(message.ToArray());
                    break;
            }
        }
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

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
