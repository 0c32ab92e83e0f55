using System.Net.Sockets;
using System.Text;

namespace WebDevSync.TestKit.Raw;

/// <summary>
/// A bare TCP connection to the relay for tests of what arrives on the wire before any WebSocket
/// library is involved: request heads written as-is (in pieces, or with a frame right behind them),
/// responses read back raw, and small frames both ways.
/// </summary>
public sealed class RawHttp : IDisposable
{
    private readonly TcpClient _tcp = new() { NoDelay = true };
    private NetworkStream _stream = null!;

    public static async Task<RawHttp> ConnectAsync(Uri baseUrl)
    {
        var raw = new RawHttp();
        await raw._tcp.ConnectAsync(baseUrl.Host, baseUrl.Port);
        raw._stream = raw._tcp.GetStream();
        return raw;
    }

    public Task WriteAsync(string ascii) => WriteAsync(Encoding.ASCII.GetBytes(ascii));

    public async Task WriteAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>A response's status line and headers, and its body when it has a Content-Length.</summary>
    public async Task<(string Head, string Body)> ReadResponseAsync()
    {
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _stream.ReadAsync(one, guard.Token) == 0) break;
            head.Append((char)one[0]);
        }
        var length = head.ToString().Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } l
            ? int.Parse(l[15..].Trim()) : 0;
        var body = new byte[length];
        await _stream.ReadExactlyAsync(body, guard.Token);
        return (head.ToString(), Encoding.UTF8.GetString(body));
    }

    /// <summary>The payload of the next server frame (unmasked, short or 16-bit length).</summary>
    public async Task<string> ReadTextFrameAsync()
    {
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        var header = new byte[2];
        await _stream.ReadExactlyAsync(header, guard.Token);
        var length = header[1] & 0x7F;
        if (length == 126)
        {
            var extended = new byte[2];
            await _stream.ReadExactlyAsync(extended, guard.Token);
            length = extended[0] << 8 | extended[1];
        }
        var payload = new byte[length];
        await _stream.ReadExactlyAsync(payload, guard.Token);
        return Encoding.UTF8.GetString(payload);
    }

    /// <summary>True once the server has closed the connection (reads return 0 or fail).</summary>
    public async Task<bool> ClosedByServerAsync()
    {
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        try
        {
            return await _stream.ReadAsync(new byte[256], guard.Token) == 0 || await _stream.ReadAsync(new byte[256], guard.Token) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _tcp.Dispose();
}
