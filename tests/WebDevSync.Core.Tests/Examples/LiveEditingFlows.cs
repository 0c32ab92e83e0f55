using static WebDevSync.Core.Protocol.ServerMessage;
using static WebDevSync.Core.Tests.Examples.Inputs;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>Two-way live editing step by step (README "Live editing"): tab 1 = b-1, agent 10 = d-1, session s1 at seq 0.</summary>
public class LiveEditingFlows
{
    static readonly Act[] Open = [Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "v0")];

    [Fact]
    public void A_page_change_goes_to_the_agent_with_the_next_seq_and_the_tab_gets_only_its_ack() =>
        Spec.Given(Open)
            .When(Change(1, "s1", "page 1", baseSeq: 0))
            .Then(Sent(1, new CodeAck("s1", "code-1", 1)), Sent(10, new CodeUpdate("s1", "code-1", "page 1", 1)))
            .And(s => Assert.Equal(("page 1", 1L, 1L), (s.Sessions["s1"].Code, s.Sessions["s1"].Seq, s.Sessions["s1"].BrowserSeq)));

    [Fact]
    public void An_agents_live_change_is_acknowledged_and_its_save_without_baseSeq_is_not() =>
        Spec.Given(Open)
            .When(Change(10, "s1", "typed", baseSeq: 0))
            .Then(Sent(1, new CodeUpdate("s1", "code-1", "typed", 1)), Sent(10, new CodeAck("s1", "code-1", 1)))
            .When(Update(10, "s1", "saved"))
            .Then(Sent(1, new CodeUpdate("s1", "code-1", "saved", 2)));

    [Fact]
    public void Both_sides_typing_at_once_the_first_to_arrive_wins_and_the_other_is_sent_the_winning_text() =>
        Spec.Given([.. Open, Change(1, "s1", "page wins", baseSeq: 0)])
            .When(Change(10, "s1", "agent was typing too", baseSeq: 0))
            .Then(Sent(10, new CodeOvertaken("s1", "code-1", "page wins", 1)))
            .And(s => Assert.Equal(("page wins", 1L), (s.Sessions["s1"].Code, s.Sessions["s1"].Seq)))
            .When(Change(10, "s1", "agent again, having seen 1", baseSeq: 1))
            .ThenSends(10, new CodeAck("s1", "code-1", 2));

    [Fact]
    public void A_side_may_send_several_changes_before_their_answers_arrive() =>
        Spec.Given([.. Open, Change(1, "s1", "a", baseSeq: 0), Change(1, "s1", "ab", baseSeq: 0)])
            .When(Change(1, "s1", "abc", baseSeq: 0))
            .Then(Sent(1, new CodeAck("s1", "code-1", 3)), Sent(10, new CodeUpdate("s1", "code-1", "abc", 3)));

    [Fact]
    public void A_page_change_made_while_the_agent_is_away_reaches_it_when_it_comes_back_saying_what_it_has() =>
        Spec.Given([.. Open, Drop(10)])
            .When(Change(1, "s1", "while away", baseSeq: 0))
            .Then(Sent(1, new CodeAck("s1", "code-1", 1)))
            .When(Desktop(11, "alice", "d-1", new AnnouncedSession("s1", "code-1", "js", "b-1", Seq: 0)))
            .ThenSends(11, new ConnectionAck("d-1", Role.Agent, "alice"), new CodeUpdate("s1", "code-1", "while away", 1))
            .When(Drop(11)).When(Desktop(12, "alice", "d-1", new AnnouncedSession("s1", "code-1", "js", "b-1", Seq: 1)))
            .ThenSends(12, new ConnectionAck("d-1", Role.Agent, "alice"));

    [Fact]
    public void A_tab_that_dropped_before_its_ack_gets_the_ack_on_return_not_its_own_change() =>
        Spec.Given([.. Open, Change(1, "s1", "mine", baseSeq: 0), Drop(1)])
            .When(Browser(2, "alice", "b-1", new SessionCursor("s1", 0)))
            .ThenSends(2, new ConnectionAck("b-1", Role.Browser, "alice"), new DesktopStatus(true), new CodeAck("s1", "code-1", 1));

    [Fact]
    public void An_agent_that_dropped_before_its_ack_gets_the_ack_on_return() =>
        Spec.Given([.. Open, Change(10, "s1", "mine", baseSeq: 0), Drop(10)])
            .When(Desktop(11, "alice", "d-1", new AnnouncedSession("s1", "code-1", "js", "b-1", Seq: 0)))
            .ThenSends(11, new ConnectionAck("d-1", Role.Agent, "alice"), new CodeAck("s1", "code-1", 1));

    [Fact]
    public void Opening_an_open_session_again_is_a_page_change_that_overtakes_agent_changes_based_on_older_ones() =>
        Spec.Given(Open)
            .When(Edit(1, "s1", "reopened"))
            .Then(Sent(10, new EditRequest("s1", "code-1", "reopened", "js", "b-1", 1)))
            .When(Change(10, "s1", "based on 0", baseSeq: 0))
            .Then(Sent(10, new CodeOvertaken("s1", "code-1", "reopened", 1)));

    [Fact]
    public void Page_changes_to_another_tabs_or_users_session_are_forbidden_and_a_missing_or_unknown_baseSeq_is_invalid() =>
        Spec.Given([.. Open, Browser(2, "alice", "b-2"), Browser(3, "bob", "b-bob")])
            .When(Change(2, "s1", "other tab", 0)).ThenError(2, ErrorCode.Forbidden)
            .When(Change(3, "s1", "other user", 0)).ThenError(3, ErrorCode.Forbidden)
            .When(Change(1, "nope", "x", 0)).ThenError(1, ErrorCode.SessionNotFound)
            .When(Update(1, "s1", "x")).ThenError(1, new Error(ErrorCode.InvalidMessage, "payload.baseSeq is required on a tab's code_update", "b-1", "s1"))
            .When(Change(1, "s1", "x", 5)).ThenError(1, new Error(ErrorCode.InvalidMessage, "baseSeq 5 is newer than the session's seq 0", "b-1", "s1"))
            .And(s => Assert.Equal(("v0", 0L), (s.Sessions["s1"].Code, s.Sessions["s1"].Seq)));

    [Fact]
    public void After_a_restart_that_lost_the_newest_updates_a_change_based_on_one_of_them_is_taken_as_current()
    {
        var saved = new Session("s1", "alice", "code-1", "js", "b-1", "d-1", "v3", 3, 3, Relay.Start, Relay.Start);
        var restartedAt = Relay.Start + 60_000;
        Spec.Given(Restore.From(RouterOptions.Default, [saved], restartedAt), restartedAt,
                Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1", new AnnouncedSession("s1", "code-1", "js", "b-1", Seq: 5)))
            .When(Change(1, "s1", "based on 5, which the saved table missed", baseSeq: 5))
            .Then(Sent(1, new CodeAck("s1", "code-1", restartedAt)), Sent(10, new CodeUpdate("s1", "code-1", "based on 5, which the saved table missed", restartedAt)));
    }

    [Fact]
    public void The_pages_context_reaches_the_agent_with_the_edit_request()
    {
        var page = new PageContext("https://app.example.com/snippets/4", "Snippet 4", new TextSelection(2, 5));
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"))
            .When(Send(1, new ClientMessage.EditRequest(Claims.None, "s1", "code-1", "let x = 1", "js", page)))
            .Then(Sent(10, new EditRequest("s1", "code-1", "let x = 1", "js", "b-1", 0, page)));
    }
}
