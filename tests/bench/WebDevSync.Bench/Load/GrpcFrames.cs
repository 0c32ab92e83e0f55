using System.Buffers.Binary;
using Google.Protobuf;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Bench.Load;

/// <summary>
/// gRPC length-prefixed messages (1 flag byte, 4-byte big-endian length, protobuf) for the benchmark's
/// clients, and the reading side: the next frame from a response stream.
/// </summary>
public static class GrpcFrames
{
    public const byte TrailerFlag = 0x80;

    public static byte[] Frame(IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }

    public static V1.ClientMessage Connect(EndRole role, PairIdentity id) => role == EndRole.Browser
        ? new V1.ClientMessage { ConnectionId = id.BrowserId, UserId = id.User, BrowserConnect = new V1.BrowserConnect() }
        : new V1.ClientMessage { ConnectionId = id.AgentId, UserId = id.User, DesktopConnect = new V1.DesktopConnect() };

    public static V1.ClientMessage Relayed(EndRole role, PairIdentity id, int payloadBytes) => role == EndRole.Browser
        ? new V1.ClientMessage
        {
            ConnectionId = id.BrowserId, UserId = id.User,
            EditRequest = new V1.EditRequest { SessionId = id.SessionId, TextareaId = id.TextareaId, Code = Stamp.TemplateCode(payloadBytes), FileType = "js" },
        }
        : new V1.ClientMessage
        {
            ConnectionId = id.AgentId, UserId = id.User,
            CodeUpdate = new V1.CodeUpdate { SessionId = id.SessionId, TextareaId = id.TextareaId, Code = Stamp.TemplateCode(payloadBytes) },
        };

    /// <summary>A ServerMessage's kind from its first tag (the oneof field number), without parsing it.</summary>
    public static InboundKind KindOf(ReadOnlySpan<byte> message) => message.IsEmpty ? InboundKind.Other : (message[0] >> 3) switch
    {
        V1.ServerMessage.EditRequestFieldNumber => InboundKind.EditRequest,
        V1.ServerMessage.CodeUpdateFieldNumber => InboundKind.CodeUpdate,
        V1.ServerMessage.ErrorFieldNumber => InboundKind.Error,
        _ => InboundKind.Other,
    };

    public static bool IsAck(ReadOnlySpan<byte> message) => !message.IsEmpty && message[0] >> 3 == V1.ServerMessage.ConnectionAckFieldNumber;
}
