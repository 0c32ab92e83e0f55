using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Relay;

/// <summary>
/// One transport connection as the relay sees it. Every transport (WebSocket, gRPC) implements it;
/// <see cref="Deliver"/> never blocks the routing loop.
/// </summary>
internal interface IClientLink
{
    ConnId Id { get; }

    /// <summary>Queues a message for this client; a client that cannot keep up is closed.</summary>
    void Deliver(ServerMessage message);

    /// <summary>Asks the transport to end the connection.</summary>
    void Close(LinkClose reason);
}

/// <summary>
/// Why the relay ends a link: a closed set, which each transport maps to its own codes (the WebSocket
/// close status in <c>WebSocketCloseCodes</c>, the gRPC status in <c>GrpcLink.StatusOf</c>).
/// </summary>
internal enum LinkCloseKind { Normal, Replaced, Idle, Shutdown, SlowReader, Flooding, HandshakeTimeout }

/// <summary>A reason to close a link, and the text the client is told.</summary>
internal sealed record LinkClose(LinkCloseKind Kind, string Text)
{
    public static readonly LinkClose Normal = new(LinkCloseKind.Normal, "closed");
    public static readonly LinkClose Replaced = new(LinkCloseKind.Replaced, "replaced by a newer connection of the same client");
    public static readonly LinkClose Idle = new(LinkCloseKind.Idle, "idle timeout");
    public static readonly LinkClose Shutdown = new(LinkCloseKind.Shutdown, "server shutting down");
    public static readonly LinkClose SlowReader = new(LinkCloseKind.SlowReader, "slow reader: outgoing queue full");
    public static readonly LinkClose Flooding = new(LinkCloseKind.Flooding, "message rate limit exceeded");
    public static readonly LinkClose HandshakeTimeout = new(LinkCloseKind.HandshakeTimeout, "no connect message in time");

    public static LinkClose From(CloseReason reason) => reason switch
    {
        CloseReason.Replaced => Replaced,
        CloseReason.Idle => Idle,
        CloseReason.ConnectTimeout => HandshakeTimeout,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
