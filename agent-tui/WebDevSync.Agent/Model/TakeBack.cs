using System.Text;
using WebDevSync.Agent.Files;

namespace WebDevSync.Agent.Model;

/// <summary>
/// An agent started again after one of the same user and relay died: the sessions it left are taken
/// back. A session whose file is gone can only be closed; one whose editor still runs is watched and
/// its editor followed; one whose editor is gone gets its content sent and is then closed.
/// </summary>
internal static class TakeBack
{
    public const string FileGoneReason = "file_gone";

    public static AgentTransition Sessions(AgentState s, AgentEvent.Resumed e) =>
        AgentTransition.Of(s).ThenEach(e.Sessions, (st, r) => One(st, r, e.NowMs));

    private static AgentTransition One(AgentState s, ResumedSession r, long now)
    {
        var p = r.Saved;
        var id = LogText.Id(p.Id);
        if (s.Find(p.Id) is not null) return AgentTransition.Of(s);
        if (p.KeptPath is not null) return Keeping.Resumed(s, r, now);
        if (p.Kind == Editors.EditorKind.Plugin) return PluginFlow.Resumed(s, p, now);
        if (r.Content is not { } content)
            return AgentTransition.Of(s with { PendingCloses = s.PendingCloses.Add(new PendingClose(p.Id, FileGoneReason)) })
                .Log(LogLevel.Error, $"session_lost {id} its file is gone", now);

        var changed = ContentHash.Of(content) != p.SentHash;
        var following = r.EditorRunning && p.Editor is not null;
        var link = following && s.Settings.LiveEditing ? p.Link?.For(p.FilePath, content) : null;
        var session = new AgentSession(p.Id, p.TextareaId, p.FileType, p.BrowserConnectionId, p.FileName, p.FilePath, p.Kind,
            following ? SessionPhase.Editing : SessionPhase.Detached, following ? 1 : 0, content, Encoding.UTF8.GetByteCount(content),
            Saved: true, Unsent: changed, SavesSent: p.SentSeq, p.OpenedAtMs, EditorStartedAtMs: 0, LastSyncMs: null)
        {
            Editor = following ? p.Editor : null,
            EditorName = following ? $"pid {p.Editor!.Pid} (resumed)" : null,
            SentHash = p.SentHash,
            EndReason = following ? null : "editor_exited",
            Live = link is null ? LiveState.Off : LiveState.Waiting,
            Link = link,
        };
        var t = AgentTransition.Of(s.Put(session)).Log(LogLevel.Info,
            $"session_resumed {id} {p.FilePath}{(changed ? " (saved while no agent ran)" : "")}{(following ? $" editor pid {p.Editor!.Pid}" : " (editor gone)")}", now);
        t = t.Emit(new AgentEffect.WatchFile(p.Id, p.FilePath, content));
        if (following) t = t.Emit(new AgentEffect.FollowEditor(p.Id, p.FilePath, p.Editor!));
        return link is null ? t : t.Emit(new AgentEffect.Relink(p.Id, link)); // live again, not save-only
    }

    /// <summary>After a link's announce and resends: restored sessions whose editor is gone end now that the tab has their content.</summary>
    public static AgentTransition EndFinished(AgentTransition t, long now) =>
        t.ThenEach(t.State.Sessions.Where(x => x.EndReason is not null).ToList(),
            (st, x) => SessionFlow.Close(AgentTransition.Of(st), x, x.EndReason!, now));
}
