using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>Why the router asks a transport to close a connection.</summary>
public enum CloseReason
{
    /// <summary>The same client connected again on a new socket.</summary>
    Replaced,
    /// <summary>Nothing was heard from the connection for longer than the idle timeout.</summary>
    Idle,
    /// <summary>The connection was opened and sent no accepted connect message within the connect timeout.</summary>
    ConnectTimeout,
}

/// <summary>What the router asks the transports to do. A closed set, interpreted in one switch.</summary>
public abstract record Effect
{
    private Effect() { }

    public sealed record Send(ConnId To, ServerMessage Message) : Effect;

    public sealed record Close(ConnId Conn, CloseReason Reason) : Effect;

    /// <summary>
    /// A connect message was accepted: the connection is now <paramref name="UserId"/>'s, in
    /// <paramref name="Role"/>, until it goes. Emitted once per connection, before its <c>connection_ack</c>;
    /// a hub that splits users over routers pins the connection to the router that said so.
    /// </summary>
    public sealed record Accepted(ConnId Conn, Role Role, string UserId) : Effect;
}
