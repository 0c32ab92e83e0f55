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

    // One writer per thread, reset onto each output: a new Utf8JsonWriter per message was ~4 % of the
    // relay's allocation (docs/PERFORMANCE.md, "One thread per message"). Encoding never re-enters.
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public static void Encode(ServerMessage message, IBufferWriter<byte> output)
    {
        var w = t_writer ??= new Utf8JsonWriter(output, WriterOptions);
        w.Reset(output);
        try
        {
            Write(w, message);
            w.Flush();
        }
        finally
        {
            w.Reset(); // lets go of the output
        }
    }

    private static void Write(Utf8JsonWriter w, ServerMessage message)
    {
        w.WriteStartObject();
        switch (message)
        {
            case ConnectionAck a:
                Head(w, WireNames.ConnectionAck, a.ConnectionId, null);
                w.WriteString("status", "connected");
                w.WriteStartObject("payload");
                w.WriteString("role", WireNames.Of(a.Role));
                w.WriteString("userId", a.UserId);
                // This relay takes changes as edits (README "Edits"): a client sends edits only to a relay that
                // says so, so the same library still works with the seed's relay, which does not.
                w.WriteBoolean("acceptsEdits", true);
                break;
            case DesktopStatus d:
                Head(w, WireNames.DesktopStatus, null, null);
                w.WriteStartObject("payload");
                w.WriteBoolean("connected", d.Connected);
                break;
            case EditRequest e:
                Head(w, WireNames.EditRequest, null, e.SessionId);
                w.WriteStartObject("payload");
                w.WriteString("textareaId", e.TextareaId);
                w.WriteString("code", e.Code);
                w.WriteString("fileType", e.FileType);
                w.WriteString("browserConnectionId", e.BrowserConnectionId);
                w.WriteNumber("seq", e.Seq);
                if (e.Page is { } page) PageFields.Write(w, page);
                break;
            case CodeUpdate u:
                Head(w, WireNames.CodeUpdate, null, u.SessionId);
                w.WriteStartObject("payload");
                w.WriteString("textareaId", u.TextareaId);
                w.WriteString("code", u.Code);
                w.WriteNumber("seq", u.Seq);
                break;
            case CodeEdits e:
                Head(w, WireNames.CodeUpdate, null, e.SessionId);
                w.WriteStartObject("payload");
                w.WriteString("textareaId", e.TextareaId);
                EditFields.Write(w, e.Edits, e.Sum);
                w.WriteNumber("baseSeq", e.BaseSeq);
                w.WriteNumber("seq", e.Seq);
                break;
            case CodeAck a:
                Head(w, WireNames.CodeAck, null, a.SessionId);
                w.WriteStartObject("payload");
                w.WriteString("textareaId", a.TextareaId);
                w.WriteNumber("seq", a.Seq);
                break;
            case CodeOvertaken o:
                Head(w, WireNames.CodeOvertaken, null, o.SessionId);
                w.WriteStartObject("payload");
                w.WriteString("textareaId", o.TextareaId);
                w.WriteString("code", o.Code);
                w.WriteNumber("seq", o.Seq);
                break;
            case CodeMerged g:
                Head(w, WireNames.CodeMerged, null, g.SessionId);
                w.WriteStartObject("payload");
                w.WriteString("textareaId", g.TextareaId);
                w.WriteString("code", g.Code);
                w.WriteNumber("seq", g.Seq);
                break;
            case SessionClosed c:
                Head(w, WireNames.SessionClosed, null, c.SessionId);
                w.WriteStartObject("payload");
                w.WriteString("textareaId", c.TextareaId);
                w.WriteString("reason", c.Reason);
                break;
            case Error e:
                Head(w, WireNames.Error, e.ConnectionId, e.SessionId);
                w.WriteStartObject("payload");
                w.WriteString("message", e.Message);
                w.WriteString("code", e.Code.Wire());
                break;
            case Pong:
                Head(w, WireNames.Pong, null, null);
                w.WriteEndObject();
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, null);
        }
        w.WriteEndObject(); // payload
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
}
