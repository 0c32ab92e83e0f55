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

    /// <summary>SHA-256 of the content the tab was last given (the request's code, then each update sent).</summary>
    public string? SentHash { get; init; }

    /// <summary>
    /// Set on a session restored after the agent died whose editor is gone: once its content is sent
    /// on the next link, the session closes with this reason.
    /// </summary>
    public string? EndReason { get; init; }
}
