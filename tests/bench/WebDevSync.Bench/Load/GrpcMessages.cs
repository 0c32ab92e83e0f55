using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Bench.Load;

/// <summary>The benchmark's protobuf messages: a pair's connect messages, its stamped edits and updates, and what came back.</summary>
public static class GrpcMessages
{
    public static V1.ClientMessage Connect(EndRole role, PairIdentity id) => role == EndRole.Browser
        ? new V1.ClientMessage { ConnectionId = id.BrowserId, UserId = id.User, BrowserConnect = new V1.BrowserConnect() }
        : new V1.ClientMessage { ConnectionId = id.AgentId, UserId = id.User, DesktopConnect = new V1.DesktopConnect() };

    public static V1.ClientMessage Relayed(EndRole role, PairIdentity id, string code) => role == EndRole.Browser
        ? new V1.ClientMessage
        {
            ConnectionId = id.BrowserId, UserId = id.User,
            EditRequest = new V1.EditRequest { SessionId = id.SessionId, TextareaId = id.TextareaId, Code = code, FileType = "js" },
        }
        : new V1.ClientMessage
        {
            ConnectionId = id.AgentId, UserId = id.User,
            CodeUpdate = new V1.CodeUpdate { SessionId = id.SessionId, TextareaId = id.TextareaId, Code = code },
        };

    public static Inbound ToInbound(V1.ServerMessage m) => m.BodyCase switch
    {
        V1.ServerMessage.BodyOneofCase.EditRequest => new Inbound(InboundKind.EditRequest, Stamp.Find(m.EditRequest.Code)),
        V1.ServerMessage.BodyOneofCase.CodeUpdate => new Inbound(InboundKind.CodeUpdate, Stamp.Find(m.CodeUpdate.Code)),
        V1.ServerMessage.BodyOneofCase.Error => new Inbound(InboundKind.Error, -1),
        _ => new Inbound(InboundKind.Other, -1),
    };
}
