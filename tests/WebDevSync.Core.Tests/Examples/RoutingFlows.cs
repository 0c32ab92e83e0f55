using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using Xunit;
using static WebDevSync.Core.Protocol.ServerMessage;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>The main routing flows, step by step: the seed's round trip, several tabs, resuming, closing, limits.</summary>
public class RoutingFlows
{
    [Fact]
    public void Seed_flow_connect_edit_request_to_the_agent_and_the_saved_update_back_to_the_tab()
    {
        var r = new Relay().Browser(1, "alice", "b-uuid");
        Assert.Equal([new ConnectionAck("b-uuid", Role.Browser, "alice"), new DesktopStatus(false)], r.To(1));

        r.Desktop(2, "alice", "d-uuid");
        Assert.Equal([new ConnectionAck("d-uuid", Role.Agent, "alice")], r.To(2));
        Assert.Equal([new DesktopStatus(true)], r.To(1));

        r.Edit(1, "s1", "console.log(1)");
        Assert.Equal([new EditRequest("s1", "code-1", "console.log(1)", "js", "b-uuid", 0)], r.To(2));
        Assert.Equal([2L], r.Recipients);

        r.Update(2, "s1", "console.log(2)");
        Assert.Equal([new CodeUpdate("s1", "code-1", "console.log(2)", 1)], r.To(1));
        Assert.Equal([1L], r.Recipients);
        Assert.Equal(new StatusCounts(1, 1, 1, 1), r.State.Counts());
    }

    [Fact]
    public void Three_tabs_of_one_user_each_get_only_the_updates_of_their_own_sessions()
    {
        var r = new Relay().Desktop(9, "alice", "d-1");
        foreach (var tab in new[] { 1, 2, 3 }) r.Browser(tab, "alice", $"b-{tab}").Edit(tab, $"s{tab}", $"code {tab}");

        foreach (var tab in new[] { 3, 1, 2 })
        {
            r.Update(9, $"s{tab}", $"saved {tab}");
            Assert.Equal([new CodeUpdate($"s{tab}", "code-1", $"saved {tab}", 1)], r.To(tab));
            Assert.Equal([(long)tab], r.Recipients);
        }
        Assert.Equal(new StatusCounts(3, 1, 1, 3), r.State.Counts());
    }

    [Fact]
    public void A_tab_that_reconnects_with_its_connection_id_gets_the_newest_update_it_missed_right_after_ack_and_status()
    {
        var r = new Relay().Desktop(9, "alice", "d-1").Browser(1, "alice", "b-1").Edit(1, "s1", "v0").Drop(1);
        r.Update(9, "s1", "v1");
        Assert.Empty(r.Effects);
        r.Update(9, "s1", "v2");
        Assert.Empty(r.Effects);

        r.Browser(5, "alice", "b-1");
        Assert.Equal([new ConnectionAck("b-1", Role.Browser, "alice"), new DesktopStatus(true), new CodeUpdate("s1", "code-1", "v2", 2)], r.To(5));

        r.Drop(5).Browser(6, "alice", "b-1");
        Assert.Equal(2, r.To(6).Count); // nothing missed this time: ack and status only
    }

    [Fact]
    public void Resume_cursors_say_what_the_tab_already_has_so_only_newer_updates_are_sent()
    {
        var r = new Relay().Desktop(9, "alice", "d-1").Browser(1, "alice", "b-1").Edit(1, "s1", "v0")
            .Update(9, "s1", "v1").Update(9, "s1", "v2").Drop(1);

        r.Browser(2, "alice", "b-1", new SessionCursor("s1", 2));
        Assert.DoesNotContain(r.To(2), m => m is CodeUpdate);

        r.Drop(2).Browser(3, "alice", "b-1", new SessionCursor("s1", 1));
        Assert.Equal(new CodeUpdate("s1", "code-1", "v2", 2), r.To(3)[^1]);

        r.Drop(3).Browser(4, "alice", "b-1", new SessionCursor("s1", 2), new SessionCursor("s1", 0));
        Assert.Equal(new CodeUpdate("s1", "code-1", "v2", 2), r.To(4)[^1]); // listed twice: the lower cursor wins
    }

    [Fact]
    public void Another_tab_reconnecting_is_not_sent_the_sessions_of_a_different_connection_id()
    {
        var r = new Relay().Desktop(9, "alice", "d-1").Browser(1, "alice", "b-1").Edit(1, "s1", "v0").Drop(1).Update(9, "s1", "v1");
        r.Browser(2, "alice", "b-2", new SessionCursor("s1", 0));
        Assert.DoesNotContain(r.To(2), m => m is CodeUpdate);
    }

    [Fact]
    public void Closing_a_session_tells_the_other_side()
    {
        var r = new Relay().Browser(1, "alice", "b-1").Desktop(10, "alice", "d-1").Edit(1, "s1", "x").Edit(1, "s2", "y", "code-2");
        r.Close(10, "s1", "editor_exited");
        Assert.Equal([new SessionClosed("s1", "code-1", "editor_exited")], r.To(1));
        Assert.Equal([1L], r.Recipients);

        r.Close(1, "s2", null);
        Assert.Equal([new SessionClosed("s2", "code-2", "closed")], r.To(10));
        Assert.Empty(r.State.Sessions);
    }

    [Fact]
    public void A_user_may_hold_at_most_the_configured_number_of_sessions_but_may_reopen_one_they_hold()
    {
        var r = new Relay(new RouterOptions { MaxSessionsPerUser = 2 }).Browser(1, "alice", "b-1").Desktop(10, "alice", "d-1")
            .Edit(1, "s1", "a").Edit(1, "s2", "b").Edit(1, "s3", "c");
        Assert.Equal(ErrorCode.RateLimited, Assert.IsType<Error>(Assert.Single(r.To(1))).Code);
        Assert.Equal(2, r.State.Sessions.Count);

        r.Edit(1, "s2", "b again");
        Assert.IsType<EditRequest>(Assert.Single(r.To(10)));

        r.Browser(2, "bob", "b-2").Desktop(11, "bob", "d-2").Edit(2, "s3", "bob's own");
        Assert.IsType<EditRequest>(Assert.Single(r.To(11))); // the limit is per user
    }

    [Fact]
    public void Ping_is_answered_with_pong_even_before_connecting()
    {
        var r = new Relay().Ping(1);
        Assert.Equal([new Pong()], r.To(1));
        Assert.Empty(r.State.Connections);
    }

    [Fact]
    public void A_second_connect_on_a_connected_socket_with_the_same_identity_is_acknowledged_again()
    {
        var r = new Relay().Browser(1, "alice", "b-1").Browser(1, "alice", "b-1");
        Assert.Equal([new ConnectionAck("b-1", Role.Browser, "alice")], r.To(1));
        Assert.Single(r.State.Connections);
    }
}
