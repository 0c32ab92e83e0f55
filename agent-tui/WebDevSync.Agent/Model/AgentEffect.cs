using WebDevSync.Agent.Editors;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Agent.Model;

/// <summary>What the reducer asks the shell to do. A closed set, interpreted in one switch.</summary>
public abstract record AgentEffect
{
    private AgentEffect() { }

    /// <summary>Open a new link, numbered <paramref name="Attempt"/>; any older link is dropped.</summary>
    public sealed record Connect(int Attempt) : AgentEffect;

    /// <summary>Drop link <paramref name="Attempt"/> (heartbeat lost, reconnect asked for, quitting).</summary>
    public sealed record Disconnect(int Attempt, string Reason) : AgentEffect;

    /// <summary>Send on link <paramref name="Attempt"/>; dropped if that link is gone (the reducer resends after reconnect).</summary>
    public sealed record Send(int Attempt, ClientMessage Message) : AgentEffect;

    /// <summary>Write the session's file (mode 0600) and start watching it.</summary>
    public sealed record WriteFile(string SessionId, string Path, string Content) : AgentEffect;

    /// <summary>Start the editor; with <paramref name="Live"/>, link it live (set up before the editor starts).</summary>
    public sealed record LaunchEditor(string SessionId, string Path, LaunchPlan Plan, LiveLink? Live = null) : AgentEffect;

    /// <summary>Connect to the GhostText plugin on <paramref name="Port"/> and open the field there (no process is started).</summary>
    public sealed record OpenGhostText(string SessionId, int Port, GhostTextField Field) : AgentEffect;

    /// <summary>Put the page's text into the live editor's buffer.</summary>
    public sealed record ApplyToEditor(string SessionId, string Content) : AgentEffect;

    /// <summary>Write the page's text to a save-based editor's file, atomically, only if the file still holds <paramref name="Expected"/>.</summary>
    public sealed record RewriteFile(string SessionId, string Path, string Expected, string Content) : AgentEffect;

    /// <summary>Watch a file that is already there (a session restored after a restart); <paramref name="Content"/> is what was read of it.</summary>
    public sealed record WatchFile(string SessionId, string Path, string Content) : AgentEffect;

    /// <summary>Wait for an editor an earlier agent started (same pid and start time) and report its exit.</summary>
    public sealed record FollowEditor(string SessionId, string Path, EditorIdentity Editor) : AgentEffect;

    /// <summary>Links a resumed session's still-running Vim or Neovim live again (<see cref="PersistedLink"/>).</summary>
    public sealed record Relink(string SessionId, LiveLink Link) : AgentEffect;

    /// <summary>Write the state file (atomically, 0600): what a restarted agent needs to carry on.</summary>
    public sealed record SaveState(AgentSnapshot Snapshot) : AgentEffect;

    /// <summary>Stop watching the session's file and remove it.</summary>
    public sealed record DeleteFile(string SessionId, string Path) : AgentEffect;

    /// <summary>Show the user a notice in a live editor (vim, nvim: its message line).</summary>
    public sealed record NotifyEditor(string SessionId, string Text) : AgentEffect;

    /// <summary>Write the kept copy of a session whose tab is gone (mode 0600, in a 0700 directory).</summary>
    public sealed record KeepFile(string SessionId, string Path, string Content) : AgentEffect;

    public sealed record Exit(int Code) : AgentEffect;
}
