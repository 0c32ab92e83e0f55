using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using Xunit;
using static WebDevSync.Core.Protocol.ServerMessage;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>A session that ends while its tab is away: the tab still gets what was saved, then the close.</summary>
public class EndedWhileAwayFlows
{
    [Fact]
    public void Save_then_quit_while_the_tab_is_away_delivers_the_save_and_then_the_close_when_it_returns()
    {
        var r = new Relay().Desktop(10, "alice", "d-1").Browser(1, "alice", "b-1").Edit(1, "s1", "draft");
        r.Drop(1).Update(10, "s1", "saved while away").Close(10, "s1", "editor_exited");

        r.Browser(2, "alice", "b-1");

        Assert.Equal(
            [new ConnectionAck("b-1", Role.Browser, "alice"), new DesktopStatus(true),
             new CodeUpdate("s1", "code-1", "saved while away", 1), new SessionClosed("s1", "code-1", "editor_exited")],
            r.To(2));
        Assert.False(r.State.Users["alice"].Ended.Any(), "the report is delivered once");
    }

    [Fact]
    public void A_tab_that_already_has_the_last_save_hears_only_the_close()
    {
        var r = new Relay().Desktop(10, "alice", "d-1").Browser(1, "alice", "b-1").Edit(1, "s1", "draft");
        r.Update(10, "s1", "v1").Drop(1).Close(10, "s1");

        r.Browser(2, "alice", "b-1", new SessionCursor("s1", 1));

        Assert.Empty(r.To(2).OfType<CodeUpdate>());
        Assert.Equal([new SessionClosed("s1", "code-1", "editor_exited")], r.To(2).OfType<SessionClosed>());
    }

    [Fact]
    public void After_the_grace_period_the_report_is_dropped_with_the_tab_and_nothing_of_the_user_remains()
    {
        var r = new Relay().Desktop(10, "alice", "d-1").Browser(1, "alice", "b-1").Edit(1, "s1", "draft");
        r.Drop(1).Update(10, "s1", "v1").Close(10, "s1").Drop(10);

        r.Advance(RouterOptions.Default.GracePeriodMs).Tick();

        Assert.Empty(r.State.Users);
        Assert.Empty(r.State.Clients);
    }
}
