using static WebDevSync.Core.Protocol.ServerMessage;
using static WebDevSync.Core.Tests.Examples.Inputs;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>
/// <c>browser_leaving</c> (issue 27): a tab whose page unloads says so; unless the same client comes back
/// within the leave grace period (a reload), its sessions end then as <c>browser_gone</c>, not after the
/// whole grace period.
/// </summary>
public class LeavingFlows
{
    private static readonly long Leave = RouterOptions.Default.LeaveGracePeriodMs;

    private static Act Leaving(long conn) => Send(conn, new ClientMessage.BrowserLeaving(Claims.None));

    [Fact]
    public void A_tab_that_said_it_was_leaving_and_does_not_come_back_ends_its_sessions_after_the_leave_grace_period() =>
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "x"))
            .When(Leaving(1))
            .ThenNothing() // no answer: the page is going away
            .When(Drop(1)).When(Tick().After(Leave - 1))
            .ThenNothing()
            .When(Tick().After(1))
            .Then(Sent(10, new SessionClosed("s1", "code-1", "browser_gone")))
            .And(s => Assert.Equal((0, false), (s.Sessions.Count, s.Clients.ContainsKey("b-1"))));

    [Fact]
    public void A_reload_comes_back_as_the_same_client_within_the_leave_grace_period_and_keeps_its_sessions_for_the_whole_grace_period_again() =>
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "x"), Leaving(1), Drop(1),
                Browser(2, "alice", "b-1", new SessionCursor("s1", 0)).After(Leave - 1))
            .When(Tick().After(Leave))
            .ThenNothing()
            .When(Drop(2)).When(Tick().After(Leave * 2)) // dropped without a goodbye: the whole grace period
            .ThenNothing()
            .And(s => Assert.True(s.Sessions.ContainsKey("s1")))
            .When(Browser(3, "alice", "b-1", new SessionCursor("s1", 0)))
            .When(Update(10, "s1", "y"))
            .Then(Sent(3, new CodeUpdate("s1", "code-1", "y", 1)));

    [Fact]
    public void A_tab_that_drops_without_saying_it_was_leaving_keeps_the_whole_grace_period() =>
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "x"), Drop(1))
            .When(Tick().After(Leave * 10))
            .ThenNothing()
            .And(s => Assert.True(s.Sessions.ContainsKey("s1")));

    [Fact]
    public void The_leave_grace_period_is_never_longer_than_the_grace_period() =>
        Spec.Given(new RouterOptions { GracePeriodMs = 1000, LeaveGracePeriodMs = 60_000 },
                Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "x"), Leaving(1), Drop(1))
            .When(Tick().After(1000))
            .Then(Sent(10, new SessionClosed("s1", "code-1", "browser_gone")));

    [Fact]
    public void An_agent_may_not_say_browser_leaving_and_is_told_so() =>
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"))
            .When(Leaving(10))
            .ThenError(10, ErrorCode.Forbidden);

    [Fact]
    public void Browser_leaving_before_the_connect_message_is_refused() =>
        Spec.Given()
            .When(Leaving(1))
            .ThenError(1, ErrorCode.NotConnected);

    [Fact]
    public void Browser_leaving_with_another_clients_id_is_refused_and_changes_nothing() =>
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "x"))
            .When(Send(1, new ClientMessage.BrowserLeaving(new Claims("b-2", "alice"))))
            .ThenError(1, ErrorCode.Forbidden)
            .When(Drop(1)).When(Tick().After(Leave))
            .ThenNothing();
}
