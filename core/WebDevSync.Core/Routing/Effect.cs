using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>Why the router asks a transport to close a connection.</summary>
public enum CloseReason
{
    /// <summary>The same client connected again on a new socket.</summary>
    Replaced,
    /// <summary>Nothing was heard from the connection for longer than the idle timeout.</summary>
    Idle,
}

/// <summary>What the router asks the transports to do. A closed set, interpreted in one switch.</summary>
public abstract record Effect
{
    private Effect() { }

    public sealed record Send(ConnId To, ServerMessage Message) : Effect;

    public sealed record Close(ConnId Conn, CloseReason Reason) : Effect;
}
