using FsCheck;
using WebDevSync.Core.Tests.Examples;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>
/// <c>browser_leaving</c> (issue 27): whatever the two periods, a tab that said it was leaving keeps its
/// sessions exactly when the same client comes back within the shorter of them, and one that came back
/// has the whole grace period again.
/// </summary>
public class LeavingProperties
{
    [Property(Cases.Standard)]
    public void A_leaving_tab_keeps_its_sessions_exactly_when_it_comes_back_within_its_leave_grace_period(
        NonNegativeInt leaveMs, NonNegativeInt graceMs, NonNegativeInt backAfterMs)
    {
        var options = new RouterOptions { LeaveGracePeriodMs = leaveMs.Get % 20_000, GracePeriodMs = 1 + graceMs.Get % 600_000, IdleTimeoutMs = 0 };
        var limit = Math.Min(options.LeaveGracePeriodMs, options.GracePeriodMs);
        var back = backAfterMs.Get % (2 * limit + 2);
        var relay = new Relay(options).Browser(1, "alice", "b-1").Desktop(10, "alice", "d-1").Edit(1, "s1", "x")
            .Send(1, new ClientMessage.BrowserLeaving(Claims.None)).Drop(1)
            .Advance(back).Tick();
        var ended = relay.To(10).Contains(new ServerMessage.SessionClosed("s1", "code-1", "browser_gone"));
        Assert.Equal(back >= limit, ended);
        Assert.Equal(back < limit, relay.State.Sessions.ContainsKey("s1"));

        relay.Browser(2, "alice", "b-1", new SessionCursor("s1", 0)).Drop(2).Advance(limit).Tick();
        Assert.Equal(back < limit && options.GracePeriodMs > limit, relay.State.Sessions.ContainsKey("s1"));
    }
}
