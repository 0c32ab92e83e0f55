using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>Everything that can happen to the router. Time arrives as <c>NowMs</c> (Unix milliseconds).</summary>
public abstract record Input
{
    private Input() { }

    public abstract long NowMs { get; init; }

    /// <summary>
    /// A decoded client message. <paramref name="AuthUser"/> is the user a verified token names, if any;
    /// <paramref name="Foreign"/> the ids it names that another router partition's users hold, if any.
    /// </summary>
    public sealed record Message(ConnId Conn, ClientMessage Body, long NowMs, string? AuthUser = null, ForeignIds? Foreign = null) : Input
    {
        /// <summary>
        /// UTF-8 bytes of code the relay's other routers hold, as the shell last knew it, counted with this
        /// router's own against <see cref="RouterOptions.MaxHeldBytes"/>; 0 when this router is the whole
        /// relay or has its own share of the budget.
        /// </summary>
        public long HeldElsewhere { get; init; }
    }

    /// <summary>A frame the transport could not decode; the sender gets exactly one error.</summary>
    public sealed record Invalid(ConnId Conn, ErrorCode Code, string Detail, long NowMs, string? SessionId = null) : Input;

    /// <summary>
    /// A transport opened a connection (a socket upgraded, a stream began). Unless a connect message is
    /// accepted within <see cref="RouterOptions.ConnectTimeoutMs"/>, a tick closes it.
    /// </summary>
    public sealed record Opened(ConnId Conn, long NowMs) : Input;

    /// <summary>The socket or stream is gone.</summary>
    public sealed record Disconnected(ConnId Conn, long NowMs) : Input;

    /// <summary>Periodic clean-up: connect deadlines, grace periods, session age, idle connections.</summary>
    public sealed record Tick(long NowMs) : Input;
}
