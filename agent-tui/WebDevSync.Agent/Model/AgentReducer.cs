using System.Diagnostics;
using WebDevSync.Core.Protocol;
using static WebDevSync.Agent.Model.AgentEvent;

namespace WebDevSync.Agent.Model;

/// <summary>
/// The agent's state machine: one pure step from (state, event) to (state, effects). The shell feeds
/// it network frames, file saves, editor exits, keys and the clock, and carries out what it returns.
/// </summary>
public static class AgentReducer
{
    public static AgentTransition Step(AgentState state, AgentEvent e) => Persisted(state, Dispatch(state, e));

    private static AgentTransition Dispatch(AgentState state, AgentEvent e)
    {
        var s = state with { NowMs = Math.Max(state.NowMs, e.NowMs) };
        return e switch
        {
            Started => Connectivity.Connect(s, e.NowMs),
            Resumed r => TakeBack.Sessions(s, r),
            Tick => Connectivity.Tick(s, e.NowMs),
            LinkOpened o => Connectivity.Opened(s, o),
            LinkClosed c => Connectivity.Closed(s, c),
            Received r when r.Attempt != s.Attempt => AgentTransition.Of(s),
            Received r => OnMessage(s, r.Message, r.NowMs),
            ReceivedInvalid i => AgentTransition.Of(s).Log(LogLevel.Error, $"bad_frame {i.Reason}", i.NowMs),
            // A kept session (its tab is gone) sends nothing: its editor's saves go to the kept file.
            FileSaved f when Keeping.IsKept(s, f.SessionId) => Keeping.Saved(s, f.SessionId, f.Content, f.NowMs),
            BufferChanged b when Keeping.IsKept(s, b.SessionId) => AgentTransition.Of(s),
            EditorStarted x when Keeping.IsKept(s, x.SessionId) => Keeping.EditorStarted(s, x),
            EditorExited x when Keeping.IsKept(s, x.SessionId) => Keeping.Ended(s, x.SessionId, x.FinalContent, x.NowMs),
            EditorFailed x when Keeping.IsKept(s, x.SessionId) => Keeping.Ended(s, x.SessionId, null, x.NowMs),
            FileWriteFailed f when Keeping.IsKept(s, f.SessionId) => AgentTransition.Of(s).Log(LogLevel.Error, $"kept_not_written {LogText.Id(f.SessionId)} {LogText.Text(f.Reason)}", f.NowMs),
            FileSaved f => SessionFlow.Saved(s, f.SessionId, f.Content, f.NowMs, reportUnchanged: true),
            FileRejected f => SessionFlow.Rejected(s, f),
            FileWriteFailed f => SessionFlow.WriteFailed(s, f),
            FileWritten w => SessionFlow.Written(s, w),
            StateSaveFailed f => AgentTransition.Of(s).Log(LogLevel.Error, $"state_not_saved {LogText.Text(f.Reason)}", f.NowMs),
            EditorStarted x => SessionFlow.EditorStarted(s, x),
            EditorFailed x => SessionFlow.EditorFailed(s, x),
            EditorExited x => SessionFlow.EditorExited(s, x),
            BufferChanged b => LiveFlow.BufferChanged(s, b),
            LiveAttached a => LiveFlow.Attached(s, a),
            EditorApplied a => LiveFlow.Applied(s, a),
            LiveEnded x => LiveFlow.Ended(s, x),
            PageChangeNotWritten n => LiveFlow.NotWritten(s, n),
            OpenAgain or CloseSelected or CloseAnswered or SelectIndex or ReconnectNow or ToggleDebug or ToggleHelp or MoveSelection or QuitRequested or QuitAnswered =>
                Controls.Handle(s, e),
            _ => throw new UnreachableException(e.GetType().Name),
        };
    }

    /// <summary>Every step that changes what a restarted agent would need ends with the state file written.</summary>
    private static AgentTransition Persisted(AgentState before, AgentTransition t)
    {
        if (ReferenceEquals(before.Sessions, t.State.Sessions)) return t;
        var snapshot = AgentSnapshot.Of(t.State);
        if (snapshot.SameAs(AgentSnapshot.Of(before))) return t;
        var exit = t.Effects.IndexOf(t.Effects.FirstOrDefault(x => x is AgentEffect.Exit)!);
        return t with { Effects = t.Effects.Insert(exit < 0 ? t.Effects.Length : exit, new AgentEffect.SaveState(snapshot)) };
    }

    private static AgentTransition OnMessage(AgentState s, ServerMessage m, long now) => m switch
    {
        ServerMessage.ConnectionAck => AgentTransition.Of(s with { Failures = 0 }).Log(LogLevel.Info, "connected", now),
        ServerMessage.Pong => AgentTransition.Of(s with { PingSentAtMs = null }),
        ServerMessage.EditRequest r => SessionFlow.Open(s, r, now),
        ServerMessage.SessionClosed c => SessionFlow.ClosedByServer(s, c, now),
        // A connection-level FORBIDDEN answers the desktop_connect (a token for another user, an id another client holds).
        ServerMessage.Error { Code: ErrorCode.Forbidden, SessionId: null } err => Refused.ConnectRefused(s, new RelayRefusal(403, err.Message), now),
        ServerMessage.Error err => SessionFlow.ServerError(s, err, now),
        ServerMessage.CodeUpdate u => LiveFlow.PageChanged(s, u, now),
        ServerMessage.CodeEdits e => LiveEdits.PageEdited(s, e, now),
        ServerMessage.CodeAck a => LiveFlow.Acked(s, a),
        ServerMessage.CodeOvertaken o => LiveFlow.Overtaken(s, o, now),
        ServerMessage.CodeMerged g => LiveFlow.Merged(s, g, now),
        ServerMessage.DesktopStatus => AgentTransition.Of(s).Log(LogLevel.Debug, $"ignored {m.GetType().Name}", now),
        _ => throw new UnreachableException(m.GetType().Name),
    };
}
