using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>Errors to a sender, and the claim check every message passes.</summary>
internal static class Replies
{
    public static Transition Fail(RouterState s, ConnId to, ErrorCode code, string message, string? sessionId = null) =>
        Transition.Of(s).Send(to, new ServerMessage.Error(code, message, s.Connections.GetValueOrDefault(to)?.ClientId, sessionId));

    public static Transition Fail(RouterState s, Connection to, ErrorCode code, string message, string? sessionId = null) =>
        Transition.Of(s).Send(to.Id, new ServerMessage.Error(code, message, to.ClientId, sessionId));

    /// <summary>Ids repeated on a message must be the connection's own (the seed trusted them; we do not).</summary>
    public static bool ClaimsMatch(Connection conn, Claims claims) =>
        (claims.ConnectionId is null || claims.ConnectionId == conn.ClientId) &&
        (claims.UserId is null || claims.UserId == conn.UserId);
}
