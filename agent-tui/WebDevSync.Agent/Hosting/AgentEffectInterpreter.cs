using System.Diagnostics;
using WebDevSync.Agent.Connection;
using WebDevSync.Agent.Editors;
using WebDevSync.Agent.Files;
using WebDevSync.Agent.Live;
using WebDevSync.Agent.Live.Plugin;
using WebDevSync.Agent.Model;
using WebDevSync.Agent.State;

namespace WebDevSync.Agent.Hosting;

/// <summary>The one switch that turns the reducer's effects into I/O. Returns the exit code once asked to exit.</summary>
public sealed class AgentEffectInterpreter(LinkDriver link, DirectoryWatcher watcher, EditorLauncher editors, LiveLinks live, GhostTextEditors plugins, StateFile state, Action<AgentEvent> post, Func<long> clock)
{
    public int? Run(AgentEffect effect)
    {
        switch (effect)
        {
            case AgentEffect.Connect c:
                link.Connect(c.Attempt);
                break;
            case AgentEffect.Disconnect d:
                link.Disconnect(d.Attempt);
                break;
            case AgentEffect.Send s:
                link.Send(s.Attempt, s.Message);
                break;
            case AgentEffect.WriteFile w:
                Write(w);
                break;
            case AgentEffect.LaunchEditor l:
                if (l.Live is { } liveLink) live.Start(l.SessionId, liveLink);
                editors.Launch(l.SessionId, l.Path, l.Plan);
                break;
            case AgentEffect.OpenGhostText g:
                plugins.Open(g.SessionId, g.Port, g.Field);
                break;
            case AgentEffect.ApplyToEditor a:
                live.Apply(a.SessionId, a.Content);
                plugins.Apply(a.SessionId, a.Content);
                break;
            case AgentEffect.RewriteFile r:
                Rewrite(r);
                break;
            case AgentEffect.WatchFile w:
                watcher.Watch(w.SessionId, w.Path, FileStamp.Of(w.Path), w.Content);
                break;
            case AgentEffect.FollowEditor f:
                editors.Follow(f.SessionId, f.Path, f.Editor);
                break;
            case AgentEffect.Relink r:
                live.Start(r.SessionId, r.Link);
                break;
            case AgentEffect.SaveState s:
                Save(s.Snapshot);
                break;
            case AgentEffect.DeleteFile d:
                live.Stop(d.SessionId);
                plugins.Stop(d.SessionId);
                watcher.Unwatch(d.Path);
                PrivateDirectory.Delete(d.Path);
                break;
            case AgentEffect.NotifyEditor n:
                live.Notice(n.SessionId, n.Text);
                break;
            case AgentEffect.KeepFile k:
                Keep(k);
                break;
            case AgentEffect.Exit x:
                return x.Code;
            default:
                throw new UnreachableException(effect.GetType().Name);
        }
        return null;
    }

    private void Save(AgentSnapshot snapshot)
    {
        try
        {
            state.Save(snapshot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            post(new AgentEvent.StateSaveFailed($"{state.Path}: {e.GetType().Name}", clock()));
        }
    }

    /// <summary>A page change for a save-based editor: rewritten only when the file holds nothing unsent; the watcher is told it was us.</summary>
    private void Rewrite(AgentEffect.RewriteFile r)
    {
        switch (AtomicRewrite.IfUnchanged(r.Path, r.Expected, r.Content))
        {
            case RewriteOutcome.Rewritten:
                watcher.Watch(r.SessionId, r.Path, FileStamp.Of(r.Path));
                break;
            case RewriteOutcome.HoldsUnsent:
                post(new AgentEvent.PageChangeNotWritten(r.SessionId, "the file holds a save not yet sent", clock()));
                break;
            default:
                post(new AgentEvent.PageChangeNotWritten(r.SessionId, "the file could not be written", clock()));
                break;
        }
    }

    /// <summary>The kept copy of a session whose tab is gone: written aside and renamed, 0600 in a 0700 directory.</summary>
    private void Keep(AgentEffect.KeepFile k)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(k.Path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            PrivateDirectory.Write(k.Path, k.Content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            post(new AgentEvent.FileWriteFailed(k.SessionId, $"kept file {k.Path}: {e.GetType().Name}", clock()));
        }
    }

    private void Write(AgentEffect.WriteFile w)
    {
        try
        {
            PrivateDirectory.Write(w.Path, w.Content);
            watcher.Watch(w.SessionId, w.Path, FileStamp.Of(w.Path), w.Content);
            post(new AgentEvent.FileWritten(w.SessionId, clock()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            post(new AgentEvent.FileWriteFailed(w.SessionId, e.GetType().Name, clock()));
        }
    }
}
