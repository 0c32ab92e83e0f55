using System.Text;

namespace WebDevSync.Agent.Model;

/// <summary>
/// An editor's text is never thrown away. When a session's tab is gone for good (the relay closed the
/// session) or the agent quits while an editor still has the file, the file stays where the editor has
/// it, its text is copied to a kept file under the state directory (<see cref="AgentSettings.KeptDirectory"/>),
/// and every later save is copied there too until the editor exits. Nothing more goes to the relay.
/// </summary>
internal static class Keeping
{
    /// <summary>An editor has the file: a running one, or a GUI editor that took it and returned.</summary>
    public static bool EditorHolds(AgentSession x) => x.RunningEditors > 0 || x.Phase == SessionPhase.Detached;

    /// <summary>
    /// A GhostText plugin's field is no file the editor could save again: the plugin owns that buffer, so the
    /// session ends with its field (closing it) rather than being kept.
    /// </summary>
    public static bool CanKeep(AgentState s, AgentSession x) =>
        s.Settings.KeptDirectory is not null && x.Kind != Editors.EditorKind.Plugin && EditorHolds(x);

    /// <summary>
    /// A GhostText plugin's open field, whose text the agent has (the plugin sends the whole text on every
    /// change): when its tab is gone that last text is kept (<see cref="KeepField"/>), then the field closes.
    /// </summary>
    public static bool CanKeepField(AgentState s, AgentSession x) =>
        s.Settings.KeptDirectory is not null && x.Kind == Editors.EditorKind.Plugin && x.Live == LiveState.On;

    /// <summary>
    /// The field's last text goes to the kept file and the session ends, closing the field (the plugin owns
    /// that buffer, and atomic-chrome kills it on close: keeping the field open would leave a buffer no save
    /// of which reaches anything).
    /// </summary>
    public static AgentTransition KeepField(AgentTransition t, AgentSession x, string why, long now)
    {
        var path = Path.Combine(t.State.Settings.KeptDirectory!, x.FileName);
        return t.Map(st => st.Without(x.Id))
            .Emit(new AgentEffect.KeepFile(x.Id, path, x.Content))
            .Emit(new AgentEffect.DeleteFile(x.Id, x.FilePath))
            .Log(LogLevel.Info, $"session_kept {LogText.Id(x.Id)} {LogText.Id(why)}: the GhostText field's last text is kept in {path}; the field closes", now);
    }

    public static bool IsKept(AgentState s, string sessionId) => s.Find(sessionId) is { Phase: SessionPhase.Kept };

    /// <summary>The session becomes kept: its text copied to the kept file, and the user told where.</summary>
    public static AgentTransition Keep(AgentTransition t, AgentSession x, string why, long now)
    {
        var path = Path.Combine(t.State.Settings.KeptDirectory!, x.FileName);
        var kept = t.Map(st => st.Put(x with { Phase = SessionPhase.Kept, KeptPath = path, Unsent = false, EndReason = null }))
            .Emit(new AgentEffect.KeepFile(x.Id, path, x.Content));
        // Other editors learn it from the screen and the log.
        if (x.Live == LiveState.On)
            kept = kept.Emit(new AgentEffect.NotifyEditor(x.Id, why == "agent_exit"
                ? $"the agent quit; keep editing: :w saves here and is kept in {path}"
                : $"the page is gone ({LogText.Id(why)}); keep editing: :w saves here and is kept in {path}"));
        return kept
            .Log(LogLevel.Info, $"session_kept {LogText.Id(x.Id)} {LogText.Id(why)}: the text is kept in {path}; the editor's saves go there until it exits", now);
    }

    /// <summary>An editor's start reported after its session was kept (the tab went first): noted, and the session stays kept.</summary>
    public static AgentTransition EditorStarted(AgentState s, AgentEvent.EditorStarted e)
    {
        var x = s.Find(e.SessionId)!;
        return AgentTransition.Of(s.Put(x with { Editor = e.Editor ?? x.Editor, EditorName = e.Description, EditorStartedAtMs = e.NowMs }))
            .Log(LogLevel.Info, $"editor_started {LogText.Id(x.Id)} {LogText.Text(e.Description)}", e.NowMs);
    }

    public static AgentTransition Saved(AgentState s, string sessionId, string content, long now)
    {
        var x = s.Find(sessionId)!;
        if (content == x.Content) return AgentTransition.Of(s);
        var bytes = Encoding.UTF8.GetByteCount(content);
        return AgentTransition.Of(s.Put(x with { Content = content, SizeBytes = bytes, Saved = true }))
            .Emit(new AgentEffect.KeepFile(x.Id, x.KeptPath!, content))
            .Log(LogLevel.Info, $"kept_saved {LogText.Id(x.Id)} {bytes} {x.KeptPath}", now);
    }

    /// <summary>
    /// A kept session an earlier agent left (it quit, or died, while the editor ran): followed again if
    /// its editor still runs; otherwise its file's last text goes to the kept file and the file goes.
    /// Never announced: its tab is gone.
    /// </summary>
    public static AgentTransition Resumed(AgentState s, ResumedSession r, long now)
    {
        var p = r.Saved;
        var id = LogText.Id(p.Id);
        if (r.Content is not { } content)
            return AgentTransition.Of(s).Log(LogLevel.Info, $"session_ended {id} its text is kept in {p.KeptPath}", now);
        var following = r.EditorRunning && p.Editor is not null;
        var x = new AgentSession(p.Id, p.TextareaId, p.FileType, p.BrowserConnectionId, p.FileName, p.FilePath, p.Kind,
            SessionPhase.Kept, following ? 1 : 0, content, Encoding.UTF8.GetByteCount(content), Saved: true, Unsent: false, p.SentSeq, p.OpenedAtMs, 0, null)
        { Editor = p.Editor, KeptPath = p.KeptPath, SentHash = p.SentHash, EditorName = following ? $"pid {p.Editor!.Pid} (resumed)" : null };
        var t = AgentTransition.Of(s.Put(x)).Emit(new AgentEffect.KeepFile(x.Id, p.KeptPath!, content));
        if (!following) return t.Then(st => Ended(st, x.Id, null, now));
        return t.Emit(new AgentEffect.WatchFile(x.Id, x.FilePath, content)).Emit(new AgentEffect.FollowEditor(x.Id, x.FilePath, p.Editor!))
            .Log(LogLevel.Info, $"session_resumed {id} kept in {p.KeptPath}, editor pid {p.Editor!.Pid}", now);
    }

    /// <summary>The editor is done: its last text is in the kept file, the temp file goes.</summary>
    public static AgentTransition Ended(AgentState s, string sessionId, string? finalContent, long now)
    {
        var t = finalContent is { } final ? Saved(s, sessionId, final, now) : AgentTransition.Of(s);
        var x = t.State.Find(sessionId)!;
        if (x.RunningEditors > 1) return t.Map(st => st.Put(x with { RunningEditors = x.RunningEditors - 1 }));
        return t.Map(st => st.Without(x.Id))
            .Emit(new AgentEffect.DeleteFile(x.Id, x.FilePath))
            .Log(LogLevel.Info, $"session_ended {LogText.Id(x.Id)} its text is kept in {x.KeptPath}", now);
    }
}
