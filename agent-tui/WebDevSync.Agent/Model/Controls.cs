using System.Diagnostics;
using static WebDevSync.Agent.Model.AgentEvent;

namespace WebDevSync.Agent.Model;

/// <summary>The keys and signals: open again, close, reconnect, debug, help, selection, quit.</summary>
internal static class Controls
{
    public static AgentTransition Handle(AgentState s, AgentEvent e) => e switch
    {
        OpenAgain => s.SelectedSession is { } x
            ? SessionFlow.Launch(s, x, e.NowMs).Log(LogLevel.Info, $"session_reopened {LogText.Id(x.Id)} {x.FilePath}", e.NowMs)
            : AgentTransition.Of(s).Log(LogLevel.Info, "no session selected", e.NowMs),
        CloseSelected => s.SelectedSession is { } x
            ? AgentTransition.Of(s with { ConfirmingClose = x.Id })
            : AgentTransition.Of(s).Log(LogLevel.Info, "no session selected", e.NowMs),
        CloseAnswered a => Answered(s with { ConfirmingClose = null }, s.ConfirmingClose, a),
        SelectIndex i => AgentTransition.Of(s with { Selected = Math.Clamp(i.Index, 0, Math.Max(0, s.Sessions.Count - 1)) }),
        ReconnectNow => Connectivity.ReconnectNow(s, e.NowMs),
        ToggleDebug => AgentTransition.Of(s with { Debug = !s.Debug }).Log(LogLevel.Info, s.Debug ? "debug off" : "debug on", e.NowMs),
        ToggleHelp => AgentTransition.Of(s with { ShowHelp = !s.ShowHelp }),
        MoveSelection m => AgentTransition.Of(s with { Selected = Math.Clamp(s.Selected + m.Delta, 0, Math.Max(0, s.Sessions.Count - 1)) }),
        // q on the screen with sessions open asks first; Ctrl-C and signals quit at once (the same safe way).
        QuitRequested { Why: "q" } when !s.Sessions.IsEmpty && !s.Quitting => AgentTransition.Of(s with { ConfirmingQuit = true }),
        QuitRequested q => Quit(s, q),
        QuitAnswered a => a.Yes && s.ConfirmingQuit ? Quit(s with { ConfirmingQuit = false }, new QuitRequested("q", a.NowMs)) : AgentTransition.Of(s with { ConfirmingQuit = false }),
        _ => throw new UnreachableException(e.GetType().Name),
    };

    /// <summary>Yes closes the session the question was about (if it is still open), whatever is selected by now.</summary>
    private static AgentTransition Answered(AgentState s, string? asked, CloseAnswered a) =>
        a.Yes && asked is not null && s.Find(asked) is { } x
            ? SessionFlow.Close(AgentTransition.Of(s), x, "closed_by_user", a.NowMs)
            : AgentTransition.Of(s);

    /// <summary>Every open session is closed (told to the browser if the link is up), then the link, then the process.</summary>
    private static AgentTransition Quit(AgentState s, QuitRequested q)
    {
        if (s.Quitting) return AgentTransition.Of(s).Emit(new AgentEffect.Exit(0));
        var t = AgentTransition.Of(s).Log(LogLevel.Info, $"quit {LogText.Id(q.Why)}", q.NowMs)
            .ThenEach(s.Sessions, (st, x) => Keeping.CanKeep(st, x) && x.Phase != SessionPhase.Kept
                ? Keeping.Keep(SessionFlow.TellClosed(AgentTransition.Of(st), x.Id, "agent_exit"), x, "agent_exit", q.NowMs)
                : x.Phase == SessionPhase.Kept ? AgentTransition.Of(st)
                : SessionFlow.Close(AgentTransition.Of(st), x, "agent_exit", q.NowMs));
        return t.Map(st => st with { Quitting = true, Link = new LinkState.Stopped("quit"), PendingCloses = [] })
            .Emit(new AgentEffect.Disconnect(s.Attempt, "quit"))
            .Emit(new AgentEffect.Exit(0));
    }
}
