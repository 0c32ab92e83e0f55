using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using LanguageExt;
using WebDevSync.Core.Editing;
using WebDevSync.Core.Protocol;
using static LanguageExt.Prelude;
using static WebDevSync.Core.Protocol.ServerMessage;

namespace WebDevSync.Json;

/// <summary>The client side: parses a server frame into a <see cref="ServerMessage"/>, or says why not.</summary>
public static class ServerMessageDecoder
{
    public static Either<DecodeError, ServerMessage> Decode(ReadOnlySequence<byte> utf8)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = Limits.MaxDepth });
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? Decode(new JsonObjectReader(doc.RootElement, "message"))
                : new DecodeError(ErrorCode.InvalidMessage, "A message must be a JSON object");
        }
        catch (JsonException e)
        {
            return new DecodeError(ErrorCode.InvalidMessage, $"Not valid JSON: {e.Message}");
        }
    }

    public static Either<DecodeError, ServerMessage> Decode(ReadOnlyMemory<byte> utf8) => Decode(new ReadOnlySequence<byte>(utf8));

    private static Either<DecodeError, ServerMessage> Decode(JsonObjectReader m) =>
        m.String("type", 64).Bind(type => type switch
        {
            WireNames.ConnectionAck =>
                from id in m.String("connectionId", int.MaxValue)
                from p in m.Object("payload", required: false)
                from role in JsonObjectReader.Optional(p, "role", 16)
                from user in JsonObjectReader.Optional(p, "userId", int.MaxValue)
                select (ServerMessage)new ConnectionAck(id, role.OrNull() == "desktop" ? Role.Agent : Role.Browser, user.OrNull() ?? ""),
            WireNames.DesktopStatus =>
                from p in m.Object("payload")
                select (ServerMessage)new DesktopStatus(p.Element.TryGetProperty("connected", out var c) && c.ValueKind == JsonValueKind.True),
            WireNames.EditRequest =>
                from id in m.String("sessionId", int.MaxValue)
                from p in m.Object("payload")
                from textarea in p.String("textareaId", int.MaxValue)
                from code in p.String("code", int.MaxValue)
                from fileType in p.Optional("fileType", int.MaxValue)
                from browser in p.Optional("browserConnectionId", int.MaxValue)
                from url in p.Optional("url", int.MaxValue)
                from title in p.Optional("title", int.MaxValue)
                from selection in p.Object("selection", required: false)
                select (ServerMessage)new EditRequest(id, textarea, code, fileType.OrNull() ?? "txt", browser.OrNull() ?? "", SeqOf(p),
                    PageOf(url.OrNull(), title.OrNull(), selection)),
            WireNames.CodeUpdate when m.Element.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
                    && payload.TryGetProperty(EditFields.Edits, out _) =>
                from id in m.String("sessionId", int.MaxValue)
                from p in m.Object("payload")
                from textarea in p.String("textareaId", int.MaxValue)
                from baseSeq in p.Long("baseSeq")
                from edits in EditsOf(p)
                select (ServerMessage)new CodeEdits(id, textarea, baseSeq, edits.Edits, edits.Sum, SeqOf(p)),
            WireNames.CodeUpdate =>
                from id in m.Optional("sessionId", int.MaxValue)
                from p in m.Object("payload")
                from textarea in p.String("textareaId", int.MaxValue)
                from code in p.String("code", int.MaxValue)
                select (ServerMessage)new CodeUpdate(id.OrNull() ?? "", textarea, code, SeqOf(p)),
            WireNames.CodeAck =>
                from id in m.String("sessionId", int.MaxValue)
                from p in m.Object("payload")
                from textarea in p.String("textareaId", int.MaxValue)
                from seq in p.Long("seq")
                select (ServerMessage)new CodeAck(id, textarea, seq),
            WireNames.CodeOvertaken =>
                from id in m.String("sessionId", int.MaxValue)
                from p in m.Object("payload")
                from textarea in p.String("textareaId", int.MaxValue)
                from code in p.String("code", int.MaxValue)
                from seq in p.Long("seq")
                select (ServerMessage)new CodeOvertaken(id, textarea, code, seq),
            WireNames.CodeMerged =>
                from id in m.String("sessionId", int.MaxValue)
                from p in m.Object("payload")
                from textarea in p.String("textareaId", int.MaxValue)
                from code in p.String("code", int.MaxValue)
                from seq in p.Long("seq")
                select (ServerMessage)new CodeMerged(id, textarea, code, seq),
            WireNames.SessionClosed =>
                from id in m.String("sessionId", int.MaxValue)
                from p in m.Object("payload", required: false)
                from textarea in JsonObjectReader.Optional(p, "textareaId", int.MaxValue)
                from reason in JsonObjectReader.Optional(p, "reason", int.MaxValue)
                select (ServerMessage)new SessionClosed(id, textarea.OrNull(), reason.OrNull() ?? "closed"),
            WireNames.Error =>
                from p in m.Object("payload")
                from message in p.Optional("message", int.MaxValue)
                from code in p.Optional("code", 64)
                from connection in m.Optional("connectionId", int.MaxValue)
                from session in m.Optional("sessionId", int.MaxValue)
                select (ServerMessage)new Error(ErrorCodes.FromWire(code.OrNull()) ?? ErrorCode.Internal, message.OrNull() ?? "", connection.OrNull(), session.OrNull()),
            WireNames.Pong => Right<DecodeError, ServerMessage>(new Pong()),
            _ => new DecodeError(ErrorCode.UnknownType, $"Unknown message type '{type}'"),
        });

    private static PageContext? PageOf(string? url, string? title, Option<JsonObjectReader> selection)
    {
        var sel = selection.Fold(s => (TextSelection?)new TextSelection(OffsetOf(s, "start"), OffsetOf(s, "end")), () => null);
        var page = new PageContext(url, title, sel);
        return page.IsEmpty ? null : page;
    }

    private static int OffsetOf(JsonObjectReader s, string name) => (int)Math.Min(s.Long(name).Fold(n => n, _ => 0L), int.MaxValue);

    private static Either<DecodeError, (ImmutableArray<TextEdit> Edits, TextSum Sum)> EditsOf(JsonObjectReader p)
    {
        var (edits, sum, problem) = EditFields.Read(p.Element, "message.payload");
        return problem is null ? (edits, sum) : new DecodeError(ErrorCode.InvalidMessage, problem);
    }

    private static long SeqOf(JsonObjectReader p) => p.Long("seq").Fold(seq => seq, _ => 0L);
}
