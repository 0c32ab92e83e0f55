using System.Buffers;
using System.Text.Json;
using LanguageExt;
using WebDevSync.Core.Editing;
using WebDevSync.Core.Protocol;
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
                ? Decode(doc.RootElement)
                : new DecodeError(ErrorCode.InvalidMessage, "A message must be a JSON object");
        }
        catch (JsonException e)
        {
            return new DecodeError(ErrorCode.InvalidMessage, $"Not valid JSON: {e.Message}");
        }
    }

    public static Either<DecodeError, ServerMessage> Decode(ReadOnlyMemory<byte> utf8) => Decode(new ReadOnlySequence<byte>(utf8));

    // The same reader as the relay's decoder (FieldReader): the first problem is the one reported.
    private static Either<DecodeError, ServerMessage> Decode(JsonElement root)
    {
        var problems = new DecodeProblems(null);
        var m = new FieldReader(root, problems, "message");
        var type = m.String("type", 64);
        if (problems.First is { } bad) return bad;
        ServerMessage? message = type switch
        {
            WireNames.ConnectionAck => ConnectionAckOf(m),
            WireNames.DesktopStatus => new DesktopStatus(m.Object("payload").TryGet("connected", out var c) && c.ValueKind == JsonValueKind.True),
            WireNames.EditRequest => EditRequestOf(m),
            WireNames.CodeUpdate when m.TryGet("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
                && payload.TryGetProperty(EditFields.Edits, out _) => CodeEditsOf(m, problems),
            WireNames.CodeUpdate => CodeUpdateOf(m),
            WireNames.CodeAck => CodeAckOf(m),
            WireNames.CodeOvertaken => Answer(m, (id, textarea, code, seq) => new CodeOvertaken(id, textarea, code, seq)),
            WireNames.CodeMerged => Answer(m, (id, textarea, code, seq) => new CodeMerged(id, textarea, code, seq)),
            WireNames.SessionClosed => SessionClosedOf(m),
            WireNames.Error => ErrorOf(m),
            WireNames.Pong => new Pong(),
            _ => null,
        };
        if (problems.First is { } problem) return problem;
        return message is null ? new DecodeError(ErrorCode.UnknownType, $"Unknown message type '{type}'") : message;
    }

    private static ConnectionAck ConnectionAckOf(FieldReader m)
    {
        var id = m.String("connectionId", int.MaxValue);
        var p = m.Object("payload", required: false);
        var role = p?.Optional("role", 16);
        var user = p?.Optional("userId", int.MaxValue);
        return new ConnectionAck(id, role == "desktop" ? Role.Agent : Role.Browser, user ?? "");
    }

    private static EditRequest EditRequestOf(FieldReader m)
    {
        var id = m.String("sessionId", int.MaxValue);
        var p = m.Object("payload");
        var textarea = p.String("textareaId", int.MaxValue);
        var code = p.String("code", int.MaxValue);
        var fileType = p.Optional("fileType", int.MaxValue);
        var browser = p.Optional("browserConnectionId", int.MaxValue);
        var url = p.Optional("url", int.MaxValue);
        var title = p.Optional("title", int.MaxValue);
        var selection = p.Object("selection", required: false);
        return new EditRequest(id, textarea, code, fileType ?? "txt", browser ?? "", SeqOf(p), PageOf(url, title, selection));
    }

    private static CodeEdits? CodeEditsOf(FieldReader m, DecodeProblems problems)
    {
        var id = m.String("sessionId", int.MaxValue);
        var p = m.Object("payload");
        var textarea = p.String("textareaId", int.MaxValue);
        var baseSeq = p.Long("baseSeq");
        if (problems.First is not null) return null;
        var (edits, sum, problem) = EditFields.Read(p.Element, "message.payload");
        if (problem is not null) p.Refuse(problem);
        return new CodeEdits(id, textarea, baseSeq, edits, sum, SeqOf(p));
    }

    private static CodeUpdate CodeUpdateOf(FieldReader m)
    {
        var id = m.Optional("sessionId", int.MaxValue);
        var p = m.Object("payload");
        return new CodeUpdate(id ?? "", p.String("textareaId", int.MaxValue), p.String("code", int.MaxValue), SeqOf(p));
    }

    private static CodeAck CodeAckOf(FieldReader m)
    {
        var id = m.String("sessionId", int.MaxValue);
        var p = m.Object("payload");
        var textarea = p.String("textareaId", int.MaxValue);
        return new CodeAck(id, textarea, p.Long("seq"));
    }

    /// <summary>An answer that carries the relay's text: code_overtaken, code_merged.</summary>
    private static ServerMessage Answer(FieldReader m, Func<string, string, string, long, ServerMessage> make)
    {
        var id = m.String("sessionId", int.MaxValue);
        var p = m.Object("payload");
        var textarea = p.String("textareaId", int.MaxValue);
        var code = p.String("code", int.MaxValue);
        return make(id, textarea, code, p.Long("seq"));
    }

    private static SessionClosed SessionClosedOf(FieldReader m)
    {
        var id = m.String("sessionId", int.MaxValue);
        var p = m.Object("payload", required: false);
        var textarea = p?.Optional("textareaId", int.MaxValue);
        var reason = p?.Optional("reason", int.MaxValue);
        return new SessionClosed(id, textarea, reason ?? "closed");
    }

    private static Error ErrorOf(FieldReader m)
    {
        var p = m.Object("payload");
        var message = p.Optional("message", int.MaxValue);
        var code = p.Optional("code", 64);
        var connection = m.Optional("connectionId", int.MaxValue);
        var session = m.Optional("sessionId", int.MaxValue);
        return new Error(ErrorCodes.FromWire(code) ?? ErrorCode.Internal, message ?? "", connection, session);
    }

    private static PageContext? PageOf(string? url, string? title, FieldReader? selection)
    {
        var sel = selection is { } s ? new TextSelection(OffsetOf(s, "start"), OffsetOf(s, "end")) : (TextSelection?)null;
        var page = new PageContext(url, title, sel);
        return page.IsEmpty ? null : page;
    }

    // Offsets and seq are read leniently, as before: a missing or bad one is 0, not a refused message.
    private static int OffsetOf(FieldReader s, string name) => (int)Math.Min(LongOrZero(s, name), int.MaxValue);

    private static long SeqOf(FieldReader p) => LongOrZero(p, "seq");

    private static long LongOrZero(FieldReader r, string name) =>
        r.TryGet(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0 ? n : 0;
}
