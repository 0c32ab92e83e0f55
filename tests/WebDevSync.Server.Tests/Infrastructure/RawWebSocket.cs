using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace WebDevSync.Server.Tests.Infrastructure;

/// <summary>
/// A hand-rolled WebSocket client over a bare TCP socket: it does the handshake and sends masked
/// frames, but never answers the server's pings — a peer that has gone silent at the protocol level.
/// </summary>
public sealed class RawWebSocket : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawWebSocket(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawWebSocket> ConnectAsync(Uri wsUrl)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(wsUrl.Host, wsUrl.Port);
        var raw = new RawWebSocket(tcp);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {wsUrl.AbsolutePath} HTTP/1.1\r\nHost: {wsUrl.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                      $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await raw._stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var head = await raw.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 101", head);
        return raw;
    }

    /// <summary>One masked text frame, as RFC 6455 requires of clients.</summary>
    public async Task SendTextAsync(string text) => await _stream.WriteAsync(RawHttp.TextFrame(text));

    /// <summary>Reads (and drops) whatever the server sends until it closes the TCP connection.</summary>
    public async Task WaitForServerToHangUpAsync()
    {
        var buffer = new byte[4096];
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        try
        {
            while (await _stream.ReadAsync(buffer, guard.Token) > 0) { }
        }
        catch (IOException) { }
    }

    private async Task<string> ReadHeadAsync()
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _stream.ReadAsync(one) == 0) break;
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    public void Dispose() => _tcp.Dispose();
}
