using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using Xunit;
using static WebDevSync.Core.Protocol.ServerMessage;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>Two-way live editing step by step (README "Live editing"): tab 1 = b-1, agent 10 = d-1, session s1 at seq 0.</summary>
public class LiveEditingFlows
{
    static Relay Open() => new Relay().Browser(1, "alice", "b-1").Desktop(10, "alice", "d-1").Edit(1, "s1", "v0");

    [Fact]
    public void A_page_change_goes_to_the_agent_with_the_next_seq_and_the_tab_gets_only_its_ack()
    {
        var r = Open().Change(1, "s1", "page 1", baseSeq: 0);

        Assert.Equal([new CodeAck("s1", "code-1", 1)], r.To(1));
        Assert.Equal([new CodeUpdate("s1", "code-1", "page 1", 1)], r.To(10));
        Assert.Equal(("page 1", 1L, 1L), (r.Session("s1").Code, r.Session("s1").Seq, r.Session("s1").BrowserSeq));
    }

    [Fact]
    public void An_agents_live_change_is_acknowledged_and_its_save_without_baseSeq_is_not()
    {
        var r = Open().Change(10, "s1", "typed", baseSeq: 0);
        Assert.Equal([new CodeAck("s1", "code-1", 1)], r.To(10));
        Assert.Equal([new CodeUpdate("s1", "code-1", "typed", 1)], r.To(1));

        r.Update(10, "s1", "saved");
        Assert.Empty(r.To(10));
        Assert.Equal([new CodeUpdate("s1", "code-1", "saved", 2)], r.To(1));
    }

    [Fact]
    public void Both_sides_typing_at_once_the_first_to_arrive_wins_and_the_other_is_sent_the_winning_text()
    {
        var r = Open().Change(1, "s1", "page wins", baseSeq: 0);
        r.Change(10, "s1", "agent was typing too", baseSeq: 0);

        Assert.Equal([new CodeOvertaken("s1", "code-1", "page wins", 1)], r.To(10));
        Assert.Empty(r.To(1));
        Assert.Equal(("page wins", 1L), (r.Session("s1").Code, r.Session("s1").Seq));

        r.Change(10, "s1", "agent again, having seen 1", baseSeq: 1);
        Assert.Equal([new CodeAck("s1", "code-1", 2)], r.To(10));
    }

    [Fact]
    public void A_side_may_send_several_changes_before_their_answers_arrive()
    {
        var r = Open().Change(1, "s1", "a", baseSeq: 0).Change(1, "s1", "ab", baseSeq: 0).Change(1, "s1", "abc", baseSeq: 0);

        Assert.Equal([new CodeAck("s1", "code-1", 3)], r.To(1));
        Assert.Equal([new CodeUpdate("s1", "code-1", "abc", 3)], r.To(10));
    }

    [Fact]
    public void A_page_change_made_while_the_agent_is_away_reaches_it_when_it_comes_back_saying_what_it_has()
    {
        var r = Open().Drop(10).Change(1, "s1", "while away", baseSeq: 0);
        Assert.Equal([new CodeAck("s1", "code-1", 1)], r.To(1));

        r.Desktop(11, "alice", "d-1", new AnnouncedSession("s1", "code-1", "js", "b-1", Seq: 0));
        Assert.Contains(new CodeUpdate("s1", "code-1", "while away", 1), r.To(11));

        r.Drop(11).Desktop(12, "alice", "d-1", new AnnouncedSession("s1", "code-1", "js", "b-1", Seq: 1));
        Assert.DoesNotContain(r.To(12), m => m is CodeUpdate or CodeAck);
    }

    [Fact]
    public void A_tab_that_dropped_before_its_ack_gets_the_ack_on_return_not_its_own_change()
    {
        var r = Open().Change(1, "s1", "mine", baseSeq: 0).Drop(1);
        r.Browser(2, "alice", "b-1", new SessionCursor("s1", 0));

        Assert.Contains(new CodeAck("s1", "code-1", 1), r.To(2));
        Assert.DoesNotContain(r.To(2), m => m is CodeUpdate);
    }

    [Fact]
    public void An_agent_that_dropped_before_its_ack_gets_the_ack_on_return()
    {
        var r = Open().Change(10, "s1", "mine", baseSeq: 0).Drop(10);
        r.Desktop(11, "alice", "d-1", new AnnouncedSession("s1", "code-1", "js", "b-1", Seq: 0));

        Assert.Contains(new CodeAck("s1", "code-1", 1), r.To(11));
    }

    [Fact]
    public void Opening_an_open_session_again_is_a_page_change_that_overtakes_agent_changes_based_on_older_ones()
    {
        var r = Open().Edit(1, "s1", "reopened");
        Assert.Equal([new EditRequest("s1", "code-1", "reopened", "js", "b-1", 1)], r.To(10));

        r.Change(10, "s1", "based on 0", baseSeq: 0);
        Assert.Equal([new CodeOvertaken("s1", "code-1", "reopened", 1)], r.To(10));
    }

    [Fact]
    public void Page_changes_to_another_tabs_or_users_session_are_forbidden_and_a_missing_or_unknown_baseSeq_is_invalid()
    {
        var r = Open().Browser(2, "alice", "b-2").Browser(3, "bob", "b-bob");

        Assert.Equal(ErrorCode.Forbidden, OnlyError(r.Change(2, "s1", "other tab", 0), 2).Code);
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r.Change(3, "s1", "other user", 0), 3).Code);
        Assert.Equal(ErrorCode.SessionNotFound, OnlyError(r.Change(1, "nope", "x", 0), 1).Code);
        Assert.Equal(new Error(ErrorCode.InvalidMessage, "payload.baseSeq is required on a tab's code_update", "b-1", "s1"), OnlyError(r.Update(1, "s1", "x"), 1));
        Assert.Equal(new Error(ErrorCode.InvalidMessage, "baseSeq 5 is newer than the session's seq 0", "b-1", "s1"), OnlyError(r.Change(1, "s1", "x", 5), 1));
        Assert.Equal(("v0", 0L), (r.Session("s1").Code, r.Session("s1").Seq));
    }

    [Fact]
    public void After_a_restart_that_lost_the_newest_updates_a_change_based_on_one_of_them_is_taken_as_current()
    {
        var saved = new Session("s1", "alice", "code-1", "js", "b-1", "d-1", "v3", 3, 3, Relay.Start, Relay.Start);
        var restartedAt = Relay.Start + 60_000;
        var r = new Relay().From(Restore.From(RouterOptions.Default, [saved], restartedAt))
            .Browser(1, "alice", "b-1").Desktop(10, "alice", "d-1", new AnnouncedSession("s1", "code-1", "js", "b-1", Seq: 5));

        r.Change(1, "s1", "based on 5, which the saved table missed", baseSeq: 5);

        Assert.Equal([new CodeAck("s1", "code-1", restartedAt)], r.To(1));
        Assert.Equal([new CodeUpdate("s1", "code-1", "based on 5, which the saved table missed", restartedAt)], r.To(10));
    }

    [Fact]
    public void The_pages_context_reaches_the_agent_with_the_edit_request()
    {
        var page = new PageContext("https://app.example.com/snippets/4", "Snippet 4", new TextSelection(2, 5));
        var r = new Relay().Browser(1, "alice", "b-1").Desktop(10, "alice", "d-1")
            .Send(1, new ClientMessage.EditRequest(Claims.None, "s1", "code-1", "let x = 1", "js", page));

        Assert.Equal([new EditRequest("s1", "code-1", "let x = 1", "js", "b-1", 0, page)], r.To(10));
    }

    static Error OnlyError(Relay r, long conn) => Assert.IsType<Error>(Assert.Single(r.To(conn)));
}
