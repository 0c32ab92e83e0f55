using System.Buffers;
using System.Text.Json;
using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Json;

/// <summary>The client side: writes a <see cref="ClientMessage"/> in the seed's format (agents, tests, tools).</summary>
public static class ClientMessageEncoder
{
    public static void Encode(ClientMessage message, IBufferWriter<byte> output)
    {
        using var w = new Utf8JsonWriter(output, ServerMessageEncoder.WriterOptions);
        w.WriteStartObject();
        switch (message)
        {
            case BrowserConnect b:
                Head(w, WireNames.BrowserConnect, b.Claimed, null);
                if (!b.Resume.IsEmpty || b.AcceptsMerged || b.AcceptsEdits)
                    Sessions(w, b.Resume, b.AcceptsMerged, b.AcceptsEdits, (o, c) => { o.WriteString("sessionId", c.SessionId); o.WriteNumber("seq", c.Seq); });
                break;
            case DesktopConnect d:
                Head(w, WireNames.DesktopConnect, d.Claimed, null);
                if (!d.Sessions.IsEmpty || d.AcceptsMerged || d.AcceptsEdits)
                    Sessions(w, d.Sessions, d.AcceptsMerged, d.AcceptsEdits, (o, a) =>
                    {
                        o.WriteString("sessionId", a.SessionId);
                        o.WriteString("textareaId", a.TextareaId);
                        o.WriteString("fileType", a.FileType);
                        o.WriteString("browserConnectionId", a.BrowserConnectionId);
                        if (a.Seq is { } seq) o.WriteNumber("seq", seq);
                    });
                break;
            case EditRequest e:
                Head(w, WireNames.EditRequest, e.Claims, e.SessionId);
                w.WriteStartObject("payload");
                w.WriteString("textareaId", e.TextareaId);
                w.WriteString("code", e.Code);
                w.WriteString("fileType", e.FileType);
                if (e.Page is { } page) PageFields.Write(w, page);
                w.WriteEndObject();
                break;
            case CodeUpdate u:
                Head(w, WireNames.CodeUpdate, u.Claims, u.SessionId);
                w.WriteStartObject("payload");
                if (u.TextareaId is not null) w.WriteString("textareaId", u.TextareaId);
                w.WriteString("code", u.Code);
                if (u.BaseSeq is { } baseSeq) w.WriteNumber("baseSeq", baseSeq);
                w.WriteEndObject();
                break;
            case CodeEdits e:
                Head(w, WireNames.CodeUpdate, e.Claims, e.SessionId);
                w.WriteStartObject("payload");
                if (e.TextareaId is not null) w.WriteString("textareaId", e.TextareaId);
                EditFields.Write(w, e.Edits, e.Sum);
                w.WriteNumber("baseSeq", e.BaseSeq);
                w.WriteEndObject();
                break;
            case CodeRefresh r:
                Head(w, WireNames.CodeRefresh, r.Claims, r.SessionId);
                break;
            case SessionClosed c:
                Head(w, WireNames.SessionClosed, c.Claims, c.SessionId);
                if (c.Reason is not null) { w.WriteStartObject("payload"); w.WriteString("reason", c.Reason); w.WriteEndObject(); }
                break;
            case Ping p:
                Head(w, WireNames.Ping, p.Claims, null);
                break;
            case BrowserLeaving l:
                Head(w, WireNames.BrowserLeaving, l.Claims, null);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, null);
        }
        w.WriteEndObject();
    }

    public static byte[] ToBytes(ClientMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Head(Utf8JsonWriter w, string type, Claims claims, string? sessionId)
    {
        w.WriteString("type", type);
        if (claims.ConnectionId is not null) w.WriteString("connectionId", claims.ConnectionId);
        if (claims.UserId is not null) w.WriteString("userId", claims.UserId);
        if (sessionId is not null) w.WriteString("sessionId", sessionId);
    }

    private static void Sessions<T>(Utf8JsonWriter w, IEnumerable<T> items, bool acceptsMerged, bool acceptsEdits, Action<Utf8JsonWriter, T> fields)
    {
        w.WriteStartObject("payload");
        if (acceptsMerged) w.WriteBoolean(WireNames.AcceptsCodeMerged, true);
        if (acceptsEdits) w.WriteBoolean(WireNames.AcceptsEdits, true);
        w.WriteStartArray("sessions");
        foreach (var item in items)
        {
            w.WriteStartObject();
            fields(w, item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
