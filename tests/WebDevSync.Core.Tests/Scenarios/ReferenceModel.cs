using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>
/// A session as the reference model keeps it. <see cref="PageSeq"/> and <see cref="AgentSeq"/> are the
/// seqs of each side's newest accepted change.
/// </summary>
public sealed record RefSession(string Id, string Owner, string Tab, string? Agent, string Textarea, string? Code, long Seq, long Delivered, long UpdatedAt,
    long PageSeq = 0, long AgentSeq = 0, string? By = null)
{
    public override string ToString() =>
        $"{Id} {Owner} tab={Tab} agent={Agent ?? "-"} ta={Textarea} code={Code ?? "null"} seq={Seq} delivered={Delivered} updated={UpdatedAt} page={PageSeq} agentseq={AgentSeq} by={By ?? "-"}";

    public static string Of(Session x) => new RefSession(x.Id, x.UserId, x.BrowserClientId, x.AgentClientId, x.TextareaId, x.Code, x.Seq, x.DeliveredSeq, x.UpdatedAtMs,
        x.BrowserSeq, x.AgentSeq, x.LastChangeBy).ToString();
}

/// <summary>What the reference model expects one frame to do: which error, and which session traffic.</summary>
public sealed record Expectation(ErrorCode? Error, List<Effect.Send> Traffic);

/// <summary>
/// A second, deliberately naive implementation of the session rules, written from the issue text:
/// plain mutable maps, no indexes. Who is connected comes from the scenario model's acks; everything
/// else (errors, session table, updates, resumes, closes, expiry) is predicted and compared.
/// </summary>
public sealed class ReferenceModel(RouterOptions options)
{
    readonly Dictionary<string, RefSession> sessions = new(StringComparer.Ordinal);
    readonly Dictionary<string, long> tabAwaySince = new(StringComparer.Ordinal);

    /// <summary>Sessions that ended while their tab was away, in the order they ended.</summary>
    readonly List<(RefSession Session, string Reason)> endedAway = [];

    /// <summary>The lowest seq a change may get: the time of the last restart that kept any session, else 0.</summary>
    long floor;

    public IEnumerable<string> Sessions => sessions.Values.OrderBy(x => x.Id, StringComparer.Ordinal).Select(x => x.ToString());

    public Expectation Predict(Frame f)
    {
        foreach (var restart in f.RestartsBefore) Restarted(restart.NowMs);
        var now = f.Input.NowMs;
        var traffic = new List<Effect.Send>();
        foreach (var (conn, left) in f.ModelBefore.Idents.Where(p => p.Value.Role == Role.Browser && !f.ModelAfter.Idents.ContainsKey(p.Key)))
            if (!f.ModelAfter.Idents.Values.Any(i => i.ClientId == left.ClientId)) tabAwaySince[left.ClientId] = now;

        ErrorCode? error = f.Input switch
        {
            Input.Invalid i => i.Code,
            Input.Tick => Expire(f.ModelAfter, now, traffic),
            Input.Message m => OnMessage(f, m, f.ModelBefore.IdentOf(m.Conn), traffic),
            _ => null,
        };
        return new Expectation(error, traffic);
    }

    /// <summary>
    /// A restart keeps every session as it was (the table is saved whole at shutdown). No socket
    /// survives, so every tab starts away at the restart. Numbers the tabs hold may be newer than the
    /// saved table, so changes are numbered from the restart time up, unless nothing was kept (README
    /// "Live editing", ARCHITECTURE "State that survives a restart"). What ended while its tab was away
    /// is saved too, so the tab, back within its grace period from the restart, still gets the last
    /// update it missed and the close.
    /// </summary>
    void Restarted(long now)
    {
        foreach (var x in sessions.Values) tabAwaySince[x.Tab] = now;
        foreach (var (x, _) in endedAway) tabAwaySince[x.Tab] = now;
        floor = sessions.Count == 0 && endedAway.Count == 0 ? 0 : now;
    }

    long Next(RefSession x) => Math.Max(x.Seq + 1, floor);

    ErrorCode? OnMessage(Frame f, Input.Message m, Ident? me, List<Effect.Send> traffic)
    {
        var claimsOk = me is not null && (m.Body.Claimed.ConnectionId ?? me.ClientId) == me.ClientId && (m.Body.Claimed.UserId ?? me.User) == me.User;
        return m.Body switch
        {
            ClientMessage.Ping => null,
            BrowserConnect or DesktopConnect when me is not null =>
                (m.Body is BrowserConnect ? Role.Browser : Role.Agent) == me.Role && claimsOk ? null : ErrorCode.Forbidden,
            BrowserConnect b => Refused(f.ModelBefore, m.AuthUser, b.UserId, b.ConnectionId, Role.Browser) ?? Resume(m.Conn, b, traffic),
            DesktopConnect d => Refused(f.ModelBefore, m.AuthUser, d.UserId, d.ConnectionId, Role.Agent) ?? Adopt(f.ModelAfter, m, d, traffic),
            _ when me is null => ErrorCode.NotConnected,
            _ when !claimsOk => ErrorCode.Forbidden,
            EditRequest e => Open(f.ModelBefore, m, me, e, traffic),
            CodeUpdate u => Update(f.ModelBefore, m, me, u, traffic),
            SessionClosed c => Close(f.ModelBefore, me, c, traffic),
            _ => throw new ArgumentOutOfRangeException(nameof(m)),
        };
    }

    /// <summary>Who holds a client id: a connected socket, or an away tab some session is bound to.</summary>
    (string User, Role Role)? Holder(ScenarioModel world, string clientId) =>
        world.Idents.Values.FirstOrDefault(i => i.ClientId == clientId) is { } live ? (live.User, live.Role)
        : sessions.Values.FirstOrDefault(x => x.Tab == clientId) is { } bound ? (bound.Owner, Role.Browser)
        : endedAway.FirstOrDefault(e => e.Session.Tab == clientId).Session is { } ended ? (ended.Owner, Role.Browser)
        : null;

    ErrorCode? Refused(ScenarioModel world, string? auth, string user, string clientId, Role role) =>
        auth is not null && auth != user ? ErrorCode.Forbidden
        : Holder(world, clientId) is { } h && h != (user, role) ? ErrorCode.Forbidden
        : null;

    ErrorCode? Resume(ConnId conn, BrowserConnect b, List<Effect.Send> traffic)
    {
        foreach (var x in sessions.Values.Where(x => x.Tab == b.ConnectionId && x.Code is not null).OrderBy(x => x.Id, StringComparer.Ordinal).ToList())
        {
            var cursor = b.Resume.Where(c => c.SessionId == x.Id).Select(c => (long?)c.Seq).Min() ?? x.Delivered;
            if (x.Seq <= cursor) continue;
            traffic.Add(new(conn, Newest(x, own: x.By == b.ConnectionId)));
            sessions[x.Id] = x with { Delivered = x.Seq };
        }
        foreach (var (x, reason) in endedAway.Where(e => e.Session.Tab == b.ConnectionId).ToList())
        {
            var cursor = b.Resume.Where(c => c.SessionId == x.Id).Select(c => (long?)c.Seq).Min() ?? x.Delivered;
            if (x.Code is not null && x.Seq > cursor) traffic.Add(new(conn, Newest(x, own: x.By == x.Tab)));
            traffic.Add(new(conn, new ServerMessage.SessionClosed(x.Id, x.Textarea, reason)));
        }
        endedAway.RemoveAll(e => e.Session.Tab == b.ConnectionId);
        tabAwaySince.Remove(b.ConnectionId);
        return null;
    }

    ErrorCode? Adopt(ScenarioModel world, Input.Message m, DesktopConnect d, List<Effect.Send> traffic)
    {
        foreach (var a in d.Sessions)
        {
            var refusal = sessions.TryGetValue(a.SessionId, out var known)
                ? known.Owner == d.UserId ? null : "unknown_session"
                : Holder(world, a.BrowserConnectionId) is { } h && h != (d.UserId, Role.Browser) ? "unknown_session"
                : sessions.Values.Count(x => x.Owner == d.UserId) >= options.MaxSessionsPerUser ? "too_many_sessions"
                : null;
            if (refusal is not null) traffic.Add(new(m.Conn, new ServerMessage.SessionClosed(a.SessionId, a.TextareaId, refusal)));
            else if (known is not null)
            {
                sessions[a.SessionId] = known with { Agent = d.ConnectionId };
                // An agent that says what it has gets what it missed: the page's change, or the ack of its own.
                if (a.Seq is { } has && known.Code is not null && known.Seq > has) traffic.Add(new(m.Conn, Newest(known, own: known.By == d.ConnectionId)));
            }
            else
            {
                if (Holder(world, a.BrowserConnectionId) is null) tabAwaySince[a.BrowserConnectionId] = m.NowMs;
                sessions[a.SessionId] = new RefSession(a.SessionId, d.UserId, a.BrowserConnectionId, d.ConnectionId, a.TextareaId, null, m.NowMs, m.NowMs, m.NowMs);
            }
        }
        return null;
    }

    ErrorCode? Open(ScenarioModel world, Input.Message m, Ident me, EditRequest e, List<Effect.Send> traffic)
    {
        var known = sessions.GetValueOrDefault(e.SessionId);
        if (me.Role != Role.Browser) return ErrorCode.Forbidden;
        if (System.Text.Encoding.UTF8.GetByteCount(e.Code) > options.MaxCodeBytes) return ErrorCode.PayloadTooLarge;
        if (known is not null && known.Owner != me.User) return ErrorCode.Forbidden;
        if (world.NewestAgent(me.User) is not { } agent) return ErrorCode.NoDesktop;
        if (known is null && sessions.Values.Count(x => x.Owner == me.User) >= options.MaxSessionsPerUser) return ErrorCode.RateLimited;
        var seq = known is null ? 0 : Next(known); // opening an open session again is a page change
        sessions[e.SessionId] = new RefSession(e.SessionId, me.User, me.ClientId, world.IdentOf(agent)!.ClientId, e.TextareaId, e.Code, seq, seq, m.NowMs,
            PageSeq: seq, AgentSeq: known?.AgentSeq ?? 0, By: me.ClientId);
        traffic.Add(new(agent, new ServerMessage.EditRequest(e.SessionId, e.TextareaId, e.Code, e.FileType, me.ClientId, seq)));
        return null;
    }

    ErrorCode? Update(ScenarioModel world, Input.Message m, Ident me, CodeUpdate u, List<Effect.Send> traffic)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(u.Code) > options.MaxCodeBytes) return ErrorCode.PayloadTooLarge;
        if (sessions.GetValueOrDefault(u.SessionId) is not { } x) return ErrorCode.SessionNotFound;
        if (x.Owner != me.User) return ErrorCode.Forbidden;
        if (me.Role == Role.Browser && x.Tab != me.ClientId) return ErrorCode.Forbidden;
        if (me.Role == Role.Browser && u.BaseSeq is null) return ErrorCode.InvalidMessage;
        if (u.BaseSeq > x.Seq && u.BaseSeq >= floor) return ErrorCode.InvalidMessage; // a seq below the floor is one from before a restart
        var (mine, theirs) = me.Role == Role.Browser ? (x.PageSeq, x.AgentSeq) : (x.AgentSeq, x.PageSeq);
        if (u.BaseSeq is { } b && theirs > b && theirs > mine && x.Code is not null) // the other side changed it since this side last did
        {
            if (me.Role == Role.Browser) sessions[x.Id] = x with { Delivered = x.Seq };
            traffic.Add(new(m.Conn, new ServerMessage.CodeOvertaken(x.Id, x.Textarea, x.Code, x.Seq)));
            return null;
        }
        var seq = Next(x);
        if (me.Role == Role.Browser)
        {
            sessions[x.Id] = x with { Code = u.Code, Seq = seq, Delivered = seq, PageSeq = seq, UpdatedAt = m.NowMs, By = me.ClientId };
            traffic.Add(new(m.Conn, new ServerMessage.CodeAck(x.Id, x.Textarea, seq)));
            if (LiveSocket(world, x.Agent, x.Owner, Role.Agent) is { } agent) traffic.Add(new(agent, new ServerMessage.CodeUpdate(x.Id, x.Textarea, u.Code, seq)));
            return null;
        }
        var tab = LiveSocket(world, x.Tab, x.Owner, Role.Browser);
        sessions[x.Id] = x with { Code = u.Code, Seq = seq, Delivered = tab is null ? x.Delivered : seq, Agent = me.ClientId, UpdatedAt = m.NowMs, AgentSeq = seq, By = me.ClientId };
        if (tab is { } to) traffic.Add(new(to, new ServerMessage.CodeUpdate(x.Id, x.Textarea, u.Code, seq)));
        if (u.BaseSeq is not null) traffic.Add(new(m.Conn, new ServerMessage.CodeAck(x.Id, x.Textarea, seq)));
        return null;
    }

    static ServerMessage Newest(RefSession x, bool own) =>
        own ? new ServerMessage.CodeAck(x.Id, x.Textarea, x.Seq) : new ServerMessage.CodeUpdate(x.Id, x.Textarea, x.Code!, x.Seq);

    ErrorCode? Close(ScenarioModel world, Ident me, SessionClosed c, List<Effect.Send> traffic)
    {
        if (sessions.GetValueOrDefault(c.SessionId) is not { } x) return ErrorCode.SessionNotFound;
        if (x.Owner != me.User) return ErrorCode.Forbidden;
        End(world, x, string.IsNullOrEmpty(c.Reason) ? "closed" : c.Reason, me.Role == Role.Agent, me.Role == Role.Browser, traffic);
        return null;
    }

    /// <summary>Tabs away for the grace period lose their sessions first; then sessions idle for the maximum age end.</summary>
    ErrorCode? Expire(ScenarioModel world, long now, List<Effect.Send> traffic)
    {
        bool Gone(RefSession x) => LiveSocket(world, x.Tab, x.Owner, Role.Browser) is null && now - tabAwaySince[x.Tab] >= options.GracePeriodMs;
        foreach (var x in sessions.Values.Where(Gone).ToList()) End(world, x, "browser_gone", false, true, traffic);
        endedAway.RemoveAll(e => LiveSocket(world, e.Session.Tab, e.Session.Owner, Role.Browser) is null && now - tabAwaySince[e.Session.Tab] >= options.GracePeriodMs);
        foreach (var x in sessions.Values.Where(x => now - x.UpdatedAt >= options.SessionMaxAgeMs).ToList()) End(world, x, "expired", true, true, traffic);
        return null;
    }

    void End(ScenarioModel world, RefSession x, string reason, bool tellTab, bool tellAgent, List<Effect.Send> traffic)
    {
        sessions.Remove(x.Id);
        if (tellTab && LiveSocket(world, x.Tab, x.Owner, Role.Browser) is null) endedAway.Add((x, reason));
        var closed = new ServerMessage.SessionClosed(x.Id, x.Textarea, reason);
        ConnId?[] targets = [tellTab ? LiveSocket(world, x.Tab, x.Owner, Role.Browser) : null, tellAgent ? LiveSocket(world, x.Agent, x.Owner, Role.Agent) : null];
        traffic.AddRange(targets.OfType<ConnId>().Distinct().Select(to => new Effect.Send(to, closed)));
    }

    static ConnId? LiveSocket(ScenarioModel world, string? clientId, string user, Role role) =>
        world.Idents.Where(p => p.Value.ClientId == clientId && p.Value.User == user && p.Value.Role == role).Select(p => (ConnId?)p.Key).FirstOrDefault();
}
