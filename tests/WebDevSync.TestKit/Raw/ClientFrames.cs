using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WebDevSync.TestKit.Raw;

/// <summary>WebSocket frames as a client must send them: masked (RFC 6455 §5.3), any length.</summary>
public static class ClientFrames
{
    /// <summary>One masked, final text frame carrying <paramref name="text"/>.</summary>
    public static byte[] Text(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var header = new List<byte> { 0x81 };
        if (payload.Length < 126) header.Add((byte)(0x80 | payload.Length));
        else if (payload.Length <= ushort.MaxValue) header.AddRange([0x80 | 126, (byte)(payload.Length >> 8), (byte)payload.Length]);
        else
        {
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            header.Add(0x80 | 127);
            header.AddRange(length);
        }
        var mask = RandomNumberGenerator.GetBytes(4);
        for (var i = 0; i < payload.Length; i++) payload[i] ^= mask[i % 4];
        return [.. header, .. mask, .. payload];
    }

    /// <summary>The request head of a WebSocket upgrade, written as-is (an <paramref name="extra"/> header line ends in CRLF).</summary>
    public static string UpgradeHead(string authority, string path = "/web-dev-sync/ws", string extra = "") =>
        $"GET {path} HTTP/1.1\r\nHost: {authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        $"Sec-WebSocket-Key: {Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))}\r\nSec-WebSocket-Version: 13\r\n{extra}\r\n";
}
