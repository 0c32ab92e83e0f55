using System.Collections.Immutable;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>Which sockets are live, which clients are away, and the agent presence users see.</summary>
internal static class Presence
{
    /// <summary>Refreshes <c>LastSeenMs</c>, at most once a second so most messages cost no write.</summary>
    public static RouterState Touch(RouterState s, Connection conn, long now) =>
        now - conn.LastSeenMs < 1000 ? s : s with { Connections = s.Connections.SetItem(conn.Id, conn with { LastSeenMs = now }) };

    public static Transition Attach(RouterState s, Connection conn)
    {
        var user = s.User(conn.UserId);
        user = conn.Role == Role.Browser
            ? user with { Browsers = user.Browsers.Add(conn.Id), Away = user.Away.Remove(conn.ClientId) }
            : user with { Agents = user.Agents.Add(conn.Id) };
        return Transition.Of(ConnectDeadlines.Forget(s, conn.Id) with
        {
            Connections = s.Connections.Add(conn.Id, conn),
            Clients = s.Clients.SetItem(conn.ClientId, new Client(conn.ClientId, conn.UserId, conn.Role, conn.Id, 0)),
            Users = s.Users.SetItem(conn.UserId, user),
        });
    }

    /// <summary>The same client on a new socket: the old socket is closed and forgotten, its sessions stay.</summary>
    public static Transition Replace(RouterState s, string clientId) =>
        s.Clients.GetValueOrDefault(clientId)?.Live is { } old && s.Connections.GetValueOrDefault(old) is { } conn
            ? Transition.Of(Unlink(s, conn)).Emit(new Effect.Close(old, CloseReason.Replaced))
            : Transition.Of(s);

    /// <summary>A socket is gone: a browser with sessions becomes away; the last agent leaving is announced.</summary>
    public static Transition Drop(RouterState s, ConnId id, long now)
    {
        if (s.Connections.GetValueOrDefault(id) is not { } conn) return Transition.Of(s);
        var next = Unlink(s, conn);
        next = HasSessions(next, conn) ? MarkAway(next, conn, now) : next with { Clients = next.Clients.Remove(conn.ClientId) };
        var lastAgentLeft = conn.Role == Role.Agent && next.User(conn.UserId).Agents.IsEmpty;
        return (lastAgentLeft ? AnnounceAgentPresence(next, conn.UserId, false) : Transition.Of(next))
            .Then(st => Transition.Of(ForgetIdle(st, conn.UserId)));
    }

    public static Transition AnnounceAgentPresence(RouterState s, string userId, bool connected) =>
        Transition.Of(s).SendAll(s.User(userId).Browsers, new ServerMessage.DesktopStatus(connected));

    /// <summary>The live agent for a new edit: the most recently connected one (see docs/ARCHITECTURE.md).</summary>
    public static Connection? NewestAgent(RouterState s, string userId) =>
        s.User(userId).Agents is { IsEmpty: false } agents ? s.Connections[agents[^1]] : null;

    /// <summary>
    /// The live socket of a client, if it is connected now as <paramref name="userId"/> in <paramref name="role"/>.
    /// A session's agent client id outlives that agent, and the id may since belong to anyone's socket.
    /// </summary>
    public static ConnId? LiveOf(RouterState s, string? clientId, string userId, Role role) =>
        clientId is not null && s.Clients.GetValueOrDefault(clientId) is { } c && c.UserId == userId && c.Role == role ? c.Live : null;

    /// <summary>Drops away clients without sessions and users with nothing left, so nothing lingers.</summary>
    public static RouterState ForgetIdle(RouterState s, string userId)
    {
        var user = s.User(userId);
        if (user.Away.IsEmpty) return user.IsEmpty ? s with { Users = s.Users.Remove(userId) } : s; // the usual case, without a query
        var idle = user.Away.Where(id => !HasSessions(s, id, userId) && !user.Ended.Any(e => e.BrowserClientId == id)).ToList();
        if (idle.Count > 0)
        {
            user = user with { Away = user.Away.Except(idle) };
            s = s with { Clients = s.Clients.RemoveRange(idle), Users = s.Users.SetItem(userId, user) };
        }
        return user.IsEmpty ? s with { Users = s.Users.Remove(userId) } : s;
    }

    private static RouterState MarkAway(RouterState s, Connection conn, long now) => s with
    {
        Clients = s.Clients.SetItem(conn.ClientId, new Client(conn.ClientId, conn.UserId, conn.Role, null, now) { Leaving = conn.Leaving }),
        Users = s.Users.SetItem(conn.UserId, s.User(conn.UserId) with { Away = s.User(conn.UserId).Away.Add(conn.ClientId) }),
    };

    private static RouterState Unlink(RouterState s, Connection conn)
    {
        var user = s.User(conn.UserId);
        user = user with { Browsers = user.Browsers.Remove(conn.Id), Agents = user.Agents.Remove(conn.Id) };
        return s with { Connections = s.Connections.Remove(conn.Id), Users = s.Users.SetItem(conn.UserId, user) };
    }

    private static bool HasSessions(RouterState s, Connection conn) =>
        conn.Role == Role.Browser && HasSessions(s, conn.ClientId, conn.UserId);

    private static bool HasSessions(RouterState s, string clientId, string userId) =>
        s.User(userId).Sessions.Any(id => s.Sessions[id].BrowserClientId == clientId);

    public static ImmutableArray<Session> SessionsOf(RouterState s, string clientId, string userId) =>
        [.. s.User(userId).Sessions.Select(id => s.Sessions[id]).Where(x => x.BrowserClientId == clientId)];
}
