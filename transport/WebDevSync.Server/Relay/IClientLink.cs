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

/// <summary>Why a link is closed, with the WebSocket status and text the client sees.</summary>
internal sealed record LinkClose(int Status, string Text)
{
    public static readonly LinkClose Normal = new(1000, "closed");
    public static readonly LinkClose Replaced = new(4001, "replaced by a newer connection of the same client");
    public static readonly LinkClose Idle = new(1001, "idle timeout");
    public static readonly LinkClose Shutdown = new(1001, "server shutting down");
    public static readonly LinkClose SlowReader = new(1008, "slow reader: outgoing queue full");
    public static readonly LinkClose Flooding = new(1008, "message rate limit exceeded");
    public static readonly LinkClose HandshakeTimeout = new(1008, "no connect message in time");

    public static LinkClose From(CloseReason reason) => reason switch
    {
        CloseReason.Replaced => Replaced,
        CloseReason.Idle => Idle,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
