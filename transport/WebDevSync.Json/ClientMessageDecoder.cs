using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using LanguageExt;
using WebDevSync.Core.Protocol;
using static LanguageExt.Prelude;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Json;

/// <summary>
/// Parses one text frame from a client into a validated <see cref="ClientMessage"/>, or says why not.
/// Field names follow the seed's "WebSocket Message Format"; sizes follow <see cref="Limits"/>.
/// </summary>
public static class ClientMessageDecoder
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = Limits.MaxDepth };

    public static Either<DecodeError, ClientMessage> Decode(ReadOnlySequence<byte> utf8, int maxCodeChars)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            return new DecodeError(ErrorCode.InvalidMessage, $"Not valid JSON: {e.Message.Split(" Path:")[0]}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return new DecodeError(ErrorCode.InvalidMessage, "A message must be a JSON object");
            try
            {
                return Decode(doc.RootElement, maxCodeChars);
            }
            catch (InvalidOperationException)
            {
                // JsonElement.GetString throws on a lone surrogate escape such as "\ud800" (valid JSON, not valid UTF-16).
                return new DecodeError(ErrorCode.InvalidMessage, "Strings must be valid Unicode: lone surrogate escapes are refused");
            }
        }
    }

    private static Either<DecodeError, ClientMessage> Decode(JsonElement root, int maxCodeChars)
    {
        var sessionId = root.TryGetProperty("sessionId", out var sid) && sid.ValueKind == JsonValueKind.String ? sid.GetString() : null;
        var m = new JsonObjectReader(root, "message", sessionId);
        return m.String("type", 64).Bind(type => type switch
        {
            WireNames.BrowserConnect => BrowserConnectOf(m),
            WireNames.DesktopConnect => DesktopConnectOf(m),
            WireNames.EditRequest => EditRequestOf(m, maxCodeChars),
            WireNames.CodeUpdate => CodeUpdateOf(m, maxCodeChars),
            WireNames.SessionClosed => SessionClosedOf(m),
            WireNames.Ping => ClaimsOf(m).Map(c => (ClientMessage)new Ping(c)),
            _ => new DecodeError(ErrorCode.UnknownType, $"Unknown message type '{Truncate(type)}'", sessionId),
        });
    }

    private static Either<DecodeError, ClientMessage> BrowserConnectOf(JsonObjectReader m) =>
        from id in m.NonEmpty("connectionId", Limits.MaxIdLength)
        from user in m.NonEmpty("userId", Limits.MaxIdLength)
        from payload in m.Object("payload", required: false)
        from cursors in payload.Fold(p => p.Array("sessions", Limits.MaxListedSessions, CursorOf), () => Right<DecodeError, Seq<SessionCursor>>(Empty))
        select (ClientMessage)new BrowserConnect(id, user, [.. cursors]);

    private static Either<DecodeError, ClientMessage> DesktopConnectOf(JsonObjectReader m) =>
        from id in m.NonEmpty("connectionId", Limits.MaxIdLength)
        from user in m.NonEmpty("userId", Limits.MaxIdLength)
        from payload in m.Object("payload", required: false)
        from open in payload.Fold(p => p.Array("sessions", Limits.MaxListedSessions, AnnouncedOf), () => Right<DecodeError, Seq<AnnouncedSession>>(Empty))
        select (ClientMessage)new DesktopConnect(id, user, [.. open]);

    private static Either<DecodeError, ClientMessage> EditRequestOf(JsonObjectReader m, int maxCodeChars) =>
        from claims in ClaimsOf(m)
        from session in m.NonEmpty("sessionId", Limits.MaxIdLength)
        from payload in m.Object("payload")
        from textarea in payload.NonEmpty("textareaId", Limits.MaxTextareaIdLength)
        from code in payload.String("code", maxCodeChars)
        from fileType in payload.Optional("fileType", Limits.MaxFileTypeLength)
        select (ClientMessage)new EditRequest(claims, session, textarea, code, FileTypeOr(fileType));

    private static Either<DecodeError, ClientMessage> CodeUpdateOf(JsonObjectReader m, int maxCodeChars) =>
        from claims in ClaimsOf(m)
        from session in m.NonEmpty("sessionId", Limits.MaxIdLength)
        from payload in m.Object("payload")
        from textarea in payload.Optional("textareaId", Limits.MaxTextareaIdLength)
        from code in payload.String("code", maxCodeChars)
        select (ClientMessage)new CodeUpdate(claims, session, textarea.OrNull(), code);

    private static Either<DecodeError, ClientMessage> SessionClosedOf(JsonObjectReader m) =>
        from claims in ClaimsOf(m)
        from session in m.NonEmpty("sessionId", Limits.MaxIdLength)
        from payload in m.Object("payload", required: false)
        from reason in JsonObjectReader.Optional(payload, "reason", Limits.MaxReasonLength)
        select (ClientMessage)new SessionClosed(claims, session, reason.OrNull());

    private static Either<DecodeError, Claims> ClaimsOf(JsonObjectReader m) =>
        from id in m.Optional("connectionId", Limits.MaxIdLength)
        from user in m.Optional("userId", Limits.MaxIdLength)
        select id.IsNone && user.IsNone ? Claims.None : new Claims(id.OrNull(), user.OrNull());

    private static Either<DecodeError, SessionCursor> CursorOf(JsonObjectReader c) =>
        from id in c.NonEmpty("sessionId", Limits.MaxIdLength)
        from seq in c.Long("seq")
        select new SessionCursor(id, seq);

    private static Either<DecodeError, AnnouncedSession> AnnouncedOf(JsonObjectReader a) =>
        from id in a.NonEmpty("sessionId", Limits.MaxIdLength)
        from textarea in a.NonEmpty("textareaId", Limits.MaxTextareaIdLength)
        from fileType in a.Optional("fileType", Limits.MaxFileTypeLength)
        from browser in a.NonEmpty("browserConnectionId", Limits.MaxIdLength)
        select new AnnouncedSession(id, textarea, FileTypeOr(fileType), browser);

    private static string FileTypeOr(Option<string> fileType) => fileType.Fold(f => f.Length == 0 ? "txt" : f, () => "txt");

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
