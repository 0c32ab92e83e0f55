using static WebDevSync.Core.Protocol.ServerMessage;
using static WebDevSync.Core.Tests.Examples.Inputs;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>The main routing flows, step by step: the seed's round trip, several tabs, resuming, closing, limits.</summary>
public class RoutingFlows
{
    [Fact]
    public void Seed_flow_connect_edit_request_to_the_agent_and_the_saved_update_back_to_the_tab() =>
        Spec.Given()
            .When(Browser(1, "alice", "b-uuid"))
            .Then(Accepted(1, Role.Browser, "alice"), Sent(1, new ConnectionAck("b-uuid", Role.Browser, "alice")), Sent(1, new DesktopStatus(false)))
            .When(Desktop(2, "alice", "d-uuid"))
            .Then(Accepted(2, Role.Agent, "alice"), Sent(2, new ConnectionAck("d-uuid", Role.Agent, "alice")), Sent(1, new DesktopStatus(true)))
            .When(Edit(1, "s1", "console.log(1)"))
            .Then(Sent(2, new EditRequest("s1", "code-1", "console.log(1)", "js", "b-uuid", 0)))
            .When(Update(2, "s1", "console.log(2)"))
            .Then(Sent(1, new CodeUpdate("s1", "code-1", "console.log(2)", 1)))
            .And(s => Assert.Equal(new StatusCounts(1, 1, 1, 1), s.Counts()));

    [Fact]
    public void Three_tabs_of_one_user_each_get_only_the_updates_of_their_own_sessions()
    {
        var spec = Spec.Given([Desktop(9, "alice", "d-1"), .. new[] { 1, 2, 3 }.SelectMany(tab => new[] { Browser(tab, "alice", $"b-{tab}"), Edit(tab, $"s{tab}", $"code {tab}") })]);
        foreach (var tab in new[] { 3, 1, 2 })
            spec.When(Update(9, $"s{tab}", $"saved {tab}"))
                .Then(Sent(tab, new CodeUpdate($"s{tab}", "code-1", $"saved {tab}", 1)));
        spec.And(s => Assert.Equal(new StatusCounts(3, 1, 1, 3), s.Counts()));
    }

    [Fact]
    public void A_tab_that_reconnects_with_its_connection_id_gets_the_newest_update_it_missed_right_after_ack_and_status() =>
        Spec.Given(Desktop(9, "alice", "d-1"), Browser(1, "alice", "b-1"), Edit(1, "s1", "v0"), Drop(1))
            .When(Update(9, "s1", "v1"))
            .ThenNothing()
            .When(Update(9, "s1", "v2"))
            .ThenNothing()
            .When(Browser(5, "alice", "b-1"))
            .ThenSends(5, new ConnectionAck("b-1", Role.Browser, "alice"), new DesktopStatus(true), new CodeUpdate("s1", "code-1", "v2", 2))
            .When(Drop(5)).When(Browser(6, "alice", "b-1"))
            .ThenSends(6, new ConnectionAck("b-1", Role.Browser, "alice"), new DesktopStatus(true)); // nothing missed this time: ack and status only

    [Fact]
    public void Resume_cursors_say_what_the_tab_already_has_so_only_newer_updates_are_sent()
    {
        ServerMessage[] backAgain = [new ConnectionAck("b-1", Role.Browser, "alice"), new DesktopStatus(true)];
        Spec.Given(Desktop(9, "alice", "d-1"), Browser(1, "alice", "b-1"), Edit(1, "s1", "v0"), Update(9, "s1", "v1"), Update(9, "s1", "v2"), Drop(1))
            .When(Browser(2, "alice", "b-1", new SessionCursor("s1", 2)))
            .ThenSends(2, backAgain)
            .When(Drop(2)).When(Browser(3, "alice", "b-1", new SessionCursor("s1", 1)))
            .ThenSends(3, [.. backAgain, new CodeUpdate("s1", "code-1", "v2", 2)])
            .When(Drop(3)).When(Browser(4, "alice", "b-1", new SessionCursor("s1", 2), new SessionCursor("s1", 0)))
            .ThenSends(4, [.. backAgain, new CodeUpdate("s1", "code-1", "v2", 2)]); // listed twice: the lower cursor wins
    }

    [Fact]
    public void Another_tab_reconnecting_is_not_sent_the_sessions_of_a_different_connection_id() =>
        Spec.Given(Desktop(9, "alice", "d-1"), Browser(1, "alice", "b-1"), Edit(1, "s1", "v0"), Drop(1), Update(9, "s1", "v1"))
            .When(Browser(2, "alice", "b-2", new SessionCursor("s1", 0)))
            .Then(Accepted(2, Role.Browser, "alice"), Sent(2, new ConnectionAck("b-2", Role.Browser, "alice")), Sent(2, new DesktopStatus(true)));

    [Fact]
    public void Closing_a_session_tells_the_other_side() =>
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "x"), Edit(1, "s2", "y", "code-2"))
            .When(Close(10, "s1", "editor_exited"))
            .Then(Sent(1, new SessionClosed("s1", "code-1", "editor_exited")))
            .When(Close(1, "s2", null))
            .Then(Sent(10, new SessionClosed("s2", "code-2", "closed")))
            .And(s => Assert.Empty(s.Sessions));

    [Fact]
    public void A_user_may_hold_at_most_the_configured_number_of_sessions_but_may_reopen_one_they_hold() =>
        Spec.Given(new RouterOptions { MaxSessionsPerUser = 2 }, Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "a"), Edit(1, "s2", "b"))
            .When(Edit(1, "s3", "c"))
            .ThenError(1, ErrorCode.RateLimited)
            .And(s => Assert.Equal(2, s.Sessions.Count))
            .When(Edit(1, "s2", "b again"))
            .Then(Sent(10, new EditRequest("s2", "code-1", "b again", "js", "b-1", 1)))
            .When(Browser(2, "bob", "b-2")).When(Desktop(11, "bob", "d-2")).When(Edit(2, "s3", "bob's own"))
            .Then(Sent(11, new EditRequest("s3", "code-1", "bob's own", "js", "b-2", 0))); // the limit is per user

    [Fact]
    public void Ping_is_answered_with_pong_even_before_connecting() =>
        Spec.Given()
            .When(Ping(1))
            .Then(Sent(1, new Pong()))
            .And(s => Assert.Empty(s.Connections));

    [Fact]
    public void A_second_connect_on_a_connected_socket_with_the_same_identity_is_acknowledged_again() =>
        Spec.Given(Browser(1, "alice", "b-1"))
            .When(Browser(1, "alice", "b-1"))
            .Then(Sent(1, new ConnectionAck("b-1", Role.Browser, "alice")))
            .And(s => Assert.Single(s.Connections));
}
