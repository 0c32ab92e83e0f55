using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Routing;

/// <summary><c>browser_connect</c> and <c>desktop_connect</c>: identity checks, attach, resume.</summary>
internal static class Connects
{
    public static Transition Browser(RouterState s, ConnId id, BrowserConnect m, string? authUser, ForeignIds foreign, long now) =>
        Refusal(s, id, m.ConnectionId, m.UserId, Role.Browser, authUser, foreign) is { } refused
            ? refused
            : Transition.Of(s)
                .Then(st => Presence.Replace(st, m.ConnectionId))
                .Then(st => Presence.Attach(st, new Connection(id, Role.Browser, m.UserId, m.ConnectionId, now, now) { AcceptsMerged = m.AcceptsMerged, AcceptsEdits = m.AcceptsEdits }))
                .Then(st => Accept(st, id, m.ConnectionId, Role.Browser, m.UserId)
                    .Send(id, new ServerMessage.DesktopStatus(!st.User(m.UserId).Agents.IsEmpty)))
                .Then(st => Resume.Deliver(st, id, m));

    public static Transition Agent(RouterState s, ConnId id, DesktopConnect m, string? authUser, ForeignIds foreign, long now)
    {
        if (Refusal(s, id, m.ConnectionId, m.UserId, Role.Agent, authUser, foreign) is { } refused) return refused;
        var hadAgent = s.User(m.UserId).Agents.Any(a => s.Connections[a].ClientId != m.ConnectionId);
        return Transition.Of(s)
            .Then(st => Presence.Replace(st, m.ConnectionId))
            .Then(st => Presence.Attach(st, new Connection(id, Role.Agent, m.UserId, m.ConnectionId, now, now) { AcceptsMerged = m.AcceptsMerged, AcceptsEdits = m.AcceptsEdits }))
            .Then(st => Accept(st, id, m.ConnectionId, Role.Agent, m.UserId))
            .Then(st => hadAgent ? Transition.Of(st) : Presence.AnnounceAgentPresence(st, m.UserId, true))
            .ThenEach(m.Sessions, (st, a) => Resume.BindAnnounced(st, id, a, foreign, now));
    }

    /// <summary>A second connect on a connected socket: the same identity is acknowledged again, another is refused.</summary>
    public static Transition Repeated(RouterState s, Connection conn, ClientMessage m)
    {
        var role = m is BrowserConnect ? Role.Browser : Role.Agent;
        return role == conn.Role && Replies.ClaimsMatch(conn, m.Claimed)
            ? Acknowledge(s, conn.Id, conn.ClientId, conn.Role, conn.UserId)
            : Replies.Fail(s, conn, ErrorCode.Forbidden, "This connection is already connected with another identity");
    }

    /// <summary>A first accepted connect: the transports hear of it (<see cref="Effect.Accepted"/>), then the client.</summary>
    private static Transition Accept(RouterState s, ConnId id, string clientId, Role role, string userId) =>
        Transition.Of(s).Emit(new Effect.Accepted(id, role, userId)).Then(st => Acknowledge(st, id, clientId, role, userId));

    private static Transition Acknowledge(RouterState s, ConnId id, string clientId, Role role, string userId) =>
        Transition.Of(s).Send(id, new ServerMessage.ConnectionAck(clientId, role, userId));

    private static Transition? Refusal(RouterState s, ConnId id, string clientId, string userId, Role role, string? authUser, ForeignIds foreign)
    {
        if (authUser is not null && authUser != userId)
            return Replies.Fail(s, id, ErrorCode.Forbidden, "userId does not match the authenticated user");
        var client = s.Clients.GetValueOrDefault(clientId);
        if ((client is not null && (client.UserId != userId || client.Role != role)) || foreign.Clients.Contains(clientId))
            return Replies.Fail(s, id, ErrorCode.Forbidden, "connectionId belongs to another client");
        return null;
    }
}
