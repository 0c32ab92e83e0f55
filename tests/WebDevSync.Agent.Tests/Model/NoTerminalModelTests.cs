using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

/// <summary>A terminal editor with no terminal to run in is never started blind: the edit fails with the reason.</summary>
public sealed class NoTerminalModelTests
{
    private static AgentSettings Without(string editor, bool insideTmux = false) =>
        Settings(editor, insideTmux) with { Surroundings = new EditorSurroundings(insideTmux, UseTmux: true, HasDisplay: false) { HasTerminal = false } };

    [Fact]
    public void An_edit_for_vim_without_a_terminal_fails_at_once_and_tells_the_page_editor_failed()
    {
        var t = Run(Connected(Without("vim {file}")), Receive(Request()));
        Assert.Empty(t.Effects.OfType<AgentEffect.LaunchEditor>());
        var closed = Assert.IsType<ClientMessage.SessionClosed>(t.Sent().Last());
        Assert.Equal("editor_failed", closed.Reason);
        Assert.Null(t.State.Find("s-1234567890"));
        Assert.Contains(t.State.LogText(), l => l.StartsWith("editor_failed s-1234567890 vim needs a terminal and this agent has none", StringComparison.Ordinal));
    }

    [Fact]
    public void Inside_tmux_or_with_a_gui_editor_there_is_nothing_to_warn_about()
    {
        Assert.NotNull(NoTerminal.Warning(Without("vim {file}")));
        Assert.Null(NoTerminal.Warning(Without("vim {file}", insideTmux: true)));
        Assert.Null(NoTerminal.Warning(Without("code --wait {file}")));
        Assert.Null(NoTerminal.Warning(Settings("vim {file}")));
        var t = Run(Connected(Without("vim {file}", insideTmux: true)), Receive(Request()));
        Assert.IsType<LaunchPlan.TmuxWindow>(Assert.Single(t.Effects.OfType<AgentEffect.LaunchEditor>()).Plan);
    }
}
