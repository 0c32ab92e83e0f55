using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ServerMessage;

namespace WebDevSync.Json;

/// <summary>Writes a <see cref="ServerMessage"/> as one JSON text frame, with at least the seed's fields.</summary>
public static class ServerMessageEncoder
{
    /// <summary>Relaxed escaping keeps non-ASCII code as UTF-8 (smaller, faster); quotes and controls are still escaped.</summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static void Encode(ServerMessage message, IBufferWriter<byte> output)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        switch (message)
        {
            case ConnectionAck a:
                Head(w, WireNames.ConnectionAck, a.ConnectionId, null);
                w.WriteString("status", "connected");
                Payload(w, p => { p.WriteString("role", WireNames.Of(a.Role)); p.WriteString("userId", a.UserId); });
                break;
            case DesktopStatus d:
                Head(w, WireNames.DesktopStatus, null, null);
                Payload(w, p => p.WriteBoolean("connected", d.Connected));
                break;
            case EditRequest e:
                Head(w, WireNames.EditRequest, null, e.SessionId);
                Payload(w, p =>
                {
                    p.WriteString("textareaId", e.TextareaId);
                    p.WriteString("code", e.Code);
                    p.WriteString("fileType", e.FileType);
                    p.WriteString("browserConnectionId", e.BrowserConnectionId);
                    p.WriteNumber("seq", e.Seq);
                });
                break;
            case CodeUpdate u:
                Head(w, WireNames.CodeUpdate, null, u.SessionId);
                Payload(w, p => { p.WriteString("textareaId", u.TextareaId); p.WriteString("code", u.Code); p.WriteNumber("seq", u.Seq); });
                break;
            case SessionClosed c:
                Head(w, WireNames.SessionClosed, null, c.SessionId);
                Payload(w, p => { p.WriteString("textareaId", c.TextareaId); p.WriteString("reason", c.Reason); });
                break;
            case Error e:
                Head(w, WireNames.Error, e.ConnectionId, e.SessionId);
                Payload(w, p => { p.WriteString("message", e.Message); p.WriteString("code", e.Code.Wire()); });
                break;
            case Pong:
                Head(w, WireNames.Pong, null, null);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, null);
        }
        w.WriteEndObject();
    }

    public static byte[] ToBytes(ServerMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Head(Utf8JsonWriter w, string type, string? connectionId, string? sessionId)
    {
        w.WriteString("type", type);
        if (connectionId is not null) w.WriteString("connectionId", connectionId);
        if (sessionId is not null) w.WriteString("sessionId", sessionId);
    }

    private static void Payload(Utf8JsonWriter w, Action<Utf8JsonWriter> fields)
    {
        w.WriteStartObject("payload");
        fields(w);
        w.WriteEndObject();
    }
}
