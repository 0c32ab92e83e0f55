using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Routing;

/// <summary>
/// Coming back after a drop: a browser gets the newest update of each session it missed; an agent
/// re-announces the sessions it still has open, so they survive even a server that forgot them, and
/// gets the page's changes it missed. A side whose own change is the newest is acknowledged instead:
/// nobody is sent their own change back as new.
/// </summary>
internal static class Resume
{
    public static Transition Deliver(RouterState s, ConnId to, BrowserConnect m)
    {
        // A session listed twice counts at its lowest seq: sending an update again beats losing it.
        var cursors = m.Resume.GroupBy(c => c.SessionId).ToDictionary(g => g.Key, g => g.Min(c => c.Seq));
        var missed = Presence.SessionsOf(s, m.ConnectionId, m.UserId)
            .Where(x => x.Held.HasText && x.Seq > cursors.GetValueOrDefault(x.Id, x.DeliveredSeq))
            .ToList();
        return missed.Aggregate(Transition.Of(s), (t, x) => t
                .With(Sessions.Put(t.State, x with { DeliveredSeq = x.Seq }))
                .Send(to, Missed(x.Id, x.TextareaId, x.Code!, x.Seq, own: x.LastChangeBy == m.ConnectionId)))
            .Then(st => Ended(st, to, m, cursors));
    }

    /// <summary>Sessions that ended while the tab was away: their last update if it missed it, then the close.</summary>
    private static Transition Ended(RouterState s, ConnId to, BrowserConnect m, Dictionary<string, long> cursors)
    {
        var user = s.User(m.UserId);
        var mine = user.Ended.Where(e => e.BrowserClientId == m.ConnectionId).ToList();
        if (mine.Count == 0) return Transition.Of(s);
        var t = Transition.Of(s with { Users = s.Users.SetItem(m.UserId, user with { Ended = user.Ended.RemoveRange(mine) }), EndedChanges = s.EndedChanges + 1 });
        foreach (var e in mine)
        {
            if (e.Held.HasText && e.Seq > cursors.GetValueOrDefault(e.SessionId, e.DeliveredSeq))
                t = t.Send(to, Missed(e.SessionId, e.TextareaId, e.Code!, e.Seq, e.LastByBrowser));
            t = t.Send(to, new ServerMessage.SessionClosed(e.SessionId, e.TextareaId, e.Reason));
        }
        return t;
    }

    /// <summary>
    /// Rebinds a known session to the agent, or recreates one the server lost. A recreated session's
    /// sequence restarts at the announce time in ms, so it stays above any number a browser has seen.
    /// </summary>
    public static Transition BindAnnounced(RouterState s, ConnId agentId, AnnouncedSession a, ForeignIds foreign, long now)
    {
        var agent = s.Connections[agentId];
        var existing = s.Sessions.GetValueOrDefault(a.SessionId);
        if (existing is not null)
            return existing.UserId == agent.UserId ? Rebind(s, agent, existing, a) : Unknown(s, agentId, a);
        if (foreign.Sessions.Contains(a.SessionId)) return Unknown(s, agentId, a);
        var client = s.Clients.GetValueOrDefault(a.BrowserConnectionId);
        if ((client is not null && (client.UserId != agent.UserId || client.Role != Role.Browser)) || foreign.Clients.Contains(a.BrowserConnectionId))
            return Unknown(s, agentId, a);
        if (s.User(agent.UserId).Sessions.Count >= s.Options.MaxSessionsPerUser) return Unknown(s, agentId, a, "too_many_sessions");

        var session = new Session(a.SessionId, agent.UserId, a.TextareaId, a.FileType, a.BrowserConnectionId, agent.ClientId, null, now, now, now, now);
        var next = Sessions.Put(s, session);
        return Transition.Of(client is null ? AddAwayBrowser(next, a.BrowserConnectionId, agent.UserId, now) : next);
    }

    /// <summary>A known session goes to the returning agent, with the newest change it missed when it says what it has.</summary>
    private static Transition Rebind(RouterState s, Connection agent, Session x, AnnouncedSession a)
    {
        var next = Transition.Of(Sessions.Put(s, x with { AgentClientId = agent.ClientId }));
        return a.Seq is { } has && x.Held.HasText && x.Seq > has
            ? next.Send(agent.Id, Missed(x.Id, x.TextareaId, x.Code!, x.Seq, own: x.LastChangeBy == agent.ClientId))
            : next;
    }

    private static ServerMessage Missed(string sessionId, string textareaId, string code, long seq, bool own) =>
        own ? new ServerMessage.CodeAck(sessionId, textareaId, seq) : new ServerMessage.CodeUpdate(sessionId, textareaId, code, seq);

    private static RouterState AddAwayBrowser(RouterState s, string clientId, string userId, long now) => s with
    {
        Clients = s.Clients.SetItem(clientId, new Client(clientId, userId, Role.Browser, null, now)),
        Users = s.Users.SetItem(userId, s.User(userId) with { Away = s.User(userId).Away.Add(clientId) }),
    };

    private static Transition Unknown(RouterState s, ConnId agent, AnnouncedSession a, string reason = "unknown_session") =>
        Transition.Of(s).Send(agent, new ServerMessage.SessionClosed(a.SessionId, a.TextareaId, reason));
}
