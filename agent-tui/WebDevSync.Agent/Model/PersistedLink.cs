using WebDevSync.Agent.Editors;

namespace WebDevSync.Agent.Model;

/// <summary>
/// A session's live link as the state file keeps it (no text), so an agent started after one that died
/// links the still-running Vim or Neovim again: Neovim still listens on its socket, and the Vim script
/// connects again to its socket once a new agent listens there.
/// </summary>
public sealed record PersistedLink(LiveEditor Editor, string SocketPath, string? ScriptPath)
{
    public static PersistedLink? Of(LiveLink? link) => link is null ? null : new(link.Editor, link.SocketPath, link.ScriptPath);

    /// <summary>
    /// The link again, for the file it was made for, or null when the state file names paths the agent
    /// never makes (the file is the user's, and still it is read as untrusted): a socket and script beside
    /// the session's file, named as <see cref="LiveLaunch"/> names them.
    /// </summary>
    public LiveLink? For(string filePath, string text)
    {
        var dir = Path.GetDirectoryName(filePath);
        bool Beside(string? path, string ext) => path is not null && Path.GetDirectoryName(path) == dir && Path.GetFileName(path) is { } name
            && name.StartsWith('.') && name.EndsWith(ext, StringComparison.Ordinal) && !name.Contains('/', StringComparison.Ordinal);
        var ok = Editor switch
        {
            LiveEditor.Nvim => Beside(SocketPath, ".sock") && ScriptPath is null,
            LiveEditor.Vim => Beside(SocketPath, ".sock") && Beside(ScriptPath, ".vim"),
            _ => false,
        };
        return ok && dir is not null ? new LiveLink(Editor, SocketPath, ScriptPath, filePath, text) : null;
    }
}
