using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>Routing never crosses users, and within a user an update finds exactly its tab.</summary>
public class IsolationProperties
{
    [ScenarioProperty] public void No_message_is_ever_delivered_to_a_connection_of_another_user(Scenario scenario) => NoMessageReachesAnotherUser(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void A_code_update_reaches_only_the_other_side_of_its_session_the_tab_that_opened_it_or_the_agent_that_holds_it(Scenario scenario) => CodeUpdatesReachOnlyTheBoundTab(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void A_session_closed_reaches_a_tab_only_if_the_session_is_bound_to_it(Scenario scenario) => ClosesReachOnlyTheBoundTab(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void An_edit_request_goes_to_the_most_recently_connected_agent_of_the_sender(Scenario scenario) => EditRequestsGoToTheNewestAgent(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void Another_users_session_can_be_neither_opened_nor_updated_nor_closed(Scenario scenario) => ForeignSessionsAreForbidden(ScenarioRunner.Run(scenario));

    internal static void NoMessageReachesAnotherUser(Trace t) => EveryFrame(t, f =>
    {
        foreach (var send in f.Sends)
        {
            if (f.IdentOf(send.To) is not { } owner)
            {
                if (send.To != f.Sender || send.Message is not (ServerMessage.Error or ServerMessage.Pong))
                    return $"{send.To} is not connected as anyone, yet got {Describe.Server(send.Message)}";
                continue;
            }
            if (TagsOf(send.Message).FirstOrDefault(tag => tag != owner.User) is { } foreign)
                return $"{send.To} is {owner.User}'s, yet got {foreign}'s data: {Describe.Server(send.Message)}";
            if (send.Message is ServerMessage.ConnectionAck ack && ack.UserId != owner.User)
                return $"{send.To} is {owner.User}'s, yet was acknowledged as {ack.UserId}";
        }
        if (t.Scenario.Auth)
            foreach (var (conn, ident) in f.ModelAfter.Idents)
                if (Pools.Owner(ScenarioModel.SlotOf(conn)) is var token && ident.User != token)
                    return $"with auth on, {conn} (token for {token}) was accepted as {ident.User}";
        return null;
    });

    internal static void CodeUpdatesReachOnlyTheBoundTab(Trace t) => EveryFrame(t, f =>
    {
        foreach (var send in f.Sends.Where(s => s.Message is ServerMessage.CodeUpdate))
        {
            var update = (ServerMessage.CodeUpdate)send.Message;
            var to = f.IdentOf(send.To);
            if (EndedWhileAway(f, update.SessionId, to) && f.Input is Input.Message { Body: ClientMessage.BrowserConnect } rc && rc.Conn == send.To) continue;
            var binding = f.ModelBefore.Bindings.GetValueOrDefault(update.SessionId) ?? f.ModelAfter.Bindings.GetValueOrDefault(update.SessionId);
            if (binding is null) return $"code_update for {update.SessionId}, which the scenario never opened";
            if (to is { Role: Role.Agent }) { if (ToTheAgent(f, send, update, binding) is { } wrong) return wrong; continue; }
            if (to is not { Role: Role.Browser } || to.User != binding.Owner || to.ClientId != binding.BrowserClientId)
                return $"code_update for {update.SessionId} (opened by {binding.Owner}'s tab {binding.BrowserClientId}) went to {send.To} = {to}";
            var cause = f.Input is Input.Message { Body: ClientMessage.CodeUpdate u } um && u.SessionId == update.SessionId && f.IdentOf(um.Conn)?.Role == Role.Agent
                || f.Input is Input.Message { Body: ClientMessage.BrowserConnect } c && c.Conn == send.To;
            if (!cause) return $"code_update for {update.SessionId} sent in reply to {Describe.Inbound(f.Input)}";
            if (f.After.Sessions.GetValueOrDefault(update.SessionId) is { } now && now.Seq != update.Seq)
                return $"code_update seq {update.Seq} differs from the session's seq {now.Seq}";
        }
        return null;
    });

    /// <summary>
    /// A page change goes to the agent holding the session, of the same user; an agent coming back gets
    /// the change it missed in reply to its own connect.
    /// </summary>
    static string? ToTheAgent(Frame f, Effect.Send send, ServerMessage.CodeUpdate update, Binding binding)
    {
        var agent = f.IdentOf(send.To)!;
        if (agent.User != binding.Owner) return $"code_update for {binding.Owner}'s session {update.SessionId} went to {agent.User}'s agent {send.To}";
        var held = f.After.Sessions.GetValueOrDefault(update.SessionId)?.AgentClientId;
        if (held != agent.ClientId) return $"code_update for {update.SessionId} went to agent {agent.ClientId}, but {held ?? "nobody"} holds it";
        var cause = f.Input is Input.Message { Body: ClientMessage.CodeUpdate u } m && u.SessionId == update.SessionId && f.IdentOf(m.Conn)?.Role == Role.Browser
            || f.Input is Input.Message { Body: ClientMessage.DesktopConnect } c && c.Conn == send.To;
        return cause ? null : $"code_update for {update.SessionId} sent to agent {send.To} in reply to {Describe.Inbound(f.Input)}";
    }

    /// <summary>The session ended while this very tab (same user, same client id) was away: its report on return.</summary>
    static bool EndedWhileAway(Frame f, string sessionId, Ident? tab) =>
        tab is { Role: Role.Browser } && f.Before.User(tab.User).Ended.Any(e => e.SessionId == sessionId && e.BrowserClientId == tab.ClientId);

    internal static void ClosesReachOnlyTheBoundTab(Trace t) => EveryFrame(t, f =>
    {
        foreach (var send in f.Sends.Where(s => s.Message is ServerMessage.SessionClosed))
        {
            var closed = (ServerMessage.SessionClosed)send.Message;
            if (f.IdentOf(send.To) is not { Role: Role.Browser } tab) continue;
            if (EndedWhileAway(f, closed.SessionId, tab)) continue;
            var binding = f.ModelBefore.Bindings.GetValueOrDefault(closed.SessionId);
            if (binding is null || binding.Owner != tab.User || binding.BrowserClientId != tab.ClientId)
                return $"session_closed for {closed.SessionId} (bound to {binding?.BrowserClientId ?? "nothing"}) went to tab {send.To} = {tab}";
        }
        return null;
    });

    internal static void EditRequestsGoToTheNewestAgent(Trace t) => EveryFrame(t, f =>
    {
        foreach (var send in f.Sends.Where(s => s.Message is ServerMessage.EditRequest))
        {
            var forwarded = (ServerMessage.EditRequest)send.Message;
            if (f.Input is not Input.Message { Body: ClientMessage.EditRequest e } m || e.SessionId != forwarded.SessionId)
                return $"edit_request forwarded in reply to {Describe.Inbound(f.Input)}";
            var tab = f.ModelBefore.IdentOf(m.Conn);
            if (tab is not { Role: Role.Browser }) return $"edit_request from {m.Conn} = {tab} was forwarded";
            if (f.ModelBefore.NewestAgent(tab.User) != send.To)
                return $"edit_request went to {send.To}, but {tab.User}'s newest agent is {f.ModelBefore.NewestAgent(tab.User)}";
            if (forwarded.BrowserConnectionId != tab.ClientId) return $"forwarded browserConnectionId {forwarded.BrowserConnectionId} is not the tab's {tab.ClientId}";
        }
        return null;
    });

    internal static void ForeignSessionsAreForbidden(Trace t) => EveryFrame(t, f =>
    {
        if (f.Input is not Input.Message m || SessionIdOf(m.Body) is not { } id) return null;
        if (f.ModelBefore.IdentOf(m.Conn) is not { } sender || f.ModelBefore.Bindings.GetValueOrDefault(id) is not { } binding || binding.Owner == sender.User)
            return null;
        var oversized = m.Body is ClientMessage.EditRequest e && System.Text.Encoding.UTF8.GetByteCount(e.Code) > Scenario.MaxCodeBytes
            || m.Body is ClientMessage.CodeUpdate u && System.Text.Encoding.UTF8.GetByteCount(u.Code) > Scenario.MaxCodeBytes;
        var expected = oversized ? "FORBIDDEN or PAYLOAD_TOO_LARGE" : "FORBIDDEN";
        var ok = f.Effects is [Effect.Send { Message: ServerMessage.Error err } only] && only.To == m.Conn
            && (err.Code == ErrorCode.Forbidden || oversized && err.Code == ErrorCode.PayloadTooLarge);
        if (!ok) return $"{sender.User} touched {binding.Owner}'s session {id}: expected exactly one {expected} error to {m.Conn}";
        var (before, after) = (f.Before.Sessions.GetValueOrDefault(id), f.After.Sessions.GetValueOrDefault(id));
        return before is not null && after is not null && Canonical.Session(before) == Canonical.Session(after) ? null
            : $"{sender.User}'s refused message changed {binding.Owner}'s session {id}";
    });
}
