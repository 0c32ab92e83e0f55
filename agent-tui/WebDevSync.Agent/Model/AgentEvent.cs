using WebDevSync.Core.Protocol;

namespace WebDevSync.Agent.Model;

/// <summary>Everything that can happen to the agent. Time arrives as <c>NowMs</c> (Unix milliseconds).</summary>
public abstract record AgentEvent
{
    private AgentEvent() { }

    public abstract long NowMs { get; init; }

    public sealed record Started(long NowMs) : AgentEvent;

    /// <summary>
    /// The sessions an earlier agent of this user and relay left in its state file, each with what the
    /// shell found of it now: the file's content (null when gone) and whether its editor still runs.
    /// Posted once, before <see cref="Started"/>.
    /// </summary>
    public sealed record Resumed(System.Collections.Immutable.ImmutableArray<ResumedSession> Sessions, long NowMs) : AgentEvent;

    /// <summary>The clock: drives reconnect timers, heartbeats and the countdown on screen.</summary>
    public sealed record Tick(long NowMs) : AgentEvent;

    /// <summary>Connection attempt <paramref name="Attempt"/> is open.</summary>
    public sealed record LinkOpened(int Attempt, long NowMs) : AgentEvent;

    /// <summary>
    /// Attempt <paramref name="Attempt"/> failed or ended. <paramref name="Jitter"/> in [0,1) spreads the
    /// reconnect delay; <paramref name="CloseStatus"/> is the WebSocket close status when there was one;
    /// <paramref name="Refusal"/> is set when the relay turned the connection down (and said why).
    /// </summary>
    public sealed record LinkClosed(int Attempt, string Reason, int? CloseStatus, double Jitter, long NowMs, RelayRefusal? Refusal = null) : AgentEvent;

    public sealed record Received(int Attempt, ServerMessage Message, long NowMs) : AgentEvent;

    /// <summary>A frame from the server that did not decode.</summary>
    public sealed record ReceivedInvalid(int Attempt, string Reason, long NowMs) : AgentEvent;

    /// <summary>The editor saved: the file's whole content, read after the writer finished.</summary>
    public sealed record FileSaved(string SessionId, string Content, long NowMs) : AgentEvent;

    /// <summary>A save that cannot be sent (too large, unreadable).</summary>
    public sealed record FileRejected(string SessionId, string Reason, long NowMs) : AgentEvent;

    /// <summary>The state file could not be written: a restart would not find the newest sessions.</summary>
    public sealed record StateSaveFailed(string Reason, long NowMs) : AgentEvent;

    /// <summary>A session's file was written (<see cref="AgentEffect.WriteFile"/>): its editor may start.</summary>
    public sealed record FileWritten(string SessionId, long NowMs) : AgentEvent;

    public sealed record FileWriteFailed(string SessionId, string Reason, long NowMs) : AgentEvent;

    /// <summary>An editor runs; <paramref name="Editor"/> is its process (null when it cannot be told, as for a tmux window's pane).</summary>
    public sealed record EditorStarted(string SessionId, string Description, long NowMs, EditorIdentity? Editor = null) : AgentEvent;

    public sealed record EditorFailed(string SessionId, string Reason, long NowMs) : AgentEvent;

    /// <summary>An editor ended; <paramref name="FinalContent"/> is the file as it was left (null if gone).</summary>
    public sealed record EditorExited(string SessionId, int ExitCode, string? FinalContent, long NowMs) : AgentEvent;

    /// <summary>A live editor's buffer changed (no save needed): its whole text.</summary>
    public sealed record BufferChanged(string SessionId, string Content, long NowMs) : AgentEvent;

    /// <summary>A page's text is in the live editor's buffer now (it acknowledged the change).</summary>
    public sealed record EditorApplied(string SessionId, string Content, long NowMs) : AgentEvent;

    /// <summary>The live link to a session's editor is up.</summary>
    public sealed record LiveAttached(string SessionId, string Description, long NowMs) : AgentEvent;

    /// <summary>The live link ended or could not be made: the session carries on save-based.</summary>
    public sealed record LiveEnded(string SessionId, string Reason, long NowMs) : AgentEvent;

    /// <summary>A page change was not written to a save-based editor's file (it holds a save not yet seen, or the write failed).</summary>
    public sealed record PageChangeNotWritten(string SessionId, string Reason, long NowMs) : AgentEvent;

    // Keys and signals.
    public sealed record OpenAgain(long NowMs) : AgentEvent;

    /// <summary><c>c</c>: asks whether to close the selected session (<see cref="AgentState.ConfirmingClose"/>).</summary>
    public sealed record CloseSelected(long NowMs) : AgentEvent;

    /// <summary>The answer to the close confirmation: yes closes the session it asked about.</summary>
    public sealed record CloseAnswered(bool Yes, long NowMs) : AgentEvent;

    /// <summary>A row picked with the mouse (or the table's own keys): select session number <paramref name="Index"/>.</summary>
    public sealed record SelectIndex(int Index, long NowMs) : AgentEvent;

    public sealed record ReconnectNow(long NowMs) : AgentEvent;

    public sealed record ToggleDebug(long NowMs) : AgentEvent;

    public sealed record ToggleHelp(long NowMs) : AgentEvent;

    public sealed record MoveSelection(int Delta, long NowMs) : AgentEvent;

    /// <summary>The answer to "quit with sessions open?": yes quits (running editors keep their files, see Keeping).</summary>
    public sealed record QuitAnswered(bool Yes, long NowMs) : AgentEvent;

    /// <summary><c>q</c>, Ctrl-C, SIGTERM or SIGHUP: close every session and leave.</summary>
    public sealed record QuitRequested(string Why, long NowMs) : AgentEvent;
}
