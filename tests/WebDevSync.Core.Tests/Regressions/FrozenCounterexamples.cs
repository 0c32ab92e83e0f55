using WebDevSync.Core.Tests.Properties;
using static WebDevSync.Core.Tests.Scenarios.Steps;

namespace WebDevSync.Core.Tests.Regressions;

/// <summary>
/// Shrunk counterexamples the properties found, kept as facts and replayed against every property.
/// Each names the bug it caught and the fix in core/.
/// </summary>
public class FrozenCounterexamples
{
    /// <summary>
    /// Bob's agent announced s2 for an away tab b-b2; bob's live tab closed s2, and one router forgot
    /// b-b2 with it, but the partition layer kept bob's claim on it, so carol's tab b-b2 was FORBIDDEN
    /// only when sharded (PartitionStep now releases a closed session's tab id as the router does).
    /// </summary>
    [Fact]
    public void A_tab_id_freed_by_closing_its_last_announced_session_is_free_for_another_user_on_every_partition() =>
        AllProperties.Hold(Scenario.Of(
            Desktop(11, "bob", "b-d11", new Announce("s3", "t1", "b-b8"), new Announce("s2", "t1", "b-b2")),
            Browser(8, "bob", "b-b8"),
            Close(8, "s2"),
            Browser(3, "carol", "b-b2", new SessionCursor("s2", 5), new SessionCursor("s1", 2))));

    /// <summary>
    /// Alice's agent announced s2 for an away tab a-b1; her live tab's edit_request for s2 took the
    /// session over, and one router forgot a-b1, but the partition layer kept alice's claim, so bob's
    /// tab a-b1 was FORBIDDEN only when sharded.
    /// </summary>
    [Fact]
    public void A_tab_id_freed_when_another_tab_takes_over_its_last_session_is_free_for_another_user_on_every_partition() =>
        AllProperties.Hold(Scenario.Of(
            Browser(9, "alice", "c-b9"),
            Desktop(10, "alice", "a-d4", new Announce("s2", "t1", "a-b1")),
            Edit(9, "s2", "t2"),
            Browser(1, "bob", "a-b1")));

    /// <summary>Resume.Deliver built a dictionary from the cursors and threw on a duplicate session id.</summary>
    [Fact]
    public void A_browser_connect_listing_one_session_twice_in_its_resume_cursors_is_acknowledged_not_thrown() =>
        AllProperties.Hold(Scenario.Of(
            Browser(2, "bob", "b-b2", new SessionCursor("s3", 2), new SessionCursor("s3", 0))));

    /// <summary>
    /// An agent's announce created an away tab a-b7 for carol; carol's own tab then took the session
    /// over with an edit_request, and the away tab stayed behind with no session (Sessions.Open did not tidy).
    /// </summary>
    [Fact]
    public void A_tab_that_takes_over_a_session_leaves_no_sessionless_away_tab_behind() =>
        AllProperties.Hold(Scenario.Of(
            Desktop(12, "carol", "c-d12", new Announce("s1", "t1", "a-b7"), new Announce("s2", "t1", "x-d")),
            Browser(3, "carol", "c-b3"),
            Edit(3, "s1", "t2", Claim.Own)));

    /// <summary>
    /// Carol's agent (client id b-b8) went idle, bob then connected a tab with the freed id b-b8, and
    /// carol's session expiring sent its session_closed to "the session's agent" by client id: bob's tab.
    /// </summary>
    [Fact]
    public void A_session_end_is_never_told_to_another_user_who_reused_the_agents_client_id() =>
        AllProperties.Hold(Scenario.Of(
            Desktop(12, "carol", "b-b8", new Announce("s2", "t2", "c-d12"), new Announce("s1", "t2", "c-b9")),
            Browser(9, "carol", "c-b9"),
            Tick().After(Scenario.IdleMs + 1_000),
            Browser(8, "bob", "b-b8").After(Scenario.GraceMs + 1_000),
            Tick()));

    /// <summary>
    /// Live editing: the agent saved without a baseSeq over the tab's change, then sent a change based
    /// on the seq before the tab's. The first rule ("overtaken when the other side changed after your
    /// base") answered code_overtaken with the relay's text, which was the agent's own save: an echo.
    /// Fixed in Changes.IsOvertaken: only another side's change newer than the sender's own overtakes.
    /// </summary>
    [Fact]
    public void An_agent_whose_own_save_followed_the_pages_change_is_not_sent_its_own_text_back_as_overtaken() =>
        AllProperties.Hold(Scenario.Of(
            Desktop(4, "alice", "a-d4", new Announce("s1", "t1", "a-b1")),
            Back(1, Role.Browser, "alice", "a-b1"),
            Change(1, "s1", Base.Seen),
            Update(4, "s1"),
            Change(4, "s1", Base.Stale)));

    /// <summary>
    /// Agent c-d6 opened the session, dropped; agent c-d12 saved over it; c-d6 came back announcing
    /// seq 0 and was acknowledged for seq 1 as if the agents' newest change were its own, so it kept
    /// showing the old text. Fixed: the session remembers which client made the newest change
    /// (Session.LastChangeBy), and only that client is acknowledged on its return.
    /// </summary>
    [Fact]
    public void An_agent_coming_back_is_sent_another_agents_change_not_acknowledged_for_it() =>
        AllProperties.Hold(Scenario.Of(
            Back(12, Role.Agent, "carol", "c-d6"),
            Back(9, Role.Browser, "carol", "c-b9"),
            Edit(9, "s3"),
            Drop(12),
            Back(6, Role.Agent, "carol", "c-d12"),
            Update(6, "s3", Claim.Own),
            Back(12, Role.Agent, "carol", "c-d12"),
            Back(6, Role.Agent, "carol", "c-d6")));
    /// <summary>
    /// Bob's away tab b-b2 had s2 expire; the relay restarted with that ended-while-away report saved, and the
    /// tick right after kept bob's user entry. The router was right (a restored report's tab gets a fresh grace
    /// period from the restart, as a restored session's does); the scenario model forgot that a restored report
    /// also restarts its user's grace period (ScenarioModel.Restarted now counts every restored user).
    /// </summary>
    [Fact]
    public void A_report_restored_at_a_restart_gets_a_fresh_grace_period_like_a_restored_session() =>
        AllProperties.Hold(Scenario.Of(
            Desktop(5, "bob", "b-d5"),
            Browser(2, "bob", "b-b2", new SessionCursor("s1", 5), new SessionCursor("s2", 1)),
            Edit(2, "s2"),
            Change(5, "s1").After(3_601_000),
            Tick(),
            Drop(5),
            Change(7, "s2", Base.Stale).After(301_000),
            Restart(),
            Tick()));
}
