using static WebDevSync.Core.Protocol.ServerMessage;
using static WebDevSync.Core.Tests.Examples.Inputs;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>
/// Concurrent changes merged three-way (issue 24): tab 1 = b-1 and agent 10 = d-1 both announce they
/// accept <c>code_merged</c>; session s1 at seq 0 holds three lines.
/// </summary>
public class MergeFlows
{
    const string V0 = "one\ntwo\nthree\n";

    static Act MergingBrowser(long conn, string clientId = "b-1") =>
        Send(conn, new ClientMessage.BrowserConnect(clientId, "alice", []) { AcceptsMerged = true });

    static Act MergingDesktop(long conn, string clientId = "d-1") =>
        Send(conn, new ClientMessage.DesktopConnect(clientId, "alice", []) { AcceptsMerged = true });

    static readonly Act[] Open = [MergingBrowser(1), MergingDesktop(10), Edit(1, "s1", V0)];

    [Fact]
    public void An_overtaken_change_at_another_place_is_merged_as_the_next_seq_and_both_sides_get_the_merged_text() =>
        Spec.Given([.. Open, Change(1, "s1", "ONE\ntwo\nthree\n", baseSeq: 0)])
            .When(Change(10, "s1", "one\ntwo\nthree!\n", baseSeq: 0))
            .Then(Sent(1, new CodeUpdate("s1", "code-1", "ONE\ntwo\nthree!\n", 2)), Sent(10, new CodeMerged("s1", "code-1", "ONE\ntwo\nthree!\n", 2)))
            .And(s => Assert.Equal(("ONE\ntwo\nthree!\n", 2L, 2L), (s.Sessions["s1"].Code, s.Sessions["s1"].Seq, s.Sessions["s1"].AgentSeq)));

    [Fact]
    public void A_tabs_overtaken_change_is_merged_the_same_way() =>
        Spec.Given([.. Open, Change(10, "s1", "one\ntwo\nthree!\n", baseSeq: 0)])
            .When(Change(1, "s1", "ONE\ntwo\nthree\n", baseSeq: 0))
            .Then(Sent(1, new CodeMerged("s1", "code-1", "ONE\ntwo\nthree!\n", 2)), Sent(10, new CodeUpdate("s1", "code-1", "ONE\ntwo\nthree!\n", 2)));

    [Fact]
    public void An_overtaken_change_at_the_same_place_is_overtaken_as_before_and_changes_nothing()
    {
        var spec = Spec.Given([.. Open, Change(1, "s1", "one\nTWO\nthree\n", baseSeq: 0)]);
        var before = spec.State;
        spec.When(Change(10, "s1", "one\ntwo 2\nthree\n", baseSeq: 0))
            .Then(Sent(10, new CodeOvertaken("s1", "code-1", "one\nTWO\nthree\n", 1)))
            .And(s => Assert.Equal(before.Sessions["s1"], s.Sessions["s1"]));
    }

    [Fact]
    public void A_change_built_on_the_senders_own_unacknowledged_change_is_merged_from_that_text() =>
        Spec.Given([.. Open, Change(10, "s1", "one\ntwo\nthree\nfour\n", baseSeq: 0), Change(1, "s1", "ONE\ntwo\nthree\n", baseSeq: 0)])
            .When(Change(10, "s1", "one\ntwo\nthree\nfour\nfive\n", baseSeq: 0))
            .Then(Sent(1, new CodeUpdate("s1", "code-1", "ONE\ntwo\nthree\nfour\nfive\n", 3)),
                Sent(10, new CodeMerged("s1", "code-1", "ONE\ntwo\nthree\nfour\nfive\n", 3)));

    [Fact]
    public void A_change_built_on_the_senders_text_from_before_its_merge_came_back_is_overtaken_not_accepted_over_the_merge()
    {
        var spec = Spec.Given([.. Open, Change(1, "s1", "ONE\ntwo\nthree\n", baseSeq: 0), Change(10, "s1", "one\ntwo\nthree!\n", baseSeq: 0)]);
        var merged = spec.State.Sessions["s1"];
        // Typed on "three!" before the code_merged arrived: accepting it would drop the page's ONE.
        spec.When(Change(10, "s1", "one\ntwo\nthree!\nfour\n", baseSeq: 1))
            .Then(Sent(10, new CodeOvertaken("s1", "code-1", "ONE\ntwo\nthree!\n", 2)))
            .And(s => Assert.Equal(merged, s.Sessions["s1"]))
            // Having seen the merged text, it is accepted as usual.
            .When(Change(10, "s1", "ONE\ntwo\nthree!\nfour\n", baseSeq: 2))
            .ThenSends(10, new CodeAck("s1", "code-1", 3));
    }

    [Fact]
    public void An_agent_that_did_not_announce_code_merged_is_answered_code_overtaken_as_in_the_seeds_protocol() =>
        Spec.Given(MergingBrowser(1), Desktop(10, "alice", "d-1"), Edit(1, "s1", V0), Change(1, "s1", "ONE\ntwo\nthree\n", baseSeq: 0))
            .When(Change(10, "s1", "one\ntwo\nthree!\n", baseSeq: 0))
            .Then(Sent(10, new CodeOvertaken("s1", "code-1", "ONE\ntwo\nthree\n", 1)));

    [Fact]
    public void A_tab_that_merges_with_an_old_agent_sends_the_agent_a_plain_code_update() =>
        Spec.Given(MergingBrowser(1), Desktop(10, "alice", "d-1"), Edit(1, "s1", V0), Change(10, "s1", "one\ntwo\nthree!\n", baseSeq: 0))
            .When(Change(1, "s1", "ONE\ntwo\nthree\n", baseSeq: 0))
            .Then(Sent(1, new CodeMerged("s1", "code-1", "ONE\ntwo\nthree!\n", 2)), Sent(10, new CodeUpdate("s1", "code-1", "ONE\ntwo\nthree!\n", 2)));

    [Fact]
    public void Without_a_side_that_accepts_code_merged_no_earlier_texts_are_held() =>
        Spec.Given(Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", V0), Change(1, "s1", "ONE\ntwo\nthree\n", baseSeq: 0))
            .And(s => Assert.Equal(HeldCode.BytesOf("ONE\ntwo\nthree\n"), s.HeldBytes));

    [Fact]
    public void Earlier_texts_count_against_the_budget_and_give_way_to_a_change_that_fits_only_without_them()
    {
        var options = RouterOptions.Default with { MaxHeldBytesPerUser = 40, MergeWindow = 8 };
        Spec.Given(options, [.. Open, Change(1, "s1", "ONE\ntwo\nthree\n", baseSeq: 0)])
            .And(s => Assert.Equal(2 * HeldCode.BytesOf(V0), s.HeldBytes))
            .When(Change(1, "s1", "ONE\ntwo\nthree\nfour and more\n", baseSeq: 1))
            .Then(Sent(1, new CodeAck("s1", "code-1", 2)), Sent(10, new CodeUpdate("s1", "code-1", "ONE\ntwo\nthree\nfour and more\n", 2)))
            .And(s => Assert.Equal(HeldCode.BytesOf("ONE\ntwo\nthree\nfour and more\n"), s.HeldBytes))
            // The base it would need is gone: the old rule.
            .When(Change(10, "s1", "one\ntwo\nthree!\n", baseSeq: 1))
            .Then(Sent(10, new CodeOvertaken("s1", "code-1", "ONE\ntwo\nthree\nfour and more\n", 2)));
    }

    [Fact]
    public void A_change_based_on_a_seq_older_than_the_window_is_overtaken() =>
        Spec.Given(RouterOptions.Default with { MergeWindow = 1 }, [.. Open, Change(1, "s1", "ONE\ntwo\nthree\n", baseSeq: 0), Change(1, "s1", "ONE\nTWO\nthree\n", baseSeq: 1)])
            .When(Change(10, "s1", "one\ntwo\nthree!\n", baseSeq: 0))
            .Then(Sent(10, new CodeOvertaken("s1", "code-1", "ONE\nTWO\nthree\n", 2)));
}
