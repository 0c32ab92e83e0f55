namespace WebDevSync.Agent.Editors;

/// <summary>A terminal editor needs a terminal (vim, nano); a GUI editor opens its own window; a plugin is an editor already running, reached through GhostText.</summary>
public enum EditorKind
{
    Terminal,
    Gui,
    /// <summary>An editor's GhostText plugin (<c>--editor ghosttext[:PORT]</c>): no process is started, the session is a WebSocket to it.</summary>
    Plugin,
}

/// <summary>The <c>editorMode</c> setting: guess from the command, or say which kind it is.</summary>
public enum EditorKindSetting
{
    Auto,
    Terminal,
    Gui,
}

/// <summary>What the agent's surroundings allow: a tmux session to open windows in, a graphical display.</summary>
public sealed record EditorSurroundings(bool InsideTmux, bool UseTmux, bool HasDisplay)
{
    /// <summary>Stdin and stdout are a terminal a foreground editor can take over (not so under systemd, cron or a pipe).</summary>
    public bool HasTerminal { get; init; } = true;
}

/// <summary>How one editor is started. A closed set.</summary>
public abstract record LaunchPlan
{
    private LaunchPlan() { }

    public abstract IReadOnlyList<string> Argv { get; init; }

    /// <summary>A terminal editor in the agent's own terminal: the screen steps aside until it exits.</summary>
    public sealed record Foreground(IReadOnlyList<string> Argv) : LaunchPlan;

    /// <summary>A terminal editor in a new tmux window, so several edits can be open at once.</summary>
    public sealed record TmuxWindow(IReadOnlyList<string> Argv, string WindowName) : LaunchPlan;

    /// <summary>A GUI editor: a separate process, waited for.</summary>
    public sealed record Background(IReadOnlyList<string> Argv) : LaunchPlan;

    public string Describe() => this switch
    {
        Foreground => $"{Path.GetFileName(Argv[0])} (this terminal)",
        TmuxWindow t => $"{Path.GetFileName(Argv[0])} (tmux window {t.WindowName})",
        _ => Path.GetFileName(Argv[0]),
    };
}
