using WebDevSync.Agent.Editors;

namespace WebDevSync.Agent.Model;

/// <summary>Where a session's editor stands.</summary>
public enum SessionPhase
{
    /// <summary>The file is written and the editor is being started.</summary>
    Opening,
    /// <summary>An editor has the file open.</summary>
    Editing,
    /// <summary>A GUI editor took the file and returned at once; the file stays watched until the session is closed.</summary>
    Detached,
    /// <summary>
    /// The tab is gone (or the agent quit) while an editor still has the file: nothing is sent any more,
    /// every save is copied to <see cref="AgentSession.KeptPath"/>, and the session ends when the editor does.
    /// </summary>
    Kept,
}

/// <summary>
/// One edit session as the agent sees it: the file it wrote, the editor that has it, and the newest
/// content. <see cref="Content"/> is what the browser has or will get; <see cref="Unsent"/> says the
/// newest save still has to go out (it was made while the link was down).
/// </summary>
public sealed record AgentSession(
    string Id,
    string TextareaId,
    string FileType,
    string BrowserConnectionId,
    string FileName,
    string FilePath,
    EditorKind Kind,
    SessionPhase Phase,
    int RunningEditors,
    string Content,
    long SizeBytes,
    bool Saved,
    bool Unsent,
    int SavesSent,
    long OpenedAtMs,
    long EditorStartedAtMs,
    long? LastSyncMs)
{
    /// <summary>The editor that has the file, so an agent started again can follow it (null until it runs).</summary>
    public EditorIdentity? Editor { get; init; }

    /// <summary>How the running editor was started, for the screen (<c>vim (tmux window wds:code-1)</c>); null until one runs.</summary>
    public string? EditorName { get; init; }

    /// <summary>
    /// An editor is to start once the file being written is there (<see cref="AgentEvent.FileWritten"/>);
    /// a write that fails closes the session instead, so no editor opens an empty or stale file.
    /// </summary>
    public bool LaunchWhenWritten { get; init; }

    /// <summary>SHA-256 of the content the tab was last given (the request's code, then each update sent).</summary>
    public string? SentHash { get; init; }

    /// <summary>
    /// Set on a session restored after the agent died whose editor is gone: once its content is sent
    /// on the next link, the session closes with this reason.
    /// </summary>
    public string? EndReason { get; init; }

    /// <summary>The newest <c>seq</c> the agent has seen of this session (edit_request, code_update, code_ack, code_overtaken): the <c>baseSeq</c> of its live changes.</summary>
    public long Seq { get; init; }

    /// <summary>
    /// The seq of the newest text the live editor is known to hold: the <c>baseSeq</c> of its changes.
    /// It lags <see cref="Seq"/> while a page change is on its way into the buffer, so typing from
    /// before that change is overtaken by it at the relay rather than accepted over it.
    /// </summary>
    public long EditorSeq { get; init; }

    /// <summary>Whether the editor is linked live (its typing is sent unsaved, page changes go into its buffer).</summary>
    public LiveState Live { get; init; }

    /// <summary>How the live editor was linked (its socket, Vim's script), kept so an agent started after this one died links it again.</summary>
    public Editors.LiveLink? Link { get; init; }

    /// <summary>Where a kept session's text is kept (under the state directory), once its tab is gone.</summary>
    public string? KeptPath { get; init; }

    /// <summary>Where the text comes from (the page's URL, title and cursor), when the tab said.</summary>
    public WebDevSync.Core.Protocol.PageContext? Page { get; init; }
}

/// <summary>A session's live link to its editor.</summary>
public enum LiveState
{
    /// <summary>Save-based: the editor is not one the agent links, or live editing is off.</summary>
    Off,
    /// <summary>A live editor was started; its link is not up yet (page changes still rewrite the file).</summary>
    Waiting,
    /// <summary>Linked: the buffer's changes arrive unsaved and page changes go into it.</summary>
    On,
}
