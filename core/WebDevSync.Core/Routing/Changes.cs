using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Routing;

/// <summary>
/// Live editing (README "Live editing"): changes of a session's text from either side, ordered by the
/// relay. A change is overtaken when the other side's newest accepted change is newer than both its
/// <c>baseSeq</c> and the sender's own newest accepted change (the text it builds on): then nothing
/// changes and the sender gets the relay's text, which is the other side's, so both ends converge on
/// it and nobody is sent their own text. Otherwise it gets the next seq, goes to the other side and
/// is acknowledged.
/// </summary>
internal static class Changes
{
    public static Transition FromTab(RouterState s, Connection tab, Session session, CodeUpdate m, long now, long heldElsewhere)
    {
        if (session.BrowserClientId != tab.ClientId) return Sessions.Forbidden(s, tab, "Session was opened by another tab", session.Id);
        if (m.BaseSeq is not { } baseSeq) return Invalid(s, tab, session, "payload.baseSeq is required on a tab's code_update");
        if (Ahead(s, session, baseSeq) is { } ahead) return Invalid(s, tab, session, ahead);
        if (IsOvertaken(baseSeq, own: session.BrowserSeq, other: session.AgentSeq, session)) return Overtaken(s, tab, session, session with { DeliveredSeq = session.Seq });
        if (OverBudget(s, tab, session, m, heldElsewhere) is { } refused) return refused;

        var seq = Sessions.NextSeq(s, session);
        var agent = Presence.LiveOf(s, session.AgentClientId, session.UserId, Role.Agent);
        var next = Transition.Of(Sessions.Put(s, session with { Code = m.Code, Seq = seq, DeliveredSeq = seq, BrowserSeq = seq, LastChangeBy = tab.ClientId, UpdatedAtMs = now }))
            .Send(tab.Id, new ServerMessage.CodeAck(session.Id, session.TextareaId, seq));
        // An agent that is away gets the change when it comes back and announces the session (Resume.BindAnnounced).
        return agent is { } to ? next.Send(to, new ServerMessage.CodeUpdate(session.Id, session.TextareaId, m.Code, seq)) : next;
    }

    /// <summary>An agent's change; without <c>baseSeq</c> (the seed's agents, saves) it applies unconditionally and unanswered.</summary>
    public static Transition FromAgent(RouterState s, Connection agent, Session session, CodeUpdate m, long now, long heldElsewhere)
    {
        if (m.BaseSeq is { } baseSeq)
        {
            if (Ahead(s, session, baseSeq) is { } ahead) return Invalid(s, agent, session, ahead);
            if (IsOvertaken(baseSeq, own: session.AgentSeq, other: session.BrowserSeq, session)) return Overtaken(s, agent, session, session);
        }
        if (OverBudget(s, agent, session, m, heldElsewhere) is { } refused) return refused;
        var seq = Sessions.NextSeq(s, session);
        var tab = Presence.LiveOf(s, session.BrowserClientId, session.UserId, Role.Browser);
        var updated = session with
        {
            Code = m.Code, Seq = seq, AgentSeq = seq, DeliveredSeq = tab is null ? session.DeliveredSeq : seq, AgentClientId = agent.ClientId,
            LastChangeBy = agent.ClientId, UpdatedAtMs = now,
        };
        var next = Transition.Of(Sessions.Put(s, updated));
        if (tab is { } to) next = next.Send(to, new ServerMessage.CodeUpdate(session.Id, session.TextareaId, m.Code, seq));
        return m.BaseSeq is null ? next : next.Send(agent.Id, new ServerMessage.CodeAck(session.Id, session.TextareaId, seq));
    }

    /// <summary>A change that would take its user or the relay past a byte budget (<see cref="CodeBudget"/>) is refused and changes nothing.</summary>
    private static Transition? OverBudget(RouterState s, Connection sender, Session session, CodeUpdate m, long heldElsewhere) =>
        CodeBudget.Refusal(s, session.UserId, session.CodeBytes, m.Code, heldElsewhere) is { } over
            ? Replies.Fail(s, sender, over.Code, over.Message, session.Id)
            : null;

    private static bool IsOvertaken(long baseSeq, long own, long other, Session session) =>
        other > Math.Max(baseSeq, own) && session.Held.HasText;

    /// <summary>
    /// A <c>baseSeq</c> the relay never numbered. One below the restore floor is a number from before a
    /// restart whose newest updates the saved table had not caught yet: that change is taken as current.
    /// </summary>
    private static string? Ahead(RouterState s, Session session, long baseSeq) =>
        baseSeq > session.Seq && baseSeq >= s.SeqFloor ? $"baseSeq {baseSeq} is newer than the session's seq {session.Seq}" : null;

    private static Transition Overtaken(RouterState s, Connection sender, Session session, Session marked) =>
        Transition.Of(Sessions.Put(s, marked)).Send(sender.Id, new ServerMessage.CodeOvertaken(session.Id, session.TextareaId, session.Code!, session.Seq));

    private static Transition Invalid(RouterState s, Connection sender, Session session, string message) =>
        Replies.Fail(s, sender, ErrorCode.InvalidMessage, message, session.Id);
}
