using WebDevSync.Tests.Properties;
using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>
/// Two-way live editing (issue 14): page changes and agent changes, concurrent ones among them
/// (a stale <c>baseSeq</c> is a change typed before the other side's arrived), with drops and returns.
/// The scenario delivers every effect at once, so each frame is a moment of quiescence.
/// </summary>
public class LiveEditingProperties
{
    [ScenarioProperty(Cases.Long)] public void After_every_step_the_tab_and_the_agent_holding_a_session_show_the_relays_text(Scenario scenario) => HoldersConverge(ScenarioRunner.Run(scenario));

    [ScenarioProperty(Cases.Long)] public void Each_side_sees_a_sessions_seq_strictly_grow_over_changes_from_both_directions(Scenario scenario) => SeqsGrow(ScenarioRunner.Run(scenario));

    [ScenarioProperty(Cases.Long)] public void No_side_is_ever_sent_its_own_change_back_as_new(Scenario scenario) => NoEcho(ScenarioRunner.Run(scenario));

    [ScenarioProperty(Cases.Long)] public void A_side_coming_back_gets_exactly_the_newest_change_it_missed_while_away(Scenario scenario) => ComingBackCatchesUp(ScenarioRunner.Run(scenario));

    [ScenarioProperty(Cases.Long)] public void A_page_change_applies_only_to_a_session_of_the_same_user_opened_by_that_very_tab(Scenario scenario) => PageChangesStayWithTheirTab(ScenarioRunner.Run(scenario));

    [LiveScenarioProperty] public void Up_close_after_every_step_the_tab_and_the_agent_holding_a_session_show_the_relays_text(Scenario scenario) => HoldersConverge(ScenarioRunner.Run(scenario));

    [LiveScenarioProperty] public void Up_close_each_side_sees_seqs_strictly_grow(Scenario scenario) => SeqsGrow(ScenarioRunner.Run(scenario));

    [LiveScenarioProperty] public void Up_close_no_side_is_sent_its_own_change_back(Scenario scenario) => NoEcho(ScenarioRunner.Run(scenario));

    [LiveScenarioProperty] public void Up_close_a_side_coming_back_gets_exactly_the_newest_change_it_missed(Scenario scenario) => ComingBackCatchesUp(ScenarioRunner.Run(scenario));

    [LiveScenarioProperty]
    public void Up_close_every_change_gets_one_answer_and_the_router_agrees_with_the_reference_model(Scenario scenario)
    {
        var t = ScenarioRunner.Run(scenario);
        OutcomeProperties.ExactlyOneOutcome(t);
        ModelProperties.AgreesWithTheReferenceModel(t);
        StateProperties.SeqOnlyGrows(t);
        IsolationProperties.CodeUpdatesReachOnlyTheBoundTab(t);
    }

    /// <summary>Convergence: every live, honest holder's text is the relay's (checked at every step, so also after the last).</summary>
    internal static void HoldersConverge(Trace t) => EveryFrame(t, f =>
    {
        foreach (var x in f.After.Sessions.Values.Where(x => x.Code is not null))
            foreach (var (clientId, role) in new[] { (x.BrowserClientId, Role.Browser), (x.AgentClientId, Role.Agent) })
            {
                if (clientId is null || !f.ModelAfter.Idents.Values.Any(i => i.ClientId == clientId && i.User == x.UserId && i.Role == role)) continue;
                var key = new ClientKey(x.UserId, clientId);
                if (!f.ModelAfter.Known.Honest(key)) continue;
                if (f.ModelAfter.Known.Of(key, x.Id)?.Pending is not null) continue; // it sends its change again next; quiet only after
                var shows = f.ModelAfter.Known.Of(key, x.Id)?.Text;
                if (shows != x.Code) return $"{role} {key} shows {shows ?? "nothing"} for {x.Id}, the relay holds {x.Code} (seq {x.Seq})";
            }
        return null;
    });

    /// <summary>Within one life of a session each new text a side is told of has a higher seq; a code_overtaken may repeat the newest.</summary>
    internal static void SeqsGrow(Trace t)
    {
        var last = new Dictionary<(ClientKey, string), long>();
        EveryFrame(t, f =>
        {
            Renewed(f, last);
            foreach (var send in f.Sends)
            {
                if (send.To == f.Deaf || f.IdentOf(send.To) is not { } to || SeqOf(send.Message) is not { } told) continue; // never heard
                var key = (new ClientKey(to.User, to.ClientId), told.Session);
                if (send.Message is ServerMessage.SessionClosed) { last.Remove(key); continue; }
                if (!f.ModelAfter.Known.Honest(key.Item1)) continue;
                var repeatable = send.Message is ServerMessage.CodeOvertaken;
                if (last.TryGetValue(key, out var before) && (told.Seq < before || told.Seq == before && !repeatable))
                    return $"{key.Item1} was told seq {told.Seq} of {told.Session} after seq {before}: {Describe.Server(send.Message)}";
                last[key] = Math.Max(before, told.Seq);
            }
            return null;
        });
    }

    /// <summary>No code_update or code_overtaken to a client carries a seq one of its own accepted changes got.</summary>
    internal static void NoEcho(Trace t)
    {
        var own = new Dictionary<(ClientKey, string), HashSet<long>>();
        EveryFrame(t, f =>
        {
            foreach (var id in f.After.Sessions.Keys.Where(id => !f.Before.Sessions.ContainsKey(id)))
                foreach (var key in own.Keys.Where(k => k.Item2 == id).ToList()) own.Remove(key);
            if (OwnChange(f) is { } mine)
                (own.TryGetValue(mine.Key, out var seqs) ? seqs : own[mine.Key] = []).Add(mine.Seq);
            foreach (var send in f.Sends)
            {
                var (session, seq) = send.Message switch
                {
                    ServerMessage.CodeUpdate u => (u.SessionId, u.Seq),
                    ServerMessage.CodeOvertaken o => (o.SessionId, o.Seq),
                    _ => (null, 0L),
                };
                if (session is null || f.IdentOf(send.To) is not { } to) continue;
                if (own.GetValueOrDefault((new ClientKey(to.User, to.ClientId), session))?.Contains(seq) == true)
                    return $"{to.ClientId} was sent its own change (seq {seq}) back: {Describe.Server(send.Message)}";
            }
            return null;
        });
    }

    /// <summary>An honest reconnect: one code_update or code_ack per held session it lags on, with the session's seq; nothing for the rest.</summary>
    internal static void ComingBackCatchesUp(Trace t) => EveryFrame(t, f =>
    {
        if (!f.Recall || !IsFreshConnect(f, out var m, out var ack)) return null;
        var key = new ClientKey(ack.UserId, ack.ConnectionId);
        if (!f.ModelAfter.Known.Honest(key)) return null;
        foreach (var x in f.After.Sessions.Values.Where(x => x.Code is not null && x.UserId == key.User
                     && (ack.Role == Role.Browser ? x.BrowserClientId : x.AgentClientId) == key.Client))
        {
            if (f.ModelBefore.Known.Of(key, x.Id) is not { } had) continue;
            var got = f.Sends.Where(s => s.To == m.Conn).Select(s => s.Message)
                .Where(s => s is ServerMessage.CodeUpdate u && u.SessionId == x.Id || s is ServerMessage.CodeAck a && a.SessionId == x.Id).ToList();
            var expected = had.Seen < x.Seq ? 1 : 0;
            if (got.Count != expected || got.Select(SeqOf).Any(s => s!.Value.Seq != x.Seq))
                return $"{key} came back having seq {had.Seen} of {x.Id} (the relay is at {x.Seq}) and got [{string.Join(", ", got.Select(Describe.Server))}]";
        }
        return null;
    });

    internal static void PageChangesStayWithTheirTab(Trace t) => EveryFrame(t, f =>
    {
        if (f.Input is not Input.Message { Body: ClientMessage.CodeUpdate u } m || f.ModelBefore.IdentOf(m.Conn) is not { Role: Role.Browser } tab) return null;
        if (f.Before.Sessions.GetValueOrDefault(u.SessionId) is not { } x || x.UserId == tab.User && x.BrowserClientId == tab.ClientId) return null;
        var refused = f.Effects is [Effect.Send { Message: ServerMessage.Error { Code: ErrorCode.Forbidden or ErrorCode.PayloadTooLarge } } only] && only.To == m.Conn;
        if (!refused) return $"tab {tab.User}/{tab.ClientId} changed {x.UserId}'s session {x.Id} of tab {x.BrowserClientId} without exactly one FORBIDDEN";
        return Canonical.Session(x) == Canonical.Session(f.After.Sessions[x.Id]) ? null : $"the refused page change altered session {x.Id}";
    });

    /// <summary>A session opened anew starts a new count.</summary>
    static void Renewed(Frame f, Dictionary<(ClientKey, string), long> last)
    {
        foreach (var id in f.After.Sessions.Keys.Where(id => !f.Before.Sessions.ContainsKey(id)))
            foreach (var key in last.Keys.Where(k => k.Item2 == id).ToList()) last.Remove(key);
    }

    /// <summary>The seq the sender's own change got in this frame: an accepted code_update, or an edit_request that (re)opened the session.</summary>
    static (( ClientKey, string) Key, long Seq)? OwnChange(Frame f)
    {
        if (f.Input is not Input.Message m || f.ModelBefore.IdentOf(m.Conn) is not { } me || f.Sends.Any(s => s.Message is ServerMessage.Error)) return null;
        var session = m.Body switch
        {
            ClientMessage.CodeUpdate u => u.SessionId,
            ClientMessage.EditRequest e when f.Sends.Any(s => s.Message is ServerMessage.EditRequest r && r.SessionId == e.SessionId) => e.SessionId,
            _ => null,
        };
        if (session is null || f.After.Sessions.GetValueOrDefault(session) is not { } x) return null;
        var changed = f.Before.Sessions.GetValueOrDefault(session) is not { } was || x.Seq > was.Seq || m.Body is ClientMessage.EditRequest;
        return changed ? ((new ClientKey(me.User, me.ClientId), session), x.Seq) : null;
    }

    static (string Session, long Seq)? SeqOf(ServerMessage message) => message switch
    {
        ServerMessage.EditRequest e => (e.SessionId, e.Seq),
        ServerMessage.CodeUpdate u => (u.SessionId, u.Seq),
        ServerMessage.CodeAck a => (a.SessionId, a.Seq),
        ServerMessage.CodeOvertaken o => (o.SessionId, o.Seq),
        ServerMessage.SessionClosed c => (c.SessionId, 0),
        _ => null,
    };
}
