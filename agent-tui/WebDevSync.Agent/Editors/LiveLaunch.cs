using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace WebDevSync.Agent.Editors;

/// <summary>The editors the agent keeps live both ways, each through its own means.</summary>
public enum LiveEditor
{
    /// <summary>Neovim's remote API over <c>--listen</c> (msgpack-RPC).</summary>
    Nvim,
    /// <summary>Vim 9 with the agent's script (<c>-S</c>): a channel, <c>listener_add()</c>, timers.</summary>
    Vim,
}

/// <summary>How one session's editor is linked: the private socket, the Vim script (Vim only), the session's file and the text it was written with.</summary>
public sealed record LiveLink(LiveEditor Editor, string SocketPath, string? ScriptPath, string FilePath, string Text);

/// <summary>
/// Adds what makes an editor live to its command line: <c>--listen SOCKET</c> for Neovim,
/// <c>-S SCRIPT</c> for Vim, both in the agent's private directory. Other editors are unchanged
/// (the session stays save-based; page changes rewrite the file).
/// </summary>
public static class LiveLaunch
{
    /// <summary>Unix socket paths are limited (108 bytes with the NUL on Linux, 104 on macOS); beyond this the session stays save-based.</summary>
    public const int MaxSocketPath = 103;

    public static LiveEditor? Detect(string program) => Path.GetFileName(program) switch
    {
        "nvim" => LiveEditor.Nvim,
        "vim" or "vim.basic" or "vim.nox" or "vim.gtk3" or "gvim" => LiveEditor.Vim,
        _ => null,
    };

    /// <summary>
    /// The socket's and script's name without extension: a hash of the whole session id and the
    /// launch time, so two sessions never share one (ids that begin alike did, with the first eight
    /// characters) and a relaunch of the same session never shares the name the link it replaces is
    /// still tidying away. 24 hex digits keep the socket path within its limit.
    /// </summary>
    public static string Stem(string sessionId, long launchedAtMs) =>
        "." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sessionId}\n{launchedAtMs}")))[..24];

    public static (ImmutableArray<string> Argv, LiveLink? Link) With(ImmutableArray<string> argv, string filePath, string sessionId, string text, long launchedAtMs)
    {
        if (Detect(argv[0]) is not { } editor) return (argv, null);
        var stem = Path.Combine(Path.GetDirectoryName(filePath)!, Stem(sessionId, launchedAtMs));
        var socket = stem + ".sock";
        if (Encoding.UTF8.GetByteCount(socket) > MaxSocketPath) return (argv, null);
        return editor switch
        {
            LiveEditor.Nvim => (argv.InsertRange(1, (string[])["--listen", socket]), new LiveLink(editor, socket, null, filePath, text)),
            _ => (argv.InsertRange(1, (string[])["-S", stem + ".vim"]), new LiveLink(editor, socket, stem + ".vim", filePath, text)),
        };
    }
}
