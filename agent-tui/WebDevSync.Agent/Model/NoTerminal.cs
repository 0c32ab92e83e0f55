using WebDevSync.Agent.Editors;

namespace WebDevSync.Agent.Model;

/// <summary>
/// A terminal editor (vim, nano, …) started with no terminal to run in (a headless agent under systemd,
/// cron or a pipe, outside tmux) would run blind: vim warns "Output is not to a terminal" and the page
/// is told only that the editor exited. So the agent says so when it starts, and each edit fails at once
/// as <c>editor_failed</c> with the reason, without starting the editor.
/// </summary>
public static class NoTerminal
{
    /// <summary>Whether this plan needs the terminal the agent does not have.</summary>
    public static bool Blocks(LaunchPlan plan, EditorSurroundings around) => plan is LaunchPlan.Foreground && !around.HasTerminal;

    public static string Reason(string editor) =>
        $"{editor} needs a terminal and this agent has none: run the agent in a terminal or inside tmux, or use a GUI editor (--editor \"code --wait {{file}}\")";

    /// <summary>The warning for the log at start, when the configured editor is a terminal editor with nowhere to run; null when fine.</summary>
    public static string? Warning(AgentSettings s)
    {
        if (EditorCommand.Split(s.EditorTemplate) is not { Length: > 0 } argv) return null;
        var kind = EditorCommand.Classify(argv, s.EditorKind, s.Surroundings.HasDisplay);
        var plan = EditorCommand.Plan(argv, kind, s.Surroundings, "wds:check");
        return Blocks(plan, s.Surroundings) ? $"no_terminal {Reason(Path.GetFileName(argv[0]))}; edits will fail with editor_failed" : null;
    }
}
