using WebDevSync.Core.Tests.Examples;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>
/// Concurrent changes through the router (issue 24): a tab and an agent that both accept
/// <c>code_merged</c> each change the session's text from seq 0, in either order, and adopt every text
/// the relay sends them as a client does.
/// </summary>
public class MergeRoutingProperties
{
    [Property(Cases.Standard, Arbitrary = [typeof(ConcurrentEditsArbitrary)])]
    public void Both_sides_end_with_the_relays_text_which_keeps_both_edits_when_they_are_apart_and_only_the_first_when_they_meet(ConcurrentEdits e, bool tabFirst)
    {
        var relay = new Relay();
        relay.Send(1, new ClientMessage.BrowserConnect("b-1", "alice", []) { AcceptsMerged = true });
        relay.Send(10, new ClientMessage.DesktopConnect("d-1", "alice", []) { AcceptsMerged = true });
        relay.Edit(1, "s1", e.Base);
        var shown = new Dictionary<long, string> { [1] = e.Base, [10] = e.Base };

        var (firstConn, firstText, secondConn, secondText) = tabFirst ? (1L, e.Mine, 10L, e.Theirs) : (10L, e.Theirs, 1L, e.Mine);
        Type(relay, shown, firstConn, firstText);
        var afterFirst = relay.State.Sessions["s1"];
        Type(relay, shown, secondConn, secondText);

        var session = relay.State.Sessions["s1"];
        Assert.Equal(session.Code, shown[1]);
        Assert.Equal(session.Code, shown[10]);
        if (e.Apart) Assert.Equal((e.Both, 2L), (session.Code, session.Seq));
        else Assert.Equal(afterFirst, session); // refused whole: nothing of the second change is kept
    }

    /// <summary><paramref name="conn"/> types <paramref name="text"/> on seq 0; every holder adopts the texts it is sent.</summary>
    private static void Type(Relay relay, Dictionary<long, string> shown, long conn, string text)
    {
        shown[conn] = text;
        relay.Change(conn, "s1", text, baseSeq: 0);
        foreach (var holder in new[] { 1L, 10L })
            foreach (var m in relay.To(holder))
                shown[holder] = m switch
                {
                    ServerMessage.CodeUpdate u => u.Code,
                    ServerMessage.CodeMerged g => g.Code,
                    ServerMessage.CodeOvertaken o => o.Code,
                    _ => shown[holder],
                };
    }
}
