using System.Text;
using WebDevSync.Agent.Editors;
using WebDevSync.Agent.Files;
using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Agent.Model;

/// <summary>Edit sessions: a request becomes a file and an editor; saves become updates; an editor's exit ends it.</summary>
internal static class SessionFlow
{
    public static ClientMessage Update(AgentSession x) => new CodeUpdate(Claims.None, x.Id, x.TextareaId, x.Content);

    public static AgentTransition Open(AgentState s, ServerMessage.EditRequest r, long now)
    {
        var bytes = Encoding.UTF8.GetByteCount(r.Code);
        var id = LogText.Id(r.SessionId);
        if (bytes > s.Settings.MaxFileBytes)
            return SendClosed(AgentTransition.Of(s), r.SessionId, "too_large")
                .Log(LogLevel.Error, $"session_refused {id} too_large {bytes}", now);

        if (s.Find(r.SessionId) is { } open)
        {
            var again = open with { Content = r.Code, SizeBytes = bytes, TextareaId = r.TextareaId, BrowserConnectionId = r.BrowserConnectionId, SentHash = ContentHash.Of(r.Code), EndReason = null,
                Seq = Math.Max(open.Seq, r.Seq), Page = r.Page ?? open.Page };
            var t = AgentTransition.Of(s.Put(again))
                .Emit(open.Live == LiveState.On ? new AgentEffect.ApplyToEditor(open.Id, r.Code) : new AgentEffect.WriteFile(open.Id, open.FilePath, r.Code))
                .Log(LogLevel.Info, $"session_reopened {id} {open.FilePath}", now);
            if (open.RunningEditors > 0) return t;
            var (reopen, recent) = LaunchBudget.Admit(s.PageLaunchesMs, s.Settings.EditorLaunchesPerMinute, now);
            return reopen
                ? t.Map(st => st with { PageLaunchesMs = recent }).Then(st => open.Live == LiveState.On ? Launch(st, st.Find(open.Id)!, now) : LaunchWhenWritten(st, open.Id))
                : t.Log(LogLevel.Error, BudgetSpent(s, id) + "; press o to open it", now);
        }

        var (admitted, launches) = LaunchBudget.Admit(s.PageLaunchesMs, s.Settings.EditorLaunchesPerMinute, now);
        if (!admitted)
            return SendClosed(AgentTransition.Of(s), r.SessionId, "launch_budget").Log(LogLevel.Error, BudgetSpent(s, id), now);
        s = s with { PageLaunchesMs = launches };

        var name = FileNames.Unique(PageFileNames.For(r.Page?.Url, r.TextareaId, r.SessionId, r.FileType), s.Sessions.Select(x => x.FileName));
        var path = Path.Combine(s.Settings.TempDirectory, name);
        if (EditorCommand.Argv(s.Settings.EditorTemplate, path) is not { } argv)
            return SendClosed(AgentTransition.Of(s), r.SessionId, "editor_failed")
                .Log(LogLevel.Error, $"editor_failed {id} the editor command is empty or badly quoted", now);

        var kind = EditorCommand.Classify(argv, s.Settings.EditorKind, s.Settings.Surroundings.HasDisplay);
        var session = new AgentSession(r.SessionId, r.TextareaId, r.FileType, r.BrowserConnectionId, name, path, kind,
            SessionPhase.Opening, 0, r.Code, bytes, Saved: false, Unsent: false, SavesSent: 0, now, now, null)
            { SentHash = ContentHash.Of(r.Code), Seq = r.Seq, EditorSeq = r.Seq, Page = r.Page };
        return AgentTransition.Of(s.Put(session with { LaunchWhenWritten = true }))
            .Emit(new AgentEffect.WriteFile(session.Id, path, r.Code))
            .Log(LogLevel.Info, $"session_opened {id} {path}{(r.Page?.Url is { } url ? " from " + LogText.Text(url) : "")}", now);
    }

    private static AgentTransition LaunchWhenWritten(AgentState s, string sessionId) =>
        AgentTransition.Of(s.Put(s.Find(sessionId)! with { LaunchWhenWritten = true }));

    /// <summary>The file is there: the editor waiting for it starts.</summary>
    public static AgentTransition Written(AgentState s, AgentEvent.FileWritten w) =>
        s.Find(w.SessionId) is { LaunchWhenWritten: true } x ? Launch(s.Put(x with { LaunchWhenWritten = false }), x with { LaunchWhenWritten = false }, w.NowMs) : AgentTransition.Of(s);

    private static string BudgetSpent(AgentState s, string id) =>
        $"launch_refused {id} already {s.Settings.EditorLaunchesPerMinute} editors started for pages in the last minute (editorLaunchesPerMinute)";

    /// <summary>
    /// Starts (another) editor on the session's file, at the page's cursor; the first one of a live
    /// editor (Neovim, Vim) is linked live unless live editing is off.
    /// </summary>
    public static AgentTransition Launch(AgentState s, AgentSession x, long now)
    {
        if (x.Kind == EditorKind.Plugin) return PluginFlow.Launch(s, x, now);
        var argv = EditorCommand.Argv(s.Settings.EditorTemplate, x.FilePath)!.Value;
        var cursor = x.Page?.Selection is { } sel ? TextPosition.Of(x.Content, sel.Start) : null;
        argv = CursorArguments.At(argv, x.FilePath, cursor);
        if (!s.Settings.PageModelines) argv = PageTextIsData.Argv(argv, x.FilePath);
        var (liveArgv, live) = s.Settings.LiveEditing && x.Live == LiveState.Off
            ? LiveLaunch.With(argv, x.FilePath, x.Id, x.Content, now) : (argv, null);
        var plan = EditorCommand.Plan(liveArgv, x.Kind, s.Settings.Surroundings, $"wds:{FileNames.Stem(x.TextareaId)}");
        if (NoTerminal.Blocks(plan, s.Settings.Surroundings))
            return EditorFailed(s.Put(x with { RunningEditors = x.RunningEditors + 1 }), new AgentEvent.EditorFailed(x.Id, NoTerminal.Reason(Path.GetFileName(argv[0])), now));
        return AgentTransition.Of(s.Put(x with { Phase = SessionPhase.Opening, RunningEditors = x.RunningEditors + 1, EditorStartedAtMs = now,
                Live = live is null ? x.Live : LiveState.Waiting, Link = live ?? x.Link }))
            .Emit(new AgentEffect.LaunchEditor(x.Id, x.FilePath, plan, live));
    }

    public static AgentTransition Saved(AgentState s, string sessionId, string content, long now, bool reportUnchanged)
    {
        if (s.Find(sessionId) is not { } x) return AgentTransition.Of(s);
        var id = LogText.Id(x.Id);
        if (content == x.Content)
            return reportUnchanged ? AgentTransition.Of(s).Log(LogLevel.Info, $"save_unchanged {id}", now) : AgentTransition.Of(s);
        var bytes = Encoding.UTF8.GetByteCount(content);
        if (bytes > s.Settings.MaxFileBytes)
            return AgentTransition.Of(s).Log(LogLevel.Error, $"save_too_large {id} {bytes} (limit {s.Settings.MaxFileBytes})", now);

        x = x with { Content = content, SizeBytes = bytes, Saved = true };
        if (!s.IsConnected)
            return AgentTransition.Of(s.Put(x with { Unsent = true })).Log(LogLevel.Info, $"update_queued {id} {bytes}", now);
        x = x with { Unsent = false, SavesSent = x.SavesSent + 1, LastSyncMs = now, SentHash = ContentHash.Of(content) };
        return AgentTransition.Of(s.Put(x))
            .Emit(new AgentEffect.Send(s.Attempt, Update(x)))
            .Log(LogLevel.Info, $"update_sent {id} {bytes}", now);
    }

    public static AgentTransition Rejected(AgentState s, AgentEvent.FileRejected f) =>
        s.Find(f.SessionId) is null ? AgentTransition.Of(s)
            : AgentTransition.Of(s).Log(LogLevel.Error, $"save_rejected {LogText.Id(f.SessionId)} {LogText.Text(f.Reason)}", f.NowMs);

    public static AgentTransition WriteFailed(AgentState s, AgentEvent.FileWriteFailed f) =>
        s.Find(f.SessionId) is not { } x ? AgentTransition.Of(s)
            : Close(AgentTransition.Of(s).Log(LogLevel.Error, $"file_failed {LogText.Id(x.Id)} {LogText.Text(f.Reason)}", f.NowMs), x, "file_failed", f.NowMs);

    public static AgentTransition EditorStarted(AgentState s, AgentEvent.EditorStarted e) =>
        s.Find(e.SessionId) is not { } x ? AgentTransition.Of(s)
            : AgentTransition.Of(s.Put(x with { Phase = SessionPhase.Editing, EditorStartedAtMs = e.NowMs, Editor = e.Editor ?? x.Editor, EditorName = e.Description, EndReason = null }))
                .Log(LogLevel.Info, $"editor_started {LogText.Id(x.Id)} {LogText.Text(e.Description)}", e.NowMs);

    public static AgentTransition EditorFailed(AgentState s, AgentEvent.EditorFailed e)
    {
        if (s.Find(e.SessionId) is not { } x) return AgentTransition.Of(s);
        x = x with { RunningEditors = Math.Max(0, x.RunningEditors - 1) };
        var t = AgentTransition.Of(s.Put(x)).Log(LogLevel.Error, $"editor_failed {LogText.Id(x.Id)} {LogText.Text(e.Reason)}", e.NowMs);
        return x.RunningEditors > 0 || x.Phase == SessionPhase.Detached ? t : Close(t, x, "editor_failed", e.NowMs);
    }

    /// <summary>
    /// An editor ended: first its last save (if the watcher has not reported it yet), then the session
    /// closes — unless another editor still has the file, or a GUI editor merely handed the file over.
    /// </summary>
    public static AgentTransition EditorExited(AgentState s, AgentEvent.EditorExited e)
    {
        if (s.Find(e.SessionId) is null) return AgentTransition.Of(s);
        var t = e.FinalContent is { } final ? Saved(s, e.SessionId, final, e.NowMs, reportUnchanged: false) : AgentTransition.Of(s);
        var x = t.State.Find(e.SessionId)!;
        x = x with { RunningEditors = Math.Max(0, x.RunningEditors - 1) };
        var id = LogText.Id(x.Id);
        var quick = e.NowMs - x.EditorStartedAtMs < s.Settings.DetachThresholdMs && !x.Saved;
        t = t.With(t.State.Put(x));
        if (x.RunningEditors > 0)
            return t.Log(LogLevel.Info, $"editor_exited {id} {e.ExitCode}", e.NowMs);
        if (quick && e.ExitCode != 0)
            return Close(t.Log(LogLevel.Error, $"editor_failed {id} exit code {e.ExitCode}", e.NowMs), x, "editor_failed", e.NowMs);
        if (quick && x.Kind == EditorKind.Gui)
            return t.With(t.State.Put(x with { Phase = SessionPhase.Detached }))
                .Log(LogLevel.Info, $"editor_detached {id} (the editor returned at once; press c to close the session)", e.NowMs);
        return Close(t, x, "editor_exited", e.NowMs);
    }

    public static AgentTransition ClosedByServer(AgentState s, ServerMessage.SessionClosed c, long now)
    {
        var rest = s with { PendingCloses = s.PendingCloses.RemoveAll(p => p.SessionId == c.SessionId) };
        if (rest.Find(c.SessionId) is { } held && Keeping.CanKeep(rest, held))
            return Keeping.Keep(AgentTransition.Of(rest).Log(LogLevel.Info, $"session_closed {LogText.Id(held.Id)} {LogText.Id(c.Reason)}", now), held, c.Reason, now);
        if (rest.Find(c.SessionId) is { } field && Keeping.CanKeepField(rest, field))
            return Keeping.KeepField(AgentTransition.Of(rest).Log(LogLevel.Info, $"session_closed {LogText.Id(field.Id)} {LogText.Id(c.Reason)}", now), field, c.Reason, now);
        return rest.Find(c.SessionId) is not { } x
            ? AgentTransition.Of(rest).Log(LogLevel.Debug, $"closed_unknown {LogText.Id(c.SessionId)}", now)
            : AgentTransition.Of(rest.Without(x.Id))
                .Emit(new AgentEffect.DeleteFile(x.Id, x.FilePath))
                .Log(LogLevel.Info, $"session_closed {LogText.Id(x.Id)} {LogText.Id(c.Reason)}", now);
    }

    public static AgentTransition ServerError(AgentState s, ServerMessage.Error err, long now)
    {
        var t = AgentTransition.Of(s).Log(LogLevel.Error,
            $"server_error {err.Code.Wire()} {LogText.Text(err.Message)}{(err.SessionId is null ? "" : " " + LogText.Id(err.SessionId))}", now);
        return err is { Code: ErrorCode.SessionNotFound, SessionId: { } sid } && s.Find(sid) is { } x
            ? t.Map(st => st.Without(x.Id)).Emit(new AgentEffect.DeleteFile(x.Id, x.FilePath))
                .Log(LogLevel.Info, $"session_closed {LogText.Id(x.Id)} session_not_found", now)
            : t;
    }

    /// <summary>Ends a session here: the file goes, the browser is told (now, or after reconnect).</summary>
    public static AgentTransition Close(AgentTransition t, AgentSession x, string reason, long now) =>
        SendClosed(t.Map(st => st.Without(x.Id)).Emit(new AgentEffect.DeleteFile(x.Id, x.FilePath)), x.Id, reason)
            .Log(LogLevel.Info, $"session_closed {LogText.Id(x.Id)} {reason}", now);

    /// <summary>Tells the browser a session ended here (now, or after reconnect), leaving the file alone.</summary>
    public static AgentTransition TellClosed(AgentTransition t, string sessionId, string reason) => SendClosed(t, sessionId, reason);

    private static AgentTransition SendClosed(AgentTransition t, string sessionId, string reason) =>
        t.State.IsConnected
            ? t.Emit(new AgentEffect.Send(t.State.Attempt, new SessionClosed(Claims.None, sessionId, reason)))
            : t.Map(st => st with { PendingCloses = st.PendingCloses.Add(new PendingClose(sessionId, reason)) });
}
