using WebDevSync.Core.Merging;
using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Routing;

/// <summary>
/// Live editing (README "Live editing"): changes of a session's text from either side, ordered by the
/// relay. A change is overtaken when the other side's newest accepted change is newer than both its
/// <c>baseSeq</c> and the sender's own newest accepted change (the text it builds on). An overtaken
/// change from a client that accepts <c>code_merged</c> is merged three-way with the relay's text
/// (<see cref="ThreeWay"/>, base = the text at the seq it builds on, while <see cref="Session.Recent"/>
/// still has it); merged, it is accepted like any change and the sender is sent the merged text, and
/// until the sender has seen that text its changes are overtaken (<see cref="Session.BrowserMergedSeq"/>). Not
/// merged, nothing changes and the sender gets the relay's text, which is the other side's, so both
/// ends converge on it and nobody is sent their own text. Otherwise it gets the next seq, goes to the
/// other side and is acknowledged.
/// </summary>
internal static class Changes
{
    public static Transition FromTab(RouterState s, Connection tab, Session session, CodeUpdate m, long now, long heldElsewhere)
    {
        if (session.BrowserClientId != tab.ClientId) return Sessions.Forbidden(s, tab, "Session was opened by another tab", session.Id);
        if (m.BaseSeq is not { } baseSeq) return Invalid(s, tab, session, "payload.baseSeq is required on a tab's code_update");
        if (Ahead(s, session, baseSeq) is { } ahead) return Invalid(s, tab, session, ahead);
        var agent = Presence.LiveOf(s, session.AgentClientId, session.UserId, Role.Agent);
        var code = m.Code;
        if (session.BrowserMergedSeq > baseSeq && session.Held.HasText) return Overtaken(s, tab, session, session with { DeliveredSeq = session.Seq });
        if (IsOvertaken(baseSeq, own: session.BrowserSeq, other: session.AgentSeq, session))
        {
            code = Merged(s, tab, session, m.Code, Math.Max(baseSeq, session.BrowserSeq));
            if (code is null || OverBudget(s, session, code, heldElsewhere, Keeps(s, session, tab.Id, agent), out _) is not null)
                return Overtaken(s, tab, session, session with { DeliveredSeq = session.Seq });
        }
        if (OverBudget(s, session, code, heldElsewhere, Keeps(s, session, tab.Id, agent), out var kept) is { } over) return Replies.Fail(s, tab, over.Code, over.Message, session.Id);

        var seq = Sessions.NextSeq(s, session);
        var next = Transition.Of(Sessions.Put(s, session with
            {
                Code = code, Seq = seq, DeliveredSeq = seq, BrowserSeq = seq, LastChangeBy = tab.ClientId, UpdatedAtMs = now, Recent = kept,
                BrowserMergedSeq = ReferenceEquals(code, m.Code) ? session.BrowserMergedSeq : seq,
            }))
            .Send(tab.Id, Answer(session, code, m.Code, seq));
        // An agent that is away gets the change when it comes back and announces the session (Resume.BindAnnounced).
        return agent is { } to ? next.Send(to, new ServerMessage.CodeUpdate(session.Id, session.TextareaId, code, seq)) : next;
    }

    /// <summary>An agent's change; without <c>baseSeq</c> (the seed's agents, saves) it applies unconditionally and unanswered.</summary>
    public static Transition FromAgent(RouterState s, Connection agent, Session session, CodeUpdate m, long now, long heldElsewhere)
    {
        var tab = Presence.LiveOf(s, session.BrowserClientId, session.UserId, Role.Browser);
        var code = m.Code;
        if (m.BaseSeq is { } baseSeq)
        {
            if (Ahead(s, session, baseSeq) is { } ahead) return Invalid(s, agent, session, ahead);
            if (session.AgentMergedSeq > baseSeq && session.Held.HasText) return Overtaken(s, agent, session, session);
            if (IsOvertaken(baseSeq, own: session.AgentSeq, other: session.BrowserSeq, session))
            {
                code = Merged(s, agent, session, m.Code, Math.Max(baseSeq, session.AgentSeq));
                if (code is null || OverBudget(s, session, code, heldElsewhere, Keeps(s, session, tab, agent.Id), out _) is not null)
                    return Overtaken(s, agent, session, session);
            }
        }
        if (OverBudget(s, session, code, heldElsewhere, Keeps(s, session, tab, agent.Id), out var kept) is { } over)
            return Replies.Fail(s, agent, over.Code, over.Message, session.Id);
        var seq = Sessions.NextSeq(s, session);
        var updated = session with
        {
            Code = code, Seq = seq, AgentSeq = seq, DeliveredSeq = tab is null ? session.DeliveredSeq : seq, AgentClientId = agent.ClientId,
            LastChangeBy = agent.ClientId, UpdatedAtMs = now, Recent = kept,
            AgentMergedSeq = ReferenceEquals(code, m.Code) ? session.AgentMergedSeq : seq,
        };
        var next = Transition.Of(Sessions.Put(s, updated));
        if (tab is { } to) next = next.Send(to, new ServerMessage.CodeUpdate(session.Id, session.TextareaId, code, seq));
        return m.BaseSeq is null ? next : next.Send(agent.Id, Answer(session, code, m.Code, seq));
    }

    /// <summary>
    /// The overtaken change <paramref name="mine"/> merged with the session's text, from the text at
    /// <paramref name="baseSeq"/>; null when the sender does not accept <c>code_merged</c>, that text is no
    /// longer kept, the edits overlap or touch, or the merged text is larger than a message may be.
    /// </summary>
    private static string? Merged(RouterState s, Connection sender, Session session, string mine, long baseSeq) =>
        sender.AcceptsMerged && session.Recent.TextAt(baseSeq) is { } @base
            && ThreeWay.Merge(@base, mine, session.Code!) is MergeOutcome.Merged { Text: var text }
            && !Limits.CodeTooLarge(text, s.Options.MaxCodeBytes)
            ? text
            : null;

    /// <summary>An accepted change is acknowledged; one that was merged is answered with the text it became.</summary>
    private static ServerMessage Answer(Session session, string code, string sent, long seq) =>
        ReferenceEquals(code, sent)
            ? new ServerMessage.CodeAck(session.Id, session.TextareaId, seq)
            : new ServerMessage.CodeMerged(session.Id, session.TextareaId, code, seq);

    /// <summary>
    /// Whether the session keeps its earlier texts to merge from: only while a side that could be
    /// overtaken, the live tab or agent, accepts <c>code_merged</c>; for everyone else they would be dead weight.
    /// </summary>
    private static bool Keeps(RouterState s, Session session, ConnId? tab, ConnId? agent) =>
        s.Options.MergeWindow > 0
        && ((tab is { } t && s.Connections.GetValueOrDefault(t)?.AcceptsMerged == true) || (agent is { } a && s.Connections.GetValueOrDefault(a)?.AcceptsMerged == true));

    /// <summary>
    /// Why replacing the session's text by <paramref name="code"/> would take its user or the relay past
    /// a byte budget (<see cref="CodeBudget"/>), or null; <paramref name="kept"/> is the recent texts kept
    /// beside it. Those give way first: a change that fits only without them is accepted, and they are dropped.
    /// </summary>
    private static (ErrorCode Code, string Message)? OverBudget(RouterState s, Session session, string code, long heldElsewhere, bool keep, out RecentTexts kept)
    {
        kept = keep ? session.Recent.With(session.Seq, session.Held, s.Options.MergeWindow) : RecentTexts.None;
        if (kept.Count > 0 && CodeBudget.Refusal(s, session.UserId, session.CodeBytes, code, heldElsewhere, kept.Bytes) is null) return null;
        kept = RecentTexts.None;
        return CodeBudget.Refusal(s, session.UserId, session.CodeBytes, code, heldElsewhere);
    }

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
