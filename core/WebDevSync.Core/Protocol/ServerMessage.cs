namespace WebDevSync.Core.Protocol;

/// <summary>Every message the server sends. A closed set; transports encode it.</summary>
public abstract record ServerMessage
{
    private ServerMessage() { }

    /// <summary>Seed: <c>{"type":"connection_ack","connectionId":…,"status":"connected"}</c>.</summary>
    public sealed record ConnectionAck(string ConnectionId, Role Role, string UserId) : ServerMessage;

    /// <summary>Whether the user has at least one agent connected.</summary>
    public sealed record DesktopStatus(bool Connected) : ServerMessage;

    /// <summary>An edit request forwarded to an agent.</summary>
    public sealed record EditRequest(string SessionId, string TextareaId, string Code, string FileType, string BrowserConnectionId, long Seq) : ServerMessage;

    /// <summary>A saved update forwarded to the browser tab that opened the session.</summary>
    public sealed record CodeUpdate(string SessionId, string TextareaId, string Code, long Seq) : ServerMessage;

    /// <summary>The session ended; <see cref="Reason"/> says why (editor closed, expired, …).</summary>
    public sealed record SessionClosed(string SessionId, string? TextareaId, string Reason) : ServerMessage;

    public sealed record Error(ErrorCode Code, string Message, string? ConnectionId, string? SessionId) : ServerMessage;

    public sealed record Pong : ServerMessage;
}
