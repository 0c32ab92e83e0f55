using static WebDevSync.Core.Protocol.ServerMessage;
using static WebDevSync.Core.Tests.Examples.Inputs;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>A session that ends while its tab is away: the tab still gets what was saved, then the close.</summary>
public class EndedWhileAwayFlows
{
    static readonly Act[] Opened = [Desktop(10, "alice", "d-1"), Browser(1, "alice", "b-1"), Edit(1, "s1", "draft")];

    [Fact]
    public void Save_then_quit_while_the_tab_is_away_delivers_the_save_and_then_the_close_when_it_returns() =>
        Spec.Given([.. Opened, Drop(1), Update(10, "s1", "saved while away"), Close(10, "s1", "editor_exited")])
            .When(Browser(2, "alice", "b-1"))
            .ThenSends(2, new ConnectionAck("b-1", Role.Browser, "alice"), new DesktopStatus(true),
                new CodeUpdate("s1", "code-1", "saved while away", 1), new SessionClosed("s1", "code-1", "editor_exited"))
            .And(s => Assert.False(s.Users["alice"].Ended.Any(), "the report is delivered once"));

    [Fact]
    public void A_tab_that_already_has_the_last_save_hears_only_the_close() =>
        Spec.Given([.. Opened, Update(10, "s1", "v1"), Drop(1), Close(10, "s1")])
            .When(Browser(2, "alice", "b-1", new SessionCursor("s1", 1)))
            .ThenSends(2, new ConnectionAck("b-1", Role.Browser, "alice"), new DesktopStatus(true), new SessionClosed("s1", "code-1", "editor_exited"));

    /// <summary>Found by the restart step of the scenario generator: the saved table had no place for the report.</summary>
    [Fact]
    public void Save_then_quit_while_the_tab_is_away_survives_a_restart_and_reaches_the_tab_when_it_returns()
    {
        var before = Spec.Given([.. Opened, Drop(1), Update(10, "s1", "saved while away"), Close(10, "s1", "editor_exited")]);
        var restartedAt = before.Relay.Now + 1000;
        Spec.Given(Restore.From(RouterOptions.Default, SavedTable.Of([before.State]), restartedAt), restartedAt)
            .When(Browser(2, "alice", "b-1"))
            .ThenSends(2, new ConnectionAck("b-1", Role.Browser, "alice"), new DesktopStatus(false),
                new CodeUpdate("s1", "code-1", "saved while away", 1), new SessionClosed("s1", "code-1", "editor_exited"))
            .And(s => Assert.False(s.Users["alice"].Ended.Any(), "the report is delivered once"));
    }

    [Fact]
    public void After_the_grace_period_the_report_is_dropped_with_the_tab_and_nothing_of_the_user_remains() =>
        Spec.Given([.. Opened, Drop(1), Update(10, "s1", "v1"), Close(10, "s1"), Drop(10)])
            .When(Tick().After(RouterOptions.Default.GracePeriodMs))
            .ThenNothing()
            .And(s => Assert.Equal((0, 0), (s.Users.Count, s.Clients.Count)));
}

/// <summary>After a restart from a saved table that lags the last updates, no save is numbered below what a tab has.</summary>
public class RestoreFlows
{
    static readonly long RestartedAt = Relay.Start + 60_000;

    [Fact]
    public void After_a_restore_from_a_stale_table_the_next_update_is_numbered_above_what_the_tab_saw()
    {
        var before = Spec.Given([Desktop(10, "alice", "d-1"), Browser(1, "alice", "b-1"), Edit(1, "s1", "c0"), .. Enumerable.Range(1, 5).Select(i => Update(10, "s1", $"c{i}"))]);
        var stale = before.State.Sessions["s1"];           // the table as saved: seq 5
        before.When(Update(10, "s1", "c6"))                 // the tab got seq 6; then the relay died
            .Then(Sent(1, new CodeUpdate("s1", "code-1", "c6", 6)));

        Spec.Given(Restore.From(RouterOptions.Default, [stale], RestartedAt), RestartedAt,
                Desktop(20, "alice", "d-1", new AnnouncedSession("s1", "code-1", "txt", "b-1")), Update(20, "s1", "c7"))
            .When(Browser(2, "alice", "b-1", new SessionCursor("s1", 6)))
            .ThenSends(2, new ConnectionAck("b-1", Role.Browser, "alice"), new DesktopStatus(true), new CodeUpdate("s1", "code-1", "c7", RestartedAt));
    }

    [Fact]
    public void A_tab_that_returns_before_the_agent_keeps_its_newer_content_and_then_gets_the_next_save()
    {
        var before = Spec.Given(Desktop(10, "alice", "d-1"), Browser(1, "alice", "b-1"), Edit(1, "s1", "c0"), Update(10, "s1", "c1"));
        var restoredAt = before.Relay.Now + 1000;
        var restored = Restore.From(RouterOptions.Default, [before.State.Sessions["s1"] with { Seq = 0, Code = "c0" }], restoredAt);

        Spec.Given(restored, restoredAt)
            .When(Browser(2, "alice", "b-1", new SessionCursor("s1", 1)))
            .ThenSends(2, new ConnectionAck("b-1", Role.Browser, "alice"), new DesktopStatus(false))
            .When(Desktop(20, "alice", "d-1")).When(Update(20, "s1", "c2"))
            .Then(Sent(2, new CodeUpdate("s1", "code-1", "c2", restoredAt)));
    }

    [Fact]
    public void A_start_with_an_empty_table_numbers_updates_from_one() =>
        Spec.Given(Restore.From(RouterOptions.Default, [], Relay.Start), Relay.Start, Desktop(10, "alice", "d-1"), Browser(1, "alice", "b-1"), Edit(1, "s1", "c0"))
            .When(Update(10, "s1", "c1"))
            .Then(Sent(1, new CodeUpdate("s1", "code-1", "c1", 1)));

    [Fact]
    public void Every_shard_numbers_from_the_restore_time_when_any_shard_restored_a_session()
    {
        var saved = new Session("s1", "alice", "code-1", "js", "b-1", "d-1", "c0", 3, 3, Relay.Start, Relay.Start);

        var shards = Restore.Partitioned(RouterOptions.Default, [saved], RestartedAt, 2, user => user == "alice" ? 0 : 1);

        Assert.Equal(["s1"], shards[0].Sessions.Keys);
        Assert.Empty(shards[1].Sessions);
        Assert.Equal([RestartedAt, RestartedAt], shards.Select(s => s.SeqFloor));
        Assert.Equal(0, Restore.Partitioned(RouterOptions.Default, [], RestartedAt, 2, _ => 0)[1].SeqFloor);
    }
}
