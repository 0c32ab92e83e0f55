using System.Collections.Immutable;

namespace WebDevSync.Agent.Editors;

/// <summary>
/// Page text is data, never configuration: a page's code can carry a Vim modeline
/// (<c># vim: set ft=sh :</c>; before Vim 8.1.1365 and Neovim 0.3.6 one could run commands,
/// CVE-2019-12735) or Emacs file-local variables. Editors the agent starts are told to ignore them
/// for the session's file, unless the user opts back in (<c>pageModelines</c>).
/// </summary>
public static class PageTextIsData
{
    private static readonly ImmutableHashSet<string> Vims = ImmutableHashSet.Create(
        "vi", "vim", "nvim", "view", "vimdiff", "nvim-qt", "vim.basic", "vim.tiny", "vim.nox", "vim.gtk", "vim.gtk3", "gvim", "gview", "mvim");

    private static readonly ImmutableHashSet<string> Emacsen = ImmutableHashSet.Create("emacs", "emacs-nox", "emacs-gtk", "emacs-lucid");

    /// <summary>
    /// An autocommand rather than <c>--cmd 'set nomodeline'</c>: a vimrc runs after <c>--cmd</c> and
    /// may say <c>set modeline</c>, while this is set on the buffer itself after each read, just
    /// before Vim looks for modelines. The file name is of the agent's safe alphabet
    /// (<c>[A-Za-z0-9._-]</c>), so it needs no escaping in the pattern.
    /// </summary>
    public static string VimCommand(string filePath) => $"autocmd BufReadPost */{Path.GetFileName(filePath)} setlocal nomodeline";

    /// <summary>Evaluated after the user's init file and before the file is visited (command-line order).</summary>
    public const string EmacsForm = "(setq enable-local-variables nil enable-local-eval nil)";

    public static ImmutableArray<string> Argv(ImmutableArray<string> argv, string filePath) => Path.GetFileName(argv[0]) switch
    {
        var p when Vims.Contains(p) => argv.InsertRange(1, (string[])["--cmd", VimCommand(filePath)]),
        var p when Emacsen.Contains(p) => argv.InsertRange(1, (string[])["--eval", EmacsForm]),
        _ => argv,
    };
}
