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

/// <summary>After a restart from a saved table that lags the last updates, no save is numbered below what a tab has.</summary>
public class RestoreFlows
{
    [Fact]
    public void After_a_restore_from_a_stale_table_the_next_update_is_numbered_above_what_the_tab_saw()
    {
        var before = new Relay().Desktop(10, "alice", "d-1").Browser(1, "alice", "b-1").Edit(1, "s1", "c0");
        for (var i = 1; i <= 5; i++) before.Update(10, "s1", $"c{i}");
        var stale = before.State.Sessions["s1"];           // the table as saved: seq 5
        before.Update(10, "s1", "c6");                     // the tab got seq 6; then the relay died

        var restartedAt = Relay.Start + 60_000;
        var after = new Relay().From(Restore.From(RouterOptions.Default, [stale], restartedAt))
            .Desktop(20, "alice", "d-1", new AnnouncedSession("s1", "code-1", "txt", "b-1")).Update(20, "s1", "c7");
        after.Browser(2, "alice", "b-1", new SessionCursor("s1", 6));

        Assert.Equal([new CodeUpdate("s1", "code-1", "c7", restartedAt)], after.To(2).OfType<CodeUpdate>());
    }

    [Fact]
    public void A_tab_that_returns_before_the_agent_keeps_its_newer_content_and_then_gets_the_next_save()
    {
        var r = new Relay().Desktop(10, "alice", "d-1").Browser(1, "alice", "b-1").Edit(1, "s1", "c0");
        r.Update(10, "s1", "c1");
        var restored = Restore.From(RouterOptions.Default, [r.State.Sessions["s1"] with { Seq = 0, Code = "c0" }], r.Now + 1000);

        var after = new Relay().From(restored).Browser(2, "alice", "b-1", new SessionCursor("s1", 1));
        Assert.Empty(after.To(2).OfType<CodeUpdate>());
        after.Desktop(20, "alice", "d-1").Update(20, "s1", "c2");
        Assert.Equal(["c2"], after.To(2).OfType<CodeUpdate>().Select(u => u.Code));
    }

    [Fact]
    public void A_start_with_an_empty_table_numbers_updates_from_one()
    {
        var r = new Relay().From(Restore.From(RouterOptions.Default, [], Relay.Start))
            .Desktop(10, "alice", "d-1").Browser(1, "alice", "b-1").Edit(1, "s1", "c0").Update(10, "s1", "c1");

        Assert.Equal([1L], r.To(1).OfType<CodeUpdate>().Select(u => u.Seq));
    }

    [Fact]
    public void Every_shard_numbers_from_the_restore_time_when_any_shard_restored_a_session()
    {
        var saved = new Session("s1", "alice", "code-1", "js", "b-1", "d-1", "c0", 3, 3, Relay.Start, Relay.Start);
        var restartedAt = Relay.Start + 60_000;

        var shards = Restore.Sharded(RouterOptions.Default, [saved], restartedAt, 2, user => user == "alice" ? 0 : 1);

        Assert.Equal(["s1"], shards[0].Sessions.Keys);
        Assert.Empty(shards[1].Sessions);
        Assert.Equal([restartedAt, restartedAt], shards.Select(s => s.SeqFloor));
        Assert.Equal(0, Restore.Sharded(RouterOptions.Default, [], restartedAt, 2, _ => 0)[1].SeqFloor);
    }
}
