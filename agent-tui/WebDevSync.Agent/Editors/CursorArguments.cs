using System.Collections.Immutable;

namespace WebDevSync.Agent.Editors;

/// <summary>
/// Opens the editor at the page's cursor: each editor's own way of saying "this file, at this line
/// (and column)", put in front of the file's argument. An editor it does not know, or a template
/// that hides the path inside another word, is left as it is (the file opens at the top).
/// </summary>
public static class CursorArguments
{
    public static ImmutableArray<string> At(ImmutableArray<string> argv, string path, TextPosition? at)
    {
        var file = argv.IndexOf(path, 1);
        if (at is null || at == TextPosition.Start || file < 1) return argv;
        var (line, col, bytes) = (at.Line, at.Column, at.ByteColumn);
        string[]? before = Name(argv[0]) switch
        {
            // +cmd runs after the file is read; cursor() takes Vim's byte column.
            "vim" or "nvim" or "gvim" or "vim.basic" or "vim.gtk3" or "vim.nox" or "mvim" => [$"+call cursor({line}, {bytes})"],
            // vi and view may be vim.tiny, which has no :call.
            "vi" or "view" => [$"+{line}"],
            "emacs" or "emacsclient" or "emacs-nox" or "micro" or "gedit" or "kak" => [$"+{line}:{col}"],
            "nano" or "pico" => [$"+{line},{col}"],
            "hx" or "helix" or "joe" or "jed" or "mg" or "ne" or "zile" or "vis" => [$"+{line}"],
            "code" or "code-insiders" or "codium" or "vscodium" or "cursor" => ["--goto"],
            "idea" or "pycharm" or "webstorm" or "phpstorm" or "goland" or "rubymine" or "clion" or "rider" or "studio" or "kate" =>
                ["--line", $"{line}", "--column", $"{col}"],
            _ => null,
        };
        string? replaced = Name(argv[0]) switch
        {
            "code" or "code-insiders" or "codium" or "vscodium" or "cursor" or "subl" or "sublime_text" or "zed" => $"{path}:{line}:{col}",
            _ => null,
        };
        if (before is null && replaced is null) return argv;
        var result = argv.SetItem(file, replaced ?? path);
        return before is null ? result : result.InsertRange(file, before);
    }

    private static string Name(string program) => Path.GetFileName(program);
}
