using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using LanguageExt;
using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Json;

/// <summary>
/// Parses one text frame from a client into a validated <see cref="ClientMessage"/>, or says why not.
/// Field names follow the seed's "WebSocket Message Format"; sizes follow <see cref="Limits"/>.
/// </summary>
public static class ClientMessageDecoder
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = Limits.MaxDepth };

    public static Either<DecodeError, ClientMessage> Decode(ReadOnlySequence<byte> utf8, int maxCodeBytes)
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
                return Decode(doc.RootElement, maxCodeBytes);
            }
            catch (InvalidOperationException)
            {
                // JsonElement.GetString throws on a lone surrogate escape such as "\ud800" (valid JSON, not valid UTF-16).
                return new DecodeError(ErrorCode.InvalidMessage, "Strings must be valid Unicode: lone surrogate escapes are refused");
            }
        }
    }

    // Straight-line reads (FieldReader) rather than a monadic chain per field: this runs for every
    // message the relay receives, and the chain's closures were ~10 % of its busy time (docs/PERFORMANCE.md).
    private static Either<DecodeError, ClientMessage> Decode(JsonElement root, int maxCodeBytes)
    {
        var sessionId = root.TryGetProperty("sessionId", out var sid) && sid.ValueKind == JsonValueKind.String ? sid.GetString() : null;
        var problems = new DecodeProblems(sessionId);
        var m = new FieldReader(root, problems, "message");
        var type = KnownType(root) ?? m.String("type", 64);
        if (problems.First is { } bad) return bad;
        ClientMessage? message = type switch
        {
            WireNames.CodeUpdate => CodeUpdateOf(m, maxCodeBytes),
            WireNames.CodeRefresh => new CodeRefresh(ClaimsOf(m), m.NonEmpty("sessionId", Limits.MaxIdLength)),
            WireNames.EditRequest => EditRequestOf(m, maxCodeBytes),
            WireNames.Ping => new Ping(ClaimsOf(m)),
            WireNames.BrowserConnect => BrowserConnectOf(m),
            WireNames.DesktopConnect => DesktopConnectOf(m),
            WireNames.SessionClosed => SessionClosedOf(m),
            WireNames.BrowserLeaving => new BrowserLeaving(ClaimsOf(m)),
            _ => null,
        };
        if (message is null) return new DecodeError(ErrorCode.UnknownType, $"Unknown message type '{Truncate(type)}'", sessionId);
        return problems.First is { } problem ? problem : message;
    }

    private static BrowserConnect BrowserConnectOf(FieldReader m)
    {
        var (connectionId, userId) = (m.NonEmpty("connectionId", Limits.MaxIdLength), m.NonEmpty("userId", Limits.MaxIdLength));
        var payload = m.Object("payload", required: false);
        return new BrowserConnect(connectionId, userId, payload?.Array("sessions", Limits.MaxListedSessions, CursorOf) ?? [])
            { AcceptsMerged = payload?.OptionalBool(WireNames.AcceptsCodeMerged) ?? false, AcceptsEdits = payload?.OptionalBool(WireNames.AcceptsEdits) ?? false };
    }

    private static DesktopConnect DesktopConnectOf(FieldReader m)
    {
        var (connectionId, userId) = (m.NonEmpty("connectionId", Limits.MaxIdLength), m.NonEmpty("userId", Limits.MaxIdLength));
        var payload = m.Object("payload", required: false);
        return new DesktopConnect(connectionId, userId, payload?.Array("sessions", Limits.MaxListedSessions, AnnouncedOf) ?? [])
            { AcceptsMerged = payload?.OptionalBool(WireNames.AcceptsCodeMerged) ?? false, AcceptsEdits = payload?.OptionalBool(WireNames.AcceptsEdits) ?? false };
    }

    // C# evaluates arguments left to right, so the first problem reported is the first field read.
    private static EditRequest EditRequestOf(FieldReader m, int maxCodeBytes)
    {
        var claims = ClaimsOf(m);
        var session = m.NonEmpty("sessionId", Limits.MaxIdLength);
        var payload = m.Object("payload");
        var textarea = payload.NonEmpty("textareaId", Limits.MaxTextareaIdLength);
        var code = payload.Code("code", maxCodeBytes);
        var fileType = FileTypeOr(payload.Optional("fileType", Limits.MaxFileTypeLength));
        return new EditRequest(claims, session, textarea, code, fileType, PageOf(payload, code.Length));
    }

    /// <summary>The page's context (README "Page context"); an empty string is the same as absent.</summary>
    private static PageContext? PageOf(FieldReader payload, int codeLength)
    {
        var url = payload.Optional("url", PageContextRules.MaxUrlLength);
        var title = payload.Optional("title", PageContextRules.MaxTitleLength);
        var selection = payload.Object("selection", required: false) is { } sel ? new TextSelection(Offset(sel, "start"), Offset(sel, "end")) : null;
        var page = new PageContext(string.IsNullOrEmpty(url) ? null : url, string.IsNullOrEmpty(title) ? null : title, selection);
        if (page.IsEmpty) return null;
        if (PageContextRules.Problem(page, codeLength, payload.Prefix) is { } problem) payload.Refuse(problem);
        return page;
    }

    /// <summary>Past any code's length is refused by the rules; clamping keeps the number an int.</summary>
    private static int Offset(FieldReader selection, string field) => (int)Math.Min(selection.Long(field), int.MaxValue);

    private static ClientMessage CodeUpdateOf(FieldReader m, int maxCodeBytes)
    {
        var claims = ClaimsOf(m);
        var session = m.NonEmpty("sessionId", Limits.MaxIdLength);
        var payload = m.Object("payload");
        if (payload.TryGet(EditFields.Edits, out _)) return CodeEditsOf(claims, session, payload);
        return new CodeUpdate(claims, session, payload.Optional("textareaId", Limits.MaxTextareaIdLength), payload.Code("code", maxCodeBytes),
            payload.OptionalLong("baseSeq"));
    }

    /// <summary>A change as edits (README "Edits"): <c>baseSeq</c>, <c>edits</c>, <c>length</c> and <c>hash</c>, and no <c>code</c>.</summary>
    private static CodeEdits CodeEditsOf(Claims claims, string session, FieldReader payload)
    {
        var textarea = payload.Optional("textareaId", Limits.MaxTextareaIdLength);
        var baseSeq = payload.Long("baseSeq");
        if (payload.TryGet("code", out _)) payload.Refuse($"{payload.Prefix}code and {payload.Prefix}edits are exclusive");
        var (edits, sum, problem) = EditFields.Read(payload.Element, payload.Prefix.TrimEnd('.'));
        if (problem is not null) payload.Refuse(problem);
        return new CodeEdits(claims, session, textarea, baseSeq, edits, sum);
    }

    private static SessionClosed SessionClosedOf(FieldReader m)
    {
        var claims = ClaimsOf(m);
        var session = m.NonEmpty("sessionId", Limits.MaxIdLength);
        return new SessionClosed(claims, session, m.Object("payload", required: false)?.Optional("reason", Limits.MaxReasonLength));
    }

    private static Claims ClaimsOf(FieldReader m)
    {
        var id = m.Optional("connectionId", Limits.MaxIdLength);
        var user = m.Optional("userId", Limits.MaxIdLength);
        return id is null && user is null ? Claims.None : new Claims(id, user);
    }

    private static SessionCursor CursorOf(FieldReader c) => new(c.NonEmpty("sessionId", Limits.MaxIdLength), c.Long("seq"));

    private static AnnouncedSession AnnouncedOf(FieldReader a) =>
        new(a.NonEmpty("sessionId", Limits.MaxIdLength), a.NonEmpty("textareaId", Limits.MaxTextareaIdLength),
            FileTypeOr(a.Optional("fileType", Limits.MaxFileTypeLength)), a.NonEmpty("browserConnectionId", Limits.MaxIdLength), a.OptionalLong("seq"));

    private static readonly string[] ClientTypes =
        [WireNames.CodeUpdate, WireNames.EditRequest, WireNames.Ping, WireNames.BrowserConnect, WireNames.DesktopConnect, WireNames.SessionClosed, WireNames.BrowserLeaving,
            WireNames.CodeRefresh];

    /// <summary>The type name as the shared constant when it is one of ours: no string per message.</summary>
    private static string? KnownType(JsonElement root)
    {
        if (!root.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String) return null;
        foreach (var name in ClientTypes)
            if (t.ValueEquals(name)) return name;
        return null;
    }

    private static string FileTypeOr(string? fileType) => string.IsNullOrEmpty(fileType) ? "txt" : fileType;

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
