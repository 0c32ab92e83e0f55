using LanguageExt;
using WebDevSync.Core.Protocol;
using static LanguageExt.Prelude;
using Wds = WebDevSync.Core.Protocol;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Proto;

/// <summary>
/// Protobuf ↔ the core's records, one to one with the JSON forms (JSON <c>type</c> = the oneof case).
/// Client messages are validated with the same rules and error codes as the JSON decoder.
/// </summary>
public static class ProtoMapping
{
    public static Either<DecodeError, Wds.ClientMessage> ToCore(V1.ClientMessage m, int maxCodeBytes)
    {
        var claims = ClaimsOf(m);
        return m.BodyCase switch
        {
            V1.ClientMessage.BodyOneofCase.BrowserConnect =>
                from id in ProtoFields.Required(m.ConnectionId, "connection_id", Limits.MaxIdLength)
                from user in ProtoFields.Required(m.UserId, "user_id", Limits.MaxIdLength)
                from cursors in ProtoSessionLists.Cursors(m.BrowserConnect.Sessions, "browser_connect.sessions")
                select (Wds.ClientMessage)new Wds.ClientMessage.BrowserConnect(id, user, cursors) { AcceptsMerged = m.BrowserConnect.AcceptsCodeMerged, AcceptsEdits = m.BrowserConnect.AcceptsEdits },
            V1.ClientMessage.BodyOneofCase.DesktopConnect =>
                from id in ProtoFields.Required(m.ConnectionId, "connection_id", Limits.MaxIdLength)
                from user in ProtoFields.Required(m.UserId, "user_id", Limits.MaxIdLength)
                from announced in ProtoSessionLists.Announced(m.DesktopConnect.Sessions, "desktop_connect.sessions")
                select (Wds.ClientMessage)new Wds.ClientMessage.DesktopConnect(id, user, announced) { AcceptsMerged = m.DesktopConnect.AcceptsCodeMerged, AcceptsEdits = m.DesktopConnect.AcceptsEdits },
            V1.ClientMessage.BodyOneofCase.EditRequest => EditRequestOf(m.EditRequest, claims, maxCodeBytes),
            V1.ClientMessage.BodyOneofCase.CodeUpdate when m.CodeUpdate.HasLength => ProtoEdits.ClientOf(m.CodeUpdate, claims),
            V1.ClientMessage.BodyOneofCase.CodeUpdate => CodeUpdateOf(m.CodeUpdate, claims, maxCodeBytes),
            V1.ClientMessage.BodyOneofCase.CodeRefresh =>
                from session in ProtoFields.Required(m.CodeRefresh.SessionId, "session_id", Limits.MaxIdLength)
                select (Wds.ClientMessage)new Wds.ClientMessage.CodeRefresh(claims, session),
            V1.ClientMessage.BodyOneofCase.SessionClosed =>
                from session in ProtoFields.Required(m.SessionClosed.SessionId, "session_id", Limits.MaxIdLength)
                from reason in ProtoFields.Optional(m.SessionClosed.Reason, "reason", Limits.MaxReasonLength, session)
                select (Wds.ClientMessage)new Wds.ClientMessage.SessionClosed(claims, session, reason.OrNull()),
            V1.ClientMessage.BodyOneofCase.Ping => Right<DecodeError, Wds.ClientMessage>(new Wds.ClientMessage.Ping(claims)),
            V1.ClientMessage.BodyOneofCase.BrowserLeaving => Right<DecodeError, Wds.ClientMessage>(new Wds.ClientMessage.BrowserLeaving(claims)),
            _ => new DecodeError(ErrorCode.UnknownType, "ClientMessage has no body"),
        };
    }

    public static V1.ClientMessage ToProto(Wds.ClientMessage m)
    {
        var p = new V1.ClientMessage { ConnectionId = m.Claimed.ConnectionId ?? "", UserId = m.Claimed.UserId ?? "" };
        switch (m)
        {
            case Wds.ClientMessage.BrowserConnect b:
                p.BrowserConnect = new V1.BrowserConnect { AcceptsCodeMerged = b.AcceptsMerged, AcceptsEdits = b.AcceptsEdits };
                p.BrowserConnect.Sessions.AddRange(b.Resume.Select(c => new V1.SessionCursor { SessionId = c.SessionId, Seq = c.Seq }));
                break;
            case Wds.ClientMessage.DesktopConnect d:
                p.DesktopConnect = new V1.DesktopConnect { AcceptsCodeMerged = d.AcceptsMerged, AcceptsEdits = d.AcceptsEdits };
                p.DesktopConnect.Sessions.AddRange(d.Sessions.Select(a => new V1.AnnouncedSession
                    { SessionId = a.SessionId, TextareaId = a.TextareaId, FileType = a.FileType, BrowserConnectionId = a.BrowserConnectionId }.WithSeq(a.Seq)));
                break;
            case Wds.ClientMessage.EditRequest e:
                p.EditRequest = new V1.EditRequest { SessionId = e.SessionId, TextareaId = e.TextareaId, Code = e.Code, FileType = e.FileType }.WithPage(e.Page);
                break;
            case Wds.ClientMessage.CodeUpdate u:
                p.CodeUpdate = new V1.CodeUpdate { SessionId = u.SessionId, TextareaId = u.TextareaId ?? "", Code = u.Code };
                if (u.BaseSeq is { } baseSeq) p.CodeUpdate.BaseSeq = baseSeq;
                break;
            case Wds.ClientMessage.CodeEdits e:
                p.CodeUpdate = ProtoEdits.ToProto(e);
                break;
            case Wds.ClientMessage.CodeRefresh r:
                p.CodeRefresh = new V1.CodeRefresh { SessionId = r.SessionId };
                break;
            case Wds.ClientMessage.SessionClosed c:
                p.SessionClosed = new V1.SessionClosed { SessionId = c.SessionId, Reason = c.Reason ?? "" };
                break;
            case Wds.ClientMessage.Ping:
                p.Ping = new V1.Ping();
                break;
            case Wds.ClientMessage.BrowserLeaving:
                p.BrowserLeaving = new V1.BrowserLeaving();
                break;
        }
        return p;
    }

    public static V1.ServerMessage ToProto(Wds.ServerMessage m) => m switch
    {
        Wds.ServerMessage.ConnectionAck a => new V1.ServerMessage { ConnectionAck = new V1.ConnectionAck
            { ConnectionId = a.ConnectionId, Status = "connected", Role = a.Role == Role.Browser ? V1.Role.Browser : V1.Role.Desktop, UserId = a.UserId, AcceptsEdits = true } },
        Wds.ServerMessage.DesktopStatus d => new V1.ServerMessage { DesktopStatus = new V1.DesktopStatus { Connected = d.Connected } },
        Wds.ServerMessage.EditRequest e => new V1.ServerMessage { EditRequest = new V1.EditRequest
            { SessionId = e.SessionId, TextareaId = e.TextareaId, Code = e.Code, FileType = e.FileType, BrowserConnectionId = e.BrowserConnectionId, Seq = e.Seq }.WithPage(e.Page) },
        Wds.ServerMessage.CodeUpdate u => new V1.ServerMessage { CodeUpdate = new V1.CodeUpdate { SessionId = u.SessionId, TextareaId = u.TextareaId, Code = u.Code, Seq = u.Seq } },
        Wds.ServerMessage.CodeEdits e => new V1.ServerMessage { CodeUpdate = ProtoEdits.ToProto(e) },
        Wds.ServerMessage.CodeAck a => new V1.ServerMessage { CodeAck = new V1.CodeAck { SessionId = a.SessionId, TextareaId = a.TextareaId, Seq = a.Seq } },
        Wds.ServerMessage.CodeOvertaken o => new V1.ServerMessage { CodeOvertaken = new V1.CodeOvertaken { SessionId = o.SessionId, TextareaId = o.TextareaId, Code = o.Code, Seq = o.Seq } },
        Wds.ServerMessage.CodeMerged g => new V1.ServerMessage { CodeMerged = new V1.CodeMerged { SessionId = g.SessionId, TextareaId = g.TextareaId, Code = g.Code, Seq = g.Seq } },
        Wds.ServerMessage.SessionClosed c => new V1.ServerMessage { SessionClosed = new V1.SessionClosed { SessionId = c.SessionId, TextareaId = c.TextareaId ?? "", Reason = c.Reason } },
        Wds.ServerMessage.Error e => new V1.ServerMessage { Error = new V1.Error
            { Code = (V1.ErrorCode)((int)e.Code + 1), Message = e.Message, ConnectionId = e.ConnectionId ?? "", SessionId = e.SessionId ?? "" } },
        Wds.ServerMessage.Pong => new V1.ServerMessage { Pong = new V1.Pong() },
        _ => throw new ArgumentOutOfRangeException(nameof(m), m.GetType().Name, null),
    };

    /// <summary>The client side: what an agent or script receives.</summary>
    public static Option<Wds.ServerMessage> ToCore(V1.ServerMessage m) => m.BodyCase switch
    {
        V1.ServerMessage.BodyOneofCase.ConnectionAck => new Wds.ServerMessage.ConnectionAck(m.ConnectionAck.ConnectionId,
            m.ConnectionAck.Role == V1.Role.Desktop ? Role.Agent : Role.Browser, m.ConnectionAck.UserId),
        V1.ServerMessage.BodyOneofCase.DesktopStatus => new Wds.ServerMessage.DesktopStatus(m.DesktopStatus.Connected),
        V1.ServerMessage.BodyOneofCase.EditRequest => new Wds.ServerMessage.EditRequest(m.EditRequest.SessionId, m.EditRequest.TextareaId,
            m.EditRequest.Code, ProtoFields.OrTxt(m.EditRequest.FileType), m.EditRequest.BrowserConnectionId, m.EditRequest.Seq, ProtoPage.Of(m.EditRequest)),
        V1.ServerMessage.BodyOneofCase.CodeUpdate when m.CodeUpdate.HasLength => ProtoEdits.ServerOf(m.CodeUpdate),
        V1.ServerMessage.BodyOneofCase.CodeUpdate => new Wds.ServerMessage.CodeUpdate(m.CodeUpdate.SessionId, m.CodeUpdate.TextareaId, m.CodeUpdate.Code, m.CodeUpdate.Seq),
        V1.ServerMessage.BodyOneofCase.CodeAck => new Wds.ServerMessage.CodeAck(m.CodeAck.SessionId, m.CodeAck.TextareaId, m.CodeAck.Seq),
        V1.ServerMessage.BodyOneofCase.CodeOvertaken => new Wds.ServerMessage.CodeOvertaken(m.CodeOvertaken.SessionId, m.CodeOvertaken.TextareaId,
            m.CodeOvertaken.Code, m.CodeOvertaken.Seq),
        V1.ServerMessage.BodyOneofCase.CodeMerged => new Wds.ServerMessage.CodeMerged(m.CodeMerged.SessionId, m.CodeMerged.TextareaId, m.CodeMerged.Code, m.CodeMerged.Seq),
        V1.ServerMessage.BodyOneofCase.SessionClosed => new Wds.ServerMessage.SessionClosed(m.SessionClosed.SessionId,
            m.SessionClosed.TextareaId.Length == 0 ? null : m.SessionClosed.TextareaId, m.SessionClosed.Reason),
        V1.ServerMessage.BodyOneofCase.Error => new Wds.ServerMessage.Error(
            m.Error.Code == V1.ErrorCode.Unspecified ? ErrorCode.Internal : (ErrorCode)((int)m.Error.Code - 1), m.Error.Message,
            m.Error.ConnectionId.Length == 0 ? null : m.Error.ConnectionId, m.Error.SessionId.Length == 0 ? null : m.Error.SessionId),
        V1.ServerMessage.BodyOneofCase.Pong => new Wds.ServerMessage.Pong(),
        _ => None,
    };

    private static Claims ClaimsOf(V1.ClientMessage m) =>
        m.ConnectionId.Length == 0 && m.UserId.Length == 0 ? Claims.None
            : new Claims(m.ConnectionId.Length == 0 ? null : m.ConnectionId, m.UserId.Length == 0 ? null : m.UserId);

    private static Either<DecodeError, Wds.ClientMessage> EditRequestOf(V1.EditRequest e, Claims claims, int maxCodeBytes) =>
        from session in ProtoFields.Required(e.SessionId, "session_id", Limits.MaxIdLength)
        from textarea in ProtoFields.Required(e.TextareaId, "textarea_id", Limits.MaxTextareaIdLength, session)
        from code in ProtoFields.Code(e.Code, maxCodeBytes, session)
        from fileType in ProtoFields.Optional(e.FileType, "file_type", Limits.MaxFileTypeLength, session)
        from page in ProtoPage.Checked(e, code.Length, session)
        select (Wds.ClientMessage)new Wds.ClientMessage.EditRequest(claims, session, textarea, code, fileType.OrNull() ?? "txt", page.OrNull());

    private static Either<DecodeError, Wds.ClientMessage> CodeUpdateOf(V1.CodeUpdate u, Claims claims, int maxCodeBytes) =>
        from session in ProtoFields.Required(u.SessionId, "session_id", Limits.MaxIdLength)
        from textarea in ProtoFields.Optional(u.TextareaId, "textarea_id", Limits.MaxTextareaIdLength, session)
        from code in ProtoFields.Code(u.Code, maxCodeBytes, session)
        from baseSeq in ProtoFields.OptionalSeq(u.HasBaseSeq, u.BaseSeq, "base_seq", session)
        select (Wds.ClientMessage)new Wds.ClientMessage.CodeUpdate(claims, session, textarea.OrNull(), code, ProtoFields.Nullable(baseSeq));
}
