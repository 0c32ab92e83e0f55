using System.Collections.Immutable;
using WebDevSync.Agent.Editors;

namespace WebDevSync.Agent.Model;

/// <summary>One session as the state file keeps it: enough to announce it again, find its file and editor, and tell whether the tab has its content.</summary>
public sealed record PersistedSession(
    string Id,
    string TextareaId,
    string FileType,
    string BrowserConnectionId,
    string FileName,
    string FilePath,
    EditorKind Kind,
    EditorIdentity? Editor,
    string? SentHash,
    int SentSeq,
    long OpenedAtMs,
    string? KeptPath = null,
    PersistedLink? Link = null)
{
    /// <summary>
    /// The names in the temp directory an agent started again keeps for this session: its file, and the
    /// live link's socket (Neovim's own, which the Neovim still running listens on) and Vim script.
    /// </summary>
    public IEnumerable<string> OwnFileNames() =>
        new[] { FileName, Path.GetFileName(Link?.SocketPath), Path.GetFileName(Link?.ScriptPath) }.OfType<string>().Where(n => n.Length > 0);
}

/// <summary>
/// What an agent that died leaves for the next one of the same user and relay: its connection id
/// (so the relay sees the same desktop come back), its temp directory and its sessions. No code, no token.
/// </summary>
public sealed record AgentSnapshot(string UserId, string ServerUrl, string ConnectionId, string TempDirectory, ImmutableArray<PersistedSession> Sessions)
{
    public static AgentSnapshot Of(AgentState s) => new(s.Settings.UserId, s.Settings.ServerUrl, s.Settings.ConnectionId, s.Settings.TempDirectory,
        [.. s.Sessions.Select(x => new PersistedSession(x.Id, x.TextareaId, x.FileType, x.BrowserConnectionId, x.FileName, x.FilePath, x.Kind,
            x.Editor, x.SentHash, x.SavesSent, x.OpenedAtMs, x.KeptPath, PersistedLink.Of(x.Link)))]);

    public bool SameAs(AgentSnapshot other) =>
        (UserId, ServerUrl, ConnectionId, TempDirectory) == (other.UserId, other.ServerUrl, other.ConnectionId, other.TempDirectory)
        && Sessions.SequenceEqual(other.Sessions);
}

/// <summary>A persisted session and what the shell found of it at start: the file's content (null when gone), and whether its editor still runs.</summary>
public sealed record ResumedSession(PersistedSession Saved, string? Content, bool EditorRunning);
