namespace WebDevSync.Core.Tests.Examples;

/// <summary>The inputs and effects specifications are written in: sockets by number, times from the relay's clock.</summary>
public static class Inputs
{
    public static Act Browser(long conn, string user, string clientId, params SessionCursor[] resume) => r => r.Browser(conn, user, clientId, resume);

    public static Act Desktop(long conn, string user, string clientId, params AnnouncedSession[] open) => r => r.Desktop(conn, user, clientId, open);

    public static Act Edit(long conn, string sessionId, string code, string textareaId = "code-1", Claims? claims = null) => r => r.Edit(conn, sessionId, code, textareaId, claims);

    public static Act Update(long conn, string sessionId, string code, Claims? claims = null) => r => r.Update(conn, sessionId, code, claims);

    public static Act Change(long conn, string sessionId, string code, long baseSeq) => r => r.Change(conn, sessionId, code, baseSeq);

    public static Act Close(long conn, string sessionId, string? reason = "editor_exited") => r => r.Close(conn, sessionId, reason);

    public static Act Ping(long conn) => r => r.Ping(conn);

    public static Act Garbage(long conn, ErrorCode code) => r => r.Garbage(conn, code);

    public static Act Drop(long conn) => r => r.Drop(conn);

    public static Act Tick() => r => r.Tick();

    /// <summary>A transport opened socket <paramref name="conn"/> (the connect deadline starts).</summary>
    public static Act Opened(long conn) => r => r.Step(new Input.Opened(new ConnId(conn), r.Now));

    public static Act Send(long conn, ClientMessage body, string? authUser = null, ForeignIds? foreign = null) => r => r.Send(conn, body, authUser, foreign);

    /// <summary>Time passes; no input.</summary>
    public static Act Wait(long ms) => r => r.Advance(ms);

    /// <summary>The same input, <paramref name="ms"/> later.</summary>
    public static Act After(this Act act, long ms) => r => act(r.Advance(ms));

    public static Effect Sent(long conn, ServerMessage message) => new Effect.Send(new ConnId(conn), message);

    public static Effect Closed(long conn, CloseReason reason) => new Effect.Close(new ConnId(conn), reason);

    public static Effect Accepted(long conn, Role role, string user) => new Effect.Accepted(new ConnId(conn), role, user);
}
