namespace WebDevSync.Core.Protocol;

/// <summary>
/// How a message joins a connection's queue of messages waiting to be written: the protocol's ordering
/// rule, which the relay's queue (<c>OutboundQueue</c>) applies under its lock. Each <c>code_update</c>
/// carries the whole content, so a newer one for the same session may take a waiting one's place and the
/// bound costs no data; but seqs reach a client in the order the router gave them (README "Live
/// editing"), so a later update must not jump ahead of a close, an answer or a reopen of its session.
/// </summary>
public abstract record Queueing
{
    private Queueing() { }

    /// <summary>A <c>code_update</c>: it replaces its session's waiting update in place, or waits as that update.</summary>
    public sealed record Replacing(string SessionId) : Queueing;

    /// <summary>
    /// A message of a session that later updates must not overtake: it waits behind the session's waiting
    /// update, which no later update may replace any more.
    /// </summary>
    public sealed record Sealing(string SessionId) : Queueing;

    /// <summary>A message of no session: it simply waits its turn.</summary>
    public sealed record Plain : Queueing;
}

public static class Outbound
{
    private static readonly Queueing.Plain PlainMessage = new();

    /// <summary>How <paramref name="message"/> joins the queue.</summary>
    public static Queueing Of(ServerMessage message) => message switch
    {
        ServerMessage.CodeUpdate u => new Queueing.Replacing(u.SessionId),
        ServerMessage.SessionClosed c => new Queueing.Sealing(c.SessionId),
        ServerMessage.CodeAck a => new Queueing.Sealing(a.SessionId),
        ServerMessage.CodeOvertaken o => new Queueing.Sealing(o.SessionId),
        ServerMessage.CodeMerged g => new Queueing.Sealing(g.SessionId),
        ServerMessage.EditRequest e => new Queueing.Sealing(e.SessionId),
        // Edits build on the update before them: that one is sent as it is, never replaced by a later text.
        ServerMessage.CodeEdits d => new Queueing.Sealing(d.SessionId),
        ServerMessage.ConnectionAck or ServerMessage.DesktopStatus or ServerMessage.Error or ServerMessage.Pong => PlainMessage,
        _ => throw new ArgumentOutOfRangeException(nameof(message), message, "a server message the ordering rule does not know"),
    };
}
