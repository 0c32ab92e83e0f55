using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using Xunit;
using static WebDevSync.Core.Protocol.ServerMessage;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>Agents and tabs coming and going: presence, the newest-agent rule, re-announce, grace, idle, age, replacement.</summary>
public class LifecycleFlows
{
    [Fact]
    public void Browsers_hear_agent_presence_when_the_first_agent_arrives_and_the_last_one_leaves_only()
    {
        var r = new Relay().Browser(1, "alice", "b-1").Browser(2, "alice", "b-2").Browser(3, "bob", "b-3");

        r.Desktop(10, "alice", "d-1");
        Assert.Equal([new DesktopStatus(true)], r.To(1));
        Assert.Equal([new DesktopStatus(true)], r.To(2));
        Assert.Empty(r.To(3));

        r.Desktop(11, "alice", "d-2");
        Assert.Equal([11L], r.Recipients);

        r.Drop(10);
        Assert.Empty(r.Effects);

        r.Drop(11);
        Assert.Equal([new DesktopStatus(false)], r.To(1));
        Assert.Equal([new DesktopStatus(false)], r.To(2));
        Assert.Equal([1L, 2L], r.Recipients.Order());
    }

    [Fact]
    public void An_edit_request_goes_to_the_most_recently_connected_live_agent()
    {
        var r = new Relay().Browser(1, "alice", "b-1").Desktop(10, "alice", "d-old").Desktop(11, "alice", "d-new");
        r.Edit(1, "s1", "a");
        Assert.Equal([11L], r.Recipients);

        r.Drop(11).Edit(1, "s2", "b");
        Assert.Equal([10L], r.Recipients);

        r.Desktop(12, "alice", "d-new").Edit(1, "s3", "c");
        Assert.Equal([12L], r.Recipients);
    }

    [Fact]
    public void An_agent_reannouncing_its_sessions_after_a_server_restart_gets_them_back_and_updates_reach_the_tab()
    {
        var r = new Relay().Desktop(10, "alice", "d-1",
            new AnnouncedSession("s1", "code-1", "js", "b-1"), new AnnouncedSession("s2", "code-2", "py", "b-2"));
        Assert.Equal([new ConnectionAck("d-1", Role.Agent, "alice")], r.To(10));
        Assert.Equal(2, r.State.Sessions.Count);
        Assert.Null(r.Session("s1").Code);

        r.Browser(1, "alice", "b-1");
        Assert.DoesNotContain(r.To(1), m => m is CodeUpdate); // nothing known to resend yet

        var announcedSeq = r.Session("s1").Seq;
        r.Update(10, "s1", "after restart");
        Assert.Equal([new CodeUpdate("s1", "code-1", "after restart", announcedSeq + 1)], r.To(1));
    }

    [Fact]
    public void An_agent_that_reconnects_takes_over_its_known_sessions_and_unknown_foreign_ones_are_closed_back()
    {
        var r = new Relay().Browser(1, "alice", "b-1").Browser(2, "bob", "b-2").Desktop(10, "alice", "d-1").Edit(1, "s1", "v0").Drop(10);

        r.Desktop(11, "alice", "d-2", new AnnouncedSession("s1", "code-1", "js", "b-1"), new AnnouncedSession("s9", "code-9", "js", "b-2"));
        Assert.Equal("d-2", r.Session("s1").AgentClientId);
        Assert.Contains(new SessionClosed("s9", "code-9", "unknown_session"), r.To(11));
        Assert.False(r.State.Sessions.ContainsKey("s9"));

        r.Close(1, "s1");
        Assert.Equal([new SessionClosed("s1", "code-1", "editor_exited")], r.To(11));
    }

    [Fact]
    public void Sessions_of_a_tab_that_stays_away_past_the_grace_period_end_and_nothing_of_the_user_remains()
    {
        var grace = RouterOptions.Default.GracePeriodMs;
        var r = new Relay().Browser(1, "alice", "b-1").Desktop(10, "alice", "d-1").Edit(1, "s1", "x").Drop(1);

        r.Advance(grace - 1).Ping(10).Tick();
        Assert.True(r.State.Sessions.ContainsKey("s1"));

        r.Advance(1).Tick();
        Assert.Equal([new SessionClosed("s1", "code-1", "browser_gone")], r.To(10));
        Assert.Empty(r.State.Sessions);
        Assert.False(r.State.Clients.ContainsKey("b-1"));

        r.Drop(10);
        Assert.Empty(r.State.Users);
        Assert.Empty(r.State.Clients);
        Assert.Equal(new StatusCounts(0, 0, 0, 0), r.State.Counts());
    }

    [Fact]
    public void A_tab_back_within_the_grace_period_keeps_its_sessions()
    {
        var r = new Relay().Browser(1, "alice", "b-1").Desktop(10, "alice", "d-1").Edit(1, "s1", "x").Drop(1);
        r.Advance(RouterOptions.Default.GracePeriodMs - 1).Browser(2, "alice", "b-1").Advance(10).Tick();
        Assert.True(r.State.Sessions.ContainsKey("s1"));
        r.Update(10, "s1", "y");
        Assert.Equal([2L], r.Recipients);
    }

    [Fact]
    public void A_connection_silent_past_the_idle_timeout_is_closed_and_routed_as_a_disconnect()
    {
        var idle = RouterOptions.Default.IdleTimeoutMs;
        var r = new Relay().Browser(1, "alice", "b-1").Desktop(10, "alice", "d-1");
        r.Advance(idle / 2).Ping(1).Advance(idle / 2).Tick();
        Assert.Equal([new Effect.Close(new ConnId(10), CloseReason.Idle)], r.Closes);
        Assert.Equal([new DesktopStatus(false)], r.To(1)); // the idle agent was the last one
        Assert.Equal(new StatusCounts(1, 0, 1, 0), r.State.Counts());

        r.Drop(10); // the transport's late disconnect for the closed socket
        Assert.Empty(r.Effects);
    }

    [Fact]
    public void A_session_with_no_activity_for_the_maximum_age_ends_for_both_sides()
    {
        var options = new RouterOptions { IdleTimeoutMs = 0 };
        var r = new Relay(options).Browser(1, "alice", "b-1").Desktop(10, "alice", "d-1").Edit(1, "s1", "x").Edit(1, "s2", "y", "code-2");
        r.Advance(options.SessionMaxAgeMs - 1).Update(10, "s2", "still alive").Advance(1).Tick();
        Assert.Equal([new SessionClosed("s1", "code-1", "expired")], r.To(1));
        Assert.Equal([new SessionClosed("s1", "code-1", "expired")], r.To(10));
        Assert.Equal(["s2"], r.State.Sessions.Keys);
    }

    [Fact]
    public void The_same_client_on_a_new_socket_replaces_the_old_socket_and_keeps_its_sessions()
    {
        var r = new Relay().Browser(1, "alice", "b-1").Desktop(10, "alice", "d-1").Edit(1, "s1", "x");
        r.Browser(2, "alice", "b-1");
        Assert.Equal([new Effect.Close(new ConnId(1), CloseReason.Replaced)], r.Closes);
        Assert.Equal(new ConnectionAck("b-1", Role.Browser, "alice"), r.To(2)[0]);

        r.Update(10, "s1", "y");
        Assert.Equal([2L], r.Recipients);

        r.Drop(1);
        Assert.Empty(r.Effects);
        Assert.True(r.State.Connections.ContainsKey(new ConnId(2)));
    }

    [Fact]
    public void A_session_end_is_told_to_the_sessions_agent_only_while_that_agent_is_connected_as_the_same_user()
    {
        var r = new Relay().Browser(1, "alice", "b-1").Desktop(10, "alice", "x").Edit(1, "s1", "v0").Drop(10);
        r.Browser(2, "bob", "x"); // the agent's old client id, now bob's tab
        r.Close(1, "s1");
        Assert.Empty(r.Effects);

        r.Drop(2).Desktop(11, "alice", "d-2").Edit(1, "s2", "v0").Drop(11).Browser(12, "alice", "d-2");
        r.Close(1, "s2");
        Assert.Empty(r.Effects); // alice's tab now holds the agent's old id: not an agent, not told
    }
}
