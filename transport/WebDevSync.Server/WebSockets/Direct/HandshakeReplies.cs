using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace WebDevSync.Server.WebSockets.Direct;

/// <summary>The direct path's HTTP answers: the 101 that opens a WebSocket, and refusals.</summary>
internal static class HandshakeReplies
{
    /// <summary>RFC 6455 §1.3: the accept value proves the server read this handshake's key.</summary>
    private const string KeyGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static void WriteAccept(IBufferWriter<byte> output, string key, string? subProtocol)
    {
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + KeyGuid)));
        Write(output, "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: " + accept
            + (subProtocol is null ? "" : "\r\nSec-WebSocket-Protocol: " + subProtocol) + "\r\n\r\n");
    }

    /// <summary>
    /// A refusal with a plain-text reason, in the body and in <see cref="WebSocketEndpoint.ReasonHeader"/>
    /// (WebSocket clients such as .NET's see headers, not bodies); the connection closes after it.
    /// </summary>
    public static void WriteRefusal(IBufferWriter<byte> output, int status, string reason)
    {
        var body = Encoding.UTF8.GetBytes(reason);
        Write(output, $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + $"{WebSocketEndpoint.ReasonHeader}: {WebSocketEndpoint.HeaderSafe(reason)}\r\n"
            + $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        output.Write(body);
    }

    private static void Write(IBufferWriter<byte> output, string ascii) =>
        output.Advance(Encoding.ASCII.GetBytes(ascii, output.GetSpan(ascii.Length)));
}
