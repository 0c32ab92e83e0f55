using System.Diagnostics;
using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Routing;

/// <summary>
/// The routing state machine: one pure step from (state, input) to (state, effects).
/// Every client message yields exactly one outcome: a delivery (or, for a browser that is away,
/// an update kept for its return) or one <c>error</c> to its sender.
/// </summary>
public static class Router
{
    public static Transition Step(RouterState state, Input input) => HeldCode.Recount(state, Dispatch(state, input), input);

    private static Transition Dispatch(RouterState state, Input input) => input switch
    {
        Input.Message m => OnMessage(state, m),
        Input.Invalid i => Replies.Fail(state, i.Conn, i.Code, i.Detail, i.SessionId),
        Input.Opened o => ConnectDeadlines.Open(state, o.Conn, o.NowMs),
        Input.Disconnected d => Presence.Drop(ConnectDeadlines.Forget(state, d.Conn), d.Conn, d.NowMs),
        Input.Tick t => ConnectDeadlines.CloseOverdue(state, t.NowMs).Then(s => Expiry.Tick(s, t.NowMs)),
        _ => throw new UnreachableException(input.GetType().Name),
    };

    private static Transition OnMessage(RouterState state, Input.Message m)
    {
        var conn = state.Connections.GetValueOrDefault(m.Conn);
        var s = conn is null ? state : Presence.Touch(state, conn, m.NowMs);
        var foreign = m.Foreign ?? ForeignIds.None;
        return m.Body switch
        {
            Ping => Transition.Of(s).Send(m.Conn, new ServerMessage.Pong()),
            BrowserConnect or DesktopConnect when conn is not null => Connects.Repeated(s, conn, m.Body),
            BrowserConnect b => Connects.Browser(s, m.Conn, b, m.AuthUser, foreign, m.NowMs),
            DesktopConnect d => Connects.Agent(s, m.Conn, d, m.AuthUser, foreign, m.NowMs),
            _ when conn is null => Replies.Fail(s, m.Conn, ErrorCode.NotConnected,
                "Send browser_connect or desktop_connect first"),
            _ when !Replies.ClaimsMatch(conn, m.Body.Claimed) => Replies.Fail(s, conn, ErrorCode.Forbidden,
                "connectionId and userId are fixed by the connect message"),
            EditRequest e => Sessions.Open(s, conn, e, foreign, m.NowMs, m.HeldElsewhere),
            CodeUpdate u => Sessions.Update(s, conn, u.SessionId, Proposed.Whole(u), foreign, m.NowMs, m.HeldElsewhere),
            CodeEdits e => Sessions.Update(s, conn, e.SessionId, Proposed.ByEdits(e), foreign, m.NowMs, m.HeldElsewhere),
            CodeRefresh r => Sessions.Refresh(s, conn, r, foreign),
            SessionClosed c => Sessions.CloseByClient(s, conn, c, foreign),
            BrowserLeaving => Leaving.Mark(s, conn),
            _ => throw new UnreachableException(m.Body.GetType().Name),
        };
    }
}
