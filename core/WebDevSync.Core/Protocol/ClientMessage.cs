using System.Collections.Immutable;
using WebDevSync.Core.Editing;

namespace WebDevSync.Core.Protocol;

/// <summary>
/// The ids a client may repeat on every message (seed: "WebSocket Message Format"). They are
/// claims only: the connection's identity is fixed by its connect message and a claim that
/// disagrees is refused with FORBIDDEN.
/// </summary>
public sealed record Claims(string? ConnectionId, string? UserId)
{
    public static readonly Claims None = new(null, null);
}

/// <summary>A session the browser has seen up to <see cref="Seq"/>, sent on reconnect.</summary>
public sealed record SessionCursor(string SessionId, long Seq);

/// <summary>
/// A session an agent still has open, re-announced after it reconnects. <see cref="Seq"/> is the newest
/// change it has of the session, when it says: then it is sent what it missed while away.
/// </summary>
public sealed record AnnouncedSession(string SessionId, string TextareaId, string FileType, string BrowserConnectionId, long? Seq = null);

/// <summary>Every message a client may send, validated and typed. A closed set.</summary>
public abstract record ClientMessage
{
    private ClientMessage() { }

    public abstract Claims Claimed { get; }

    public sealed record BrowserConnect(string ConnectionId, string UserId, ImmutableArray<SessionCursor> Resume) : ClientMessage
    {
        public override Claims Claimed => new(ConnectionId, UserId);

        /// <summary>
        /// The client understands <c>code_merged</c>: an overtaken change of its may be merged. A client
        /// that does not say so (the seed's, older ones) is answered <c>code_overtaken</c> as before.
        /// </summary>
        public bool AcceptsMerged { get; init; }

        /// <summary>
        /// The client takes the other side's changes as edits (<see cref="ServerMessage.CodeEdits"/>, issue 28).
        /// A client that does not say so (the seed's, older ones) is sent every change whole, as before.
        /// </summary>
        public bool AcceptsEdits { get; init; }
    }

    public sealed record DesktopConnect(string ConnectionId, string UserId, ImmutableArray<AnnouncedSession> Sessions) : ClientMessage
    {
        public override Claims Claimed => new(ConnectionId, UserId);

        /// <inheritdoc cref="BrowserConnect.AcceptsMerged"/>
        public bool AcceptsMerged { get; init; }

        /// <inheritdoc cref="BrowserConnect.AcceptsEdits"/>
        public bool AcceptsEdits { get; init; }
    }

    /// <summary>A tab opens (or opens again) a session; <see cref="Page"/> says where the text comes from, if it says.</summary>
    public sealed record EditRequest(Claims Claims, string SessionId, string TextareaId, string Code, string FileType, PageContext? Page = null) : ClientMessage
    {
        public override Claims Claimed => Claims;
    }

    /// <summary>
    /// A change of a session's text, from its agent or (live editing) from the tab that opened it.
    /// <see cref="BaseSeq"/> is the newest seq the sender had seen; with it the sender gets a
    /// <c>code_ack</c> or <c>code_overtaken</c>, without it (an agent's save) the change simply applies.
    /// </summary>
    public sealed record CodeUpdate(Claims Claims, string SessionId, string? TextareaId, string Code, long? BaseSeq = null) : ClientMessage
    {
        public override Claims Claimed => Claims;
    }

    /// <summary>
    /// A change sent as edits (issue 28): <see cref="Edits"/> apply to the text the sender builds on (the
    /// one at <see cref="BaseSeq"/>, or its own newer change), and <see cref="Sum"/> is the result's
    /// checksum. Otherwise a <see cref="CodeUpdate"/> with the result as its code; a result the relay does
    /// not get from its own text (the sender drifted) is answered with the relay's text.
    /// </summary>
    public sealed record CodeEdits(Claims Claims, string SessionId, string? TextareaId, long BaseSeq, ImmutableArray<TextEdit> Edits, TextSum Sum)
        : ClientMessage
    {
        public override Claims Claimed => Claims;
    }

    /// <summary>A side whose text drifted (edits it could not apply, a checksum that did not match) asks for the session's whole text.</summary>
    public sealed record CodeRefresh(Claims Claims, string SessionId) : ClientMessage
    {
        public override Claims Claimed => Claims;
    }

    public sealed record SessionClosed(Claims Claims, string SessionId, string? Reason) : ClientMessage
    {
        public override Claims Claimed => Claims;
    }

    /// <summary>
    /// A tab says its page is being unloaded (<c>pagehide</c>, not kept in the back-forward cache): a
    /// reload or a close, which the page cannot tell apart. Unless the same client comes back within
    /// <see cref="Routing.RouterOptions.LeaveGracePeriodMs"/> (a reload does, with its stored id), its
    /// sessions end as <c>browser_gone</c> then, not after the whole grace period.
    /// </summary>
    public sealed record BrowserLeaving(Claims Claims) : ClientMessage
    {
        public override Claims Claimed => Claims;
    }

    public sealed record Ping(Claims Claims) : ClientMessage
    {
        public override Claims Claimed => Claims;
    }
}
