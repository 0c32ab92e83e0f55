using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Routing;

/// <summary>Edit sessions: open on <c>edit_request</c>, update on <c>code_update</c>, end on close or expiry.</summary>
internal static class Sessions
{
    public static Transition Open(RouterState s, Connection browser, EditRequest m, ForeignIds foreign, long now, long heldElsewhere)
    {
        var existing = s.Sessions.GetValueOrDefault(m.SessionId);
        if (browser.Role != Role.Browser) return Forbidden(s, browser, "edit_request must come from a browser", m.SessionId);
        if (Limits.CodeTooLarge(m.Code, s.Options.MaxCodeBytes)) return TooLarge(s, browser, m.SessionId);
        if (existing is not null ? existing.UserId != browser.UserId : foreign.Sessions.Contains(m.SessionId))
            return Forbidden(s, browser, "Session belongs to another user", m.SessionId);
        if (Presence.NewestAgent(s, browser.UserId) is not { } agent)
            return Replies.Fail(s, browser, ErrorCode.NoDesktop, "No desktop connection found", m.SessionId);
        if (existing is null && s.User(browser.UserId).Sessions.Count >= s.Options.MaxSessionsPerUser)
            return Replies.Fail(s, browser, ErrorCode.RateLimited, "Too many open sessions", m.SessionId);
        if (CodeBudget.Refusal(s, browser.UserId, existing?.CodeBytes ?? 0, m.Code, heldElsewhere) is { } over)
            return Replies.Fail(s, browser, over.Code, over.Message, m.SessionId);

        // Opening an open session again is a change of the page's: it gets the next seq, so agent
        // changes based on older ones are overtaken (README "Live editing"). A new session starts at 0.
        var found = existing ?? new Session(m.SessionId, browser.UserId, m.TextareaId, m.FileType, browser.ClientId, null, null, 0, 0, now, now);
        var seq = existing is null ? 0 : NextSeq(s, existing);
        var session = found with
        {
            TextareaId = m.TextareaId, FileType = m.FileType, BrowserClientId = browser.ClientId, AgentClientId = agent.ClientId,
            Code = m.Code, Seq = seq, DeliveredSeq = seq, BrowserSeq = seq, LastChangeBy = browser.ClientId, UpdatedAtMs = now,
            Recent = RecentTexts.None, // a reopened page starts over: what it held before is no base anyone builds on
        };
        // Taking a session over from another tab may leave that tab away with nothing to wait for.
        return Transition.Of(Presence.ForgetIdle(Put(s, session), browser.UserId))
            .Send(agent.Id, new ServerMessage.EditRequest(session.Id, session.TextareaId, m.Code, session.FileType, browser.ClientId, seq, m.Page));
    }

    /// <summary>A change of a session's text, from its agent or from the tab that opened it (<see cref="Changes"/>).</summary>
    public static Transition Update(RouterState s, Connection sender, string sessionId, Proposed p, ForeignIds foreign, long now, long heldElsewhere)
    {
        var session = s.Sessions.GetValueOrDefault(sessionId);
        if (p.Code is { } code && Limits.CodeTooLarge(code, s.Options.MaxCodeBytes)) return TooLarge(s, sender, sessionId);
        if (session is null && !foreign.Sessions.Contains(sessionId)) return Replies.Fail(s, sender, ErrorCode.SessionNotFound, "Session not found", sessionId);
        // Absent here but held in another partition is another user's session, as one router would see it.
        if (session is null || session.UserId != sender.UserId) return Forbidden(s, sender, "Session belongs to another user", sessionId);
        return sender.Role == Role.Browser ? Changes.FromTab(s, sender, session, p, now, heldElsewhere) : Changes.FromAgent(s, sender, session, p, now, heldElsewhere);
    }

    /// <summary>
    /// A side whose text drifted asks for the whole text (issue 28): it gets the session's newest as a
    /// <c>code_update</c>. A tab may ask only for sessions it opened; an agent for any of its user's.
    /// </summary>
    public static Transition Refresh(RouterState s, Connection conn, CodeRefresh m, ForeignIds foreign)
    {
        var session = s.Sessions.GetValueOrDefault(m.SessionId);
        if (session is null && !foreign.Sessions.Contains(m.SessionId)) return Replies.Fail(s, conn, ErrorCode.SessionNotFound, "Session not found", m.SessionId);
        if (session is null || session.UserId != conn.UserId) return Forbidden(s, conn, "Session belongs to another user", m.SessionId);
        if (conn.Role == Role.Browser && session.BrowserClientId != conn.ClientId) return Forbidden(s, conn, "Session was opened by another tab", m.SessionId);
        if (!session.Held.HasText) return Replies.Fail(s, conn, ErrorCode.InvalidMessage, "The relay holds no text of this session yet", m.SessionId);
        var next = conn.Role == Role.Browser ? Put(s, session with { DeliveredSeq = session.Seq }) : s;
        return Transition.Of(next).Send(conn.Id, new ServerMessage.CodeUpdate(session.Id, session.TextareaId, session.Code!, session.Seq));
    }

    /// <summary>The seq the next change gets: above every earlier one, and above the restore time after a restart.</summary>
    public static long NextSeq(RouterState s, Session session) => Math.Max(session.Seq + 1, s.SeqFloor);

    /// <summary>A client ends a session: the other side is told, so the agent can remove its file.</summary>
    public static Transition CloseByClient(RouterState s, Connection conn, SessionClosed m, ForeignIds foreign)
    {
        var session = s.Sessions.GetValueOrDefault(m.SessionId);
        if (session is null && !foreign.Sessions.Contains(m.SessionId)) return Replies.Fail(s, conn, ErrorCode.SessionNotFound, "Session not found", m.SessionId);
        if (session is null || session.UserId != conn.UserId) return Forbidden(s, conn, "Session belongs to another user", m.SessionId);
        var reason = string.IsNullOrEmpty(m.Reason) ? "closed" : m.Reason;
        return End(s, session, reason, notifyBrowser: conn.Role == Role.Agent, notifyAgent: conn.Role == Role.Browser);
    }

    public static Transition End(RouterState s, Session session, string reason, bool notifyBrowser = true, bool notifyAgent = true)
    {
        var user = s.User(session.UserId);
        var tabAway = notifyBrowser && user.Away.Contains(session.BrowserClientId);
        var ended = new EndedSession(session.Id, session.BrowserClientId, session.TextareaId, null, session.Seq, session.DeliveredSeq, reason)
            { Held = session.Held, LastByBrowser = session.LastChangeBy == session.BrowserClientId };
        var next = s with
        {
            Sessions = s.Sessions.Remove(session.Id),
            Users = s.Users.SetItem(session.UserId, user with
            {
                Sessions = user.Sessions.Remove(session.Id),
                Ended = tabAway ? user.Ended.Add(ended) : user.Ended,
            }),
            EndedChanges = tabAway ? s.EndedChanges + 1 : s.EndedChanges,
        };
        var closed = new ServerMessage.SessionClosed(session.Id, session.TextareaId, reason);
        var targets = new[]
        {
            notifyBrowser ? Presence.LiveOf(s, session.BrowserClientId, session.UserId, Role.Browser) : null,
            notifyAgent ? Presence.LiveOf(s, session.AgentClientId, session.UserId, Role.Agent) : null,
        };
        return Transition.Of(Presence.ForgetIdle(next, session.UserId)).SendAll(targets.OfType<ConnId>().Distinct(), closed);
    }

    public static RouterState Put(RouterState s, Session session)
    {
        var user = s.User(session.UserId);
        return s with
        {
            Sessions = s.Sessions.SetItem(session.Id, session),
            Users = user.Sessions.Contains(session.Id) ? s.Users : s.Users.SetItem(session.UserId, user with { Sessions = user.Sessions.Add(session.Id) }),
        };
    }

    public static Transition Forbidden(RouterState s, Connection to, string message, string sessionId) =>
        Replies.Fail(s, to, ErrorCode.Forbidden, message, sessionId);

    private static Transition TooLarge(RouterState s, Connection to, string sessionId) =>
        Replies.Fail(s, to, ErrorCode.PayloadTooLarge, Limits.CodeTooLargeMessage("code", s.Options.MaxCodeBytes), sessionId);
}
