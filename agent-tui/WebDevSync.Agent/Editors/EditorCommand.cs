using System.Collections.Immutable;
using System.Text;

namespace WebDevSync.Agent.Editors;

/// <summary>
/// Editor templates such as <c>code --wait {file}</c>: split like a shell would (quotes, backslashes,
/// no expansion), <c>{file}</c> replaced by the path, or the path appended when the template has none.
/// </summary>
public static class EditorCommand
{
    public const string FilePlaceholder = "{file}";

    private static readonly ImmutableHashSet<string> TerminalEditors = ImmutableHashSet.Create(
        "vi", "vim", "nvim", "view", "vim.basic", "vim.tiny", "nano", "pico", "micro", "hx", "helix", "kak",
        "joe", "jed", "mcedit", "ne", "ed", "vis", "mg", "zile", "amp", "emacs-nox");

    /// <summary>The words of a template, or null when its quotes are not closed.</summary>
    public static ImmutableArray<string>? Split(string template)
    {
        var words = ImmutableArray.CreateBuilder<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else if (c == '\\' && q == '"' && i + 1 < template.Length && template[i + 1] is '"' or '\\') word.Append(template[++i]);
                else word.Append(c);
            }
            else if (c is '\'' or '"') { quote = c; inWord = true; }
            else if (c == '\\' && i + 1 < template.Length) { word.Append(template[++i]); inWord = true; }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else { word.Append(c); inWord = true; }
        }
        if (quote is not null) return null;
        if (inWord) words.Add(word.ToString());
        return words.ToImmutable();
    }

    /// <summary>The argv for <paramref name="path"/>, or null for an empty or badly quoted template.</summary>
    public static ImmutableArray<string>? Argv(string template, string path)
    {
        if (Split(template) is not { IsEmpty: false } words) return null;
        var hasPlaceholder = words.Any(w => w.Contains(FilePlaceholder, StringComparison.Ordinal));
        var argv = words.Select(w => w.Replace(FilePlaceholder, path, StringComparison.Ordinal)).ToImmutableArray();
        return hasPlaceholder ? argv : argv.Add(path);
    }

    public static EditorKind Classify(IReadOnlyList<string> argv, EditorKindSetting setting, bool hasDisplay)
    {
        if (GhostTextEditor.Port(argv[0]) is not null) return EditorKind.Plugin;
        if (setting != EditorKindSetting.Auto) return setting == EditorKindSetting.Terminal ? EditorKind.Terminal : EditorKind.Gui;
        var name = Path.GetFileName(argv[0]);
        var args = argv.Skip(1).ToList();
        return name switch
        {
            "vim" or "nvim" when args.Contains("-g") => EditorKind.Gui,
            _ when TerminalEditors.Contains(name) => EditorKind.Terminal,
            "emacs" => args.Any(a => a is "-nw" or "-t" or "--no-window-system") || !hasDisplay ? EditorKind.Terminal : EditorKind.Gui,
            "emacsclient" => args.Any(a => a is "-nw" or "-t" or "--tty") ? EditorKind.Terminal : EditorKind.Gui,
            _ => EditorKind.Gui,
        };
    }

    /// <summary>How to start the editor: a terminal editor goes to a new tmux window when inside tmux (and allowed).</summary>
    public static LaunchPlan Plan(IReadOnlyList<string> argv, EditorKind kind, EditorSurroundings around, string windowName) =>
        kind switch
        {
            EditorKind.Terminal when around.InsideTmux && around.UseTmux => new LaunchPlan.TmuxWindow(argv, windowName),
            EditorKind.Terminal => new LaunchPlan.Foreground(argv),
            _ => new LaunchPlan.Background(argv),
        };
}
