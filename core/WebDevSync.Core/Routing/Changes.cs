using WebDevSync.Core.Editing;
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
    public static Transition FromTab(RouterState s, Connection tab, Session session, Proposed p, long now, long heldElsewhere)
    {
        if (session.BrowserClientId != tab.ClientId) return Sessions.Forbidden(s, tab, "Session was opened by another tab", session.Id);
        if (p.BaseSeq is not { } baseSeq) return Invalid(s, tab, session, "payload.baseSeq is required on a tab's code_update");
        if (Ahead(s, session, baseSeq) is { } ahead) return Invalid(s, tab, session, ahead);
        var agent = Presence.LiveOf(s, session.AgentClientId, session.UserId, Role.Agent);
        var seen = session with { DeliveredSeq = session.Seq };
        if (session.BrowserMergedSeq > baseSeq && session.Held.HasText) return Overtaken(s, tab, session, seen);
        var builds = Math.Max(baseSeq, session.BrowserSeq);
        if (Resolve(s, tab, session, p, builds) is not { } mine) return Drifted(s, tab, session, seen);
        if (mine.Refusal is { } refused) return refused;
        var text = mine.Text!.Value;
        var merged = false;
        if (IsOvertaken(baseSeq, own: session.BrowserSeq, other: session.AgentSeq, session))
        {
            if (Merged(s, tab, session, text, builds) is not { } m || OverBudget(s, session, m, heldElsewhere, Keeps(s, session, tab.Id, agent), out _) is not null)
                return Overtaken(s, tab, session, seen);
            (text, merged) = (m, true);
        }
        if (OverBudget(s, session, text, heldElsewhere, Keeps(s, session, tab.Id, agent), out var kept) is { } over) return Replies.Fail(s, tab, over.Code, over.Message, session.Id);

        var seq = Sessions.NextSeq(s, session);
        var next = Transition.Of(Sessions.Put(s, session with
            {
                Held = text, Seq = seq, DeliveredSeq = seq, BrowserSeq = seq, LastChangeBy = tab.ClientId, UpdatedAtMs = now, Recent = kept,
                BrowserMergedSeq = merged ? seq : session.BrowserMergedSeq,
            }))
            .Send(tab.Id, Answer(session, merged ? text : null, seq));
        // An agent that is away gets the change when it comes back and announces the session (Resume.BindAnnounced).
        return agent is { } to ? next.Send(to, Forward(s, to, session, p, text, merged, seq)) : next;
    }

    /// <summary>An agent's change; without <c>baseSeq</c> (the seed's agents, saves) it applies unconditionally and unanswered.</summary>
    public static Transition FromAgent(RouterState s, Connection agent, Session session, Proposed p, long now, long heldElsewhere)
    {
        var tab = Presence.LiveOf(s, session.BrowserClientId, session.UserId, Role.Browser);
        if (p.IsEdits && p.BaseSeq is null) return Invalid(s, agent, session, "payload.baseSeq is required with payload.edits");
        var builds = Math.Max(p.BaseSeq ?? session.Seq, session.AgentSeq);
        if (p.BaseSeq is { } baseSeq)
        {
            if (Ahead(s, session, baseSeq) is { } ahead) return Invalid(s, agent, session, ahead);
            if (session.AgentMergedSeq > baseSeq && session.Held.HasText) return Overtaken(s, agent, session, session);
        }
        if (Resolve(s, agent, session, p, builds) is not { } mine) return Drifted(s, agent, session, session);
        if (mine.Refusal is { } refused) return refused;
        var text = mine.Text!.Value;
        var merged = false;
        if (p.BaseSeq is { } b && IsOvertaken(b, own: session.AgentSeq, other: session.BrowserSeq, session))
        {
            if (Merged(s, agent, session, text, builds) is not { } m || OverBudget(s, session, m, heldElsewhere, Keeps(s, session, tab, agent.Id), out _) is not null)
                return Overtaken(s, agent, session, session);
            (text, merged) = (m, true);
        }
        if (OverBudget(s, session, text, heldElsewhere, Keeps(s, session, tab, agent.Id), out var kept) is { } over)
            return Replies.Fail(s, agent, over.Code, over.Message, session.Id);
        var seq = Sessions.NextSeq(s, session);
        var updated = session with
        {
            Held = text, Seq = seq, AgentSeq = seq, DeliveredSeq = tab is null ? session.DeliveredSeq : seq, AgentClientId = agent.ClientId,
            LastChangeBy = agent.ClientId, UpdatedAtMs = now, Recent = kept,
            AgentMergedSeq = merged ? seq : session.AgentMergedSeq,
        };
        var next = Transition.Of(Sessions.Put(s, updated));
        if (tab is { } to) next = next.Send(to, Forward(s, to, session, p, text, merged, seq));
        return p.BaseSeq is null ? next : next.Send(agent.Id, Answer(session, merged ? text : null, seq));
    }

    /// <summary>The text a change proposes, or a refusal; null when it came as edits that do not give the sender's checksum on the text it builds on.</summary>
    private static (HeldText? Text, Transition? Refusal)? Resolve(RouterState s, Connection sender, Session session, Proposed p, long builds)
    {
        if (!p.IsEdits) return (p.On(null), null);
        // The decoders check the list; the core does not rely on every transport having done so.
        if (EditScript.Problem(p.Edits) is { } problem) return (null, Invalid(s, sender, session, problem));
        if (!session.Held.HasText)
            return (null, Invalid(s, sender, session, "The relay holds no text of this session to apply edits to: send code"));
        var @base = builds >= session.Seq ? session.Held : session.Recent.HeldAt(builds);
        if (p.On(@base) is not { } text) return null;
        return text.Utf8Bytes > s.Options.MaxCodeBytes
            ? (null, Replies.Fail(s, sender, ErrorCode.PayloadTooLarge, Limits.CodeTooLargeMessage("The edited code", s.Options.MaxCodeBytes), session.Id))
            : (text, null);
    }

    /// <summary>
    /// The accepted change as the other side gets it: as the sender's edits when it takes edits and they
    /// apply to the text it was last sent (the session's previous one: an accepted change builds on it),
    /// else whole.
    /// </summary>
    private static ServerMessage Forward(RouterState s, ConnId to, Session before, Proposed p, HeldText text, bool merged, long seq) =>
        p.IsEdits && !merged && s.Connections.GetValueOrDefault(to)?.AcceptsEdits == true
            ? new ServerMessage.CodeEdits(before.Id, before.TextareaId, before.Seq, p.Edits, p.Sum, seq)
            : new ServerMessage.CodeUpdate(before.Id, before.TextareaId, text.Text!, seq);

    /// <summary>
    /// The overtaken change <paramref name="mine"/> merged with the session's text, from the text at
    /// <paramref name="baseSeq"/>; null when the sender does not accept <c>code_merged</c>, that text is no
    /// longer kept, the edits overlap or touch, or the merged text is larger than a message may be.
    /// </summary>
    private static HeldText? Merged(RouterState s, Connection sender, Session session, HeldText mine, long baseSeq) =>
        sender.AcceptsMerged && session.Recent.TextAt(baseSeq) is { } @base
            && ThreeWay.Merge(@base, mine.Text!, session.Code!) is MergeOutcome.Merged { Text: var text }
            && !Limits.CodeTooLarge(text, s.Options.MaxCodeBytes)
            ? HeldText.Of(text)
            : null;

    /// <summary>An accepted change is acknowledged; one that was merged is answered with the text it became.</summary>
    private static ServerMessage Answer(Session session, HeldText? merged, long seq) =>
        merged is { } text
            ? new ServerMessage.CodeMerged(session.Id, session.TextareaId, text.Text!, seq)
            : new ServerMessage.CodeAck(session.Id, session.TextareaId, seq);

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
    private static (ErrorCode Code, string Message)? OverBudget(RouterState s, Session session, HeldText code, long heldElsewhere, bool keep, out RecentTexts kept)
    {
        kept = keep ? session.Recent.With(session.Seq, session.Held, s.Options.MergeWindow) : RecentTexts.None;
        if (kept.Count > 0 && CodeBudget.Refusal(s, session.UserId, session.CodeBytes, code.Utf8Bytes, heldElsewhere, kept.Bytes) is null) return null;
        kept = RecentTexts.None;
        return CodeBudget.Refusal(s, session.UserId, session.CodeBytes, code.Utf8Bytes, heldElsewhere);
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

    /// <summary>
    /// Edits that do not give the sender's checksum on the text it builds on: its text is not the relay's.
    /// Nothing changes, and it gets the relay's whole text (as <c>code_overtaken</c>) to start again from.
    /// </summary>
    private static Transition Drifted(RouterState s, Connection sender, Session session, Session marked) => Overtaken(s, sender, session, marked);

    private static Transition Invalid(RouterState s, Connection sender, Session session, string message) =>
        Replies.Fail(s, sender, ErrorCode.InvalidMessage, message, session.Id);
}
