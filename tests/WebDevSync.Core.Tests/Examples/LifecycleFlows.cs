using static WebDevSync.Core.Protocol.ServerMessage;
using static WebDevSync.Core.Tests.Examples.Inputs;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>Agents and tabs coming and going: presence, the newest-agent rule, re-announce, grace, idle, age, replacement.</summary>
public class LifecycleFlows
{
    [Fact]
    public void Browsers_hear_agent_presence_when_the_first_agent_arrives_and_the_last_one_leaves_only() =>
        Spec.Given(Browser(1, "alice", "b-1"), Browser(2, "alice", "b-2"), Browser(3, "bob", "b-3"))
            .When(Desktop(10, "alice", "d-1"))
            .Then(Accepted(10, Role.Agent, "alice"), Sent(10, new ConnectionAck("d-1", Role.Agent, "alice")),
                Sent(1, new DesktopStatus(true)), Sent(2, new DesktopStatus(true)))
            .When(Desktop(11, "alice", "d-2"))
            .Then(Accepted(11, Role.Agent, "alice"), Sent(11, new ConnectionAck("d-2", Role.Agent, "alice")))
            .When(Drop(10))
            .ThenNothing()
            .When(Drop(11))
            .Then(Sent(1, new DesktopStatus(false)), Sent(2, new DesktopStatus(false)));

    [Fact]
    public void An_edit_request_goes_to_the_most_recently_connected_live_agent() =>
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-old"), Desktop(11, "alice", "d-new"))
            .When(Edit(1, "s1", "a"))
            .Then(Sent(11, new EditRequest("s1", "code-1", "a", "js", "b-1", 0)))
            .When(Drop(11)).When(Edit(1, "s2", "b"))
            .Then(Sent(10, new EditRequest("s2", "code-1", "b", "js", "b-1", 0)))
            .When(Desktop(12, "alice", "d-new")).When(Edit(1, "s3", "c"))
            .Then(Sent(12, new EditRequest("s3", "code-1", "c", "js", "b-1", 0)));

    [Fact]
    public void An_agent_reannouncing_its_sessions_after_a_server_restart_gets_them_back_and_updates_reach_the_tab()
    {
        var spec = Spec.Given()
            .When(Desktop(10, "alice", "d-1", new AnnouncedSession("s1", "code-1", "js", "b-1"), new AnnouncedSession("s2", "code-2", "py", "b-2")))
            .Then(Accepted(10, Role.Agent, "alice"), Sent(10, new ConnectionAck("d-1", Role.Agent, "alice")))
            .And(s => Assert.Equal((2, null), (s.Sessions.Count, s.Sessions["s1"].Code)))
            .When(Browser(1, "alice", "b-1"))
            .ThenSends(1, new ConnectionAck("b-1", Role.Browser, "alice"), new DesktopStatus(true)); // nothing known to resend yet

        var announcedSeq = spec.State.Sessions["s1"].Seq;
        spec.When(Update(10, "s1", "after restart"))
            .Then(Sent(1, new CodeUpdate("s1", "code-1", "after restart", announcedSeq + 1)));
    }

    [Fact]
    public void An_agent_that_reconnects_takes_over_its_known_sessions_and_unknown_foreign_ones_are_closed_back() =>
        Spec.Given(Browser(1, "alice", "b-1"), Browser(2, "bob", "b-2"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "v0"), Drop(10))
            .When(Desktop(11, "alice", "d-2", new AnnouncedSession("s1", "code-1", "js", "b-1"), new AnnouncedSession("s9", "code-9", "js", "b-2")))
            .Then(Accepted(11, Role.Agent, "alice"), Sent(11, new ConnectionAck("d-2", Role.Agent, "alice")),
                Sent(1, new DesktopStatus(true)), Sent(11, new SessionClosed("s9", "code-9", "unknown_session")))
            .And(s => Assert.Equal(("d-2", false), (s.Sessions["s1"].AgentClientId, s.Sessions.ContainsKey("s9"))))
            .When(Close(1, "s1"))
            .Then(Sent(11, new SessionClosed("s1", "code-1", "editor_exited")));

    [Fact]
    public void Sessions_of_a_tab_that_stays_away_past_the_grace_period_end_and_nothing_of_the_user_remains()
    {
        var grace = RouterOptions.Default.GracePeriodMs;
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "x"), Drop(1), Wait(grace - 1), Ping(10))
            .When(Tick())
            .ThenNothing()
            .And(s => Assert.True(s.Sessions.ContainsKey("s1")))
            .When(Tick().After(1))
            .Then(Sent(10, new SessionClosed("s1", "code-1", "browser_gone")))
            .And(s => Assert.Equal((0, false), (s.Sessions.Count, s.Clients.ContainsKey("b-1"))))
            .When(Drop(10))
            .ThenNothing()
            .And(s => Assert.Equal((0, 0, new StatusCounts(0, 0, 0, 0)), (s.Users.Count, s.Clients.Count, s.Counts())));
    }

    [Fact]
    public void A_tab_back_within_the_grace_period_keeps_its_sessions() =>
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "x"), Drop(1),
                Browser(2, "alice", "b-1").After(RouterOptions.Default.GracePeriodMs - 1))
            .When(Tick().After(10))
            .ThenNothing()
            .And(s => Assert.True(s.Sessions.ContainsKey("s1")))
            .When(Update(10, "s1", "y"))
            .Then(Sent(2, new CodeUpdate("s1", "code-1", "y", 1)));

    [Fact]
    public void A_connection_silent_past_the_idle_timeout_is_closed_and_routed_as_a_disconnect()
    {
        var idle = RouterOptions.Default.IdleTimeoutMs;
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Ping(1).After(idle / 2))
            .When(Tick().After(idle / 2))
            .Then(Closed(10, CloseReason.Idle), Sent(1, new DesktopStatus(false))) // the idle agent was the last one
            .And(s => Assert.Equal(new StatusCounts(1, 0, 1, 0), s.Counts()))
            .When(Drop(10)) // the transport's late disconnect for the closed socket
            .ThenNothing();
    }

    [Fact]
    public void A_session_with_no_activity_for_the_maximum_age_ends_for_both_sides()
    {
        var options = new RouterOptions { IdleTimeoutMs = 0 };
        Spec.Given(options, Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "x"), Edit(1, "s2", "y", "code-2"),
                Update(10, "s2", "still alive").After(options.SessionMaxAgeMs - 1))
            .When(Tick().After(1))
            .Then(Sent(1, new SessionClosed("s1", "code-1", "expired")), Sent(10, new SessionClosed("s1", "code-1", "expired")))
            .And(s => Assert.Equal(["s2"], s.Sessions.Keys));
    }

    [Fact]
    public void The_same_client_on_a_new_socket_replaces_the_old_socket_and_keeps_its_sessions() =>
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "x"))
            .When(Browser(2, "alice", "b-1"))
            .Then(Closed(1, CloseReason.Replaced), Accepted(2, Role.Browser, "alice"),
                Sent(2, new ConnectionAck("b-1", Role.Browser, "alice")), Sent(2, new DesktopStatus(true)))
            .When(Update(10, "s1", "y"))
            .Then(Sent(2, new CodeUpdate("s1", "code-1", "y", 1)))
            .When(Drop(1))
            .ThenNothing()
            .And(s => Assert.True(s.Connections.ContainsKey(new ConnId(2))));

    [Fact]
    public void A_session_end_is_told_to_the_sessions_agent_only_while_that_agent_is_connected_as_the_same_user() =>
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "x"), Edit(1, "s1", "v0"), Drop(10),
                Browser(2, "bob", "x")) // the agent's old client id, now bob's tab
            .When(Close(1, "s1"))
            .ThenNothing()
            .When(Drop(2)).When(Desktop(11, "alice", "d-2")).When(Edit(1, "s2", "v0")).When(Drop(11)).When(Browser(12, "alice", "d-2"))
            .When(Close(1, "s2"))
            .ThenNothing(); // alice's tab now holds the agent's old id: not an agent, not told
}
