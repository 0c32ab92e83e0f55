using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Core.Editing;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>
/// The ordering rule of a connection's waiting messages (<see cref="Outbound"/>): only an update may take a
/// waiting message's place, and only its own session's; every other message of a session keeps later
/// updates behind it. The relay's queue applying it is property-tested in the Server suite
/// (<c>OutboundQueueProperties</c>).
/// </summary>
public class OutboundProperties
{
    public static class SessionMessages
    {
        private static readonly Gen<string> Id = Gen.Elements("s", "s1", "", "é", "😀", "a b");

        public static Arbitrary<ServerMessage> Any() => Gen.OneOf(
            Id.Select(s => (ServerMessage)new ServerMessage.CodeUpdate(s, "t", "x", 1)),
            Id.Select(s => (ServerMessage)new ServerMessage.CodeAck(s, "t", 1)),
            Id.Select(s => (ServerMessage)new ServerMessage.CodeOvertaken(s, "t", "x", 1)),
            Id.Select(s => (ServerMessage)new ServerMessage.CodeMerged(s, "t", "x", 1)),
            Id.Select(s => (ServerMessage)new ServerMessage.SessionClosed(s, null, "closed")),
            Id.Select(s => (ServerMessage)new ServerMessage.EditRequest(s, "t", "x", "js", "b", 1)),
            Id.Select(s => (ServerMessage)new ServerMessage.CodeEdits(s, "t", 1, [new TextEdit(0, 0, "y")], new TextSum(1, 121), 2)),
            Id.Select(s => (ServerMessage)new ServerMessage.Error(ErrorCode.InvalidMessage, "m", "c", s)),
            Gen.Constant((ServerMessage)new ServerMessage.Pong()),
            Gen.Constant((ServerMessage)new ServerMessage.DesktopStatus(true)),
            Id.Select(s => (ServerMessage)new ServerMessage.ConnectionAck(s, Role.Browser, "u"))).ToArbitrary();
    }

    [Property(Cases.Standard, Arbitrary = [typeof(SessionMessages)])]
    public void Only_an_update_replaces_a_waiting_message_and_only_one_of_its_own_session(ServerMessage message)
    {
        var queueing = Outbound.Of(message);
        Assert.Equal(message is ServerMessage.CodeUpdate, queueing is Queueing.Replacing);
        if (queueing is Queueing.Replacing r) Assert.Equal(((ServerMessage.CodeUpdate)message).SessionId, r.SessionId);
    }

    [Property(Cases.Standard, Arbitrary = [typeof(SessionMessages)])]
    public void Every_answer_close_reopen_or_edit_list_of_a_session_keeps_its_later_updates_behind_it(ServerMessage message)
    {
        var expected = message switch
        {
            ServerMessage.CodeAck a => a.SessionId,
            ServerMessage.CodeOvertaken o => o.SessionId,
            ServerMessage.CodeMerged g => g.SessionId,
            ServerMessage.SessionClosed c => c.SessionId,
            ServerMessage.EditRequest e => e.SessionId,
            ServerMessage.CodeEdits d => d.SessionId,
            _ => null,
        };
        Assert.Equal(expected, (Outbound.Of(message) as Queueing.Sealing)?.SessionId);
    }
}
