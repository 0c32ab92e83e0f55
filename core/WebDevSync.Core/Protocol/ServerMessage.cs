using System.Collections.Immutable;
using WebDevSync.Core.Editing;

namespace WebDevSync.Core.Protocol;

/// <summary>Every message the server sends. A closed set; transports encode it.</summary>
public abstract record ServerMessage
{
    private ServerMessage() { }

    /// <summary>Seed: <c>{"type":"connection_ack","connectionId":…,"status":"connected"}</c>.</summary>
    public sealed record ConnectionAck(string ConnectionId, Role Role, string UserId) : ServerMessage;

    /// <summary>Whether the user has at least one agent connected.</summary>
    public sealed record DesktopStatus(bool Connected) : ServerMessage;

    /// <summary>An edit request forwarded to an agent, with the page's context when the tab sent it.</summary>
    public sealed record EditRequest(string SessionId, string TextareaId, string Code, string FileType, string BrowserConnectionId, long Seq,
        PageContext? Page = null) : ServerMessage;

    /// <summary>The other side's accepted change: an agent's to the tab that opened the session, a tab's to the agent holding it.</summary>
    public sealed record CodeUpdate(string SessionId, string TextareaId, string Code, long Seq) : ServerMessage;

    /// <summary>
    /// The other side's accepted change as edits of the text at <see cref="BaseSeq"/> (the session's
    /// previous seq), to a client that accepts them (issue 28); <see cref="Sum"/> is the result's checksum.
    /// A client that does not hold that text, or gets another sum, sends <c>code_refresh</c>.
    /// </summary>
    public sealed record CodeEdits(string SessionId, string TextareaId, long BaseSeq, ImmutableArray<TextEdit> Edits, TextSum Sum, long Seq) : ServerMessage;

    /// <summary>The sender's own change (one with a <c>baseSeq</c>) was accepted as <see cref="Seq"/>.</summary>
    public sealed record CodeAck(string SessionId, string TextareaId, long Seq) : ServerMessage;

    /// <summary>
    /// The sender's change was overtaken by the other side's and not applied: here is the relay's text,
    /// which the sender adopts so both ends converge (README "Live editing").
    /// </summary>
    public sealed record CodeOvertaken(string SessionId, string TextareaId, string Code, long Seq) : ServerMessage;

    /// <summary>
    /// The sender's change was overtaken by the other side's and merged with it (issue 24): the merged
    /// text is accepted as <see cref="Seq"/>, the other side gets it as a <c>code_update</c>, and the
    /// sender adopts it. Sent only to a client that announced it understands it.
    /// </summary>
    public sealed record CodeMerged(string SessionId, string TextareaId, string Code, long Seq) : ServerMessage;

    /// <summary>The session ended; <see cref="Reason"/> says why (editor closed, expired, …).</summary>
    public sealed record SessionClosed(string SessionId, string? TextareaId, string Reason) : ServerMessage;

    public sealed record Error(ErrorCode Code, string Message, string? ConnectionId, string? SessionId) : ServerMessage;

    public sealed record Pong : ServerMessage;
}
