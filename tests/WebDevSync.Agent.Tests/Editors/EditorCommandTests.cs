namespace WebDevSync.Agent.Tests.Editors;

public sealed class EditorCommandTests
{
    [Theory]
    [InlineData("code --wait {file}", new[] { "code", "--wait", "/t/a.js" })]
    [InlineData("vim", new[] { "vim", "/t/a.js" })]
    [InlineData("subl -w", new[] { "subl", "-w", "/t/a.js" })]
    [InlineData("emacsclient -t --alternate-editor='' {file}", new[] { "emacsclient", "-t", "--alternate-editor=", "/t/a.js" })]
    [InlineData("\"/Applications/My Editor/bin/ed\" --file={file}", new[] { "/Applications/My Editor/bin/ed", "--file=/t/a.js" })]
    [InlineData("sh -c 'vim \"$0\"' {file}", new[] { "sh", "-c", "vim \"$0\"", "/t/a.js" })]
    [InlineData("my\\ editor {file}", new[] { "my editor", "/t/a.js" })]
    public void Argv_splits_like_a_shell_and_puts_the_path_in(string template, string[] expected) =>
        Assert.Equal(expected, EditorCommand.Argv(template, "/t/a.js"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("vim 'unclosed")]
    public void Argv_is_null_for_an_empty_or_badly_quoted_template(string template) =>
        Assert.Null(EditorCommand.Argv(template, "/t/a.js"));

    [Theory]
    [InlineData("vim {file}", EditorKind.Terminal)]
    [InlineData("/usr/bin/nvim {file}", EditorKind.Terminal)]
    [InlineData("nano", EditorKind.Terminal)]
    [InlineData("hx", EditorKind.Terminal)]
    [InlineData("emacs -nw", EditorKind.Terminal)]
    [InlineData("emacs", EditorKind.Gui)]
    [InlineData("emacsclient -t", EditorKind.Terminal)]
    [InlineData("vim -g", EditorKind.Gui)]
    [InlineData("code --wait", EditorKind.Gui)]
    [InlineData("subl -w", EditorKind.Gui)]
    [InlineData("idea --wait", EditorKind.Gui)]
    public void Classify_knows_terminal_editors(string template, EditorKind expected) =>
        Assert.Equal(expected, EditorCommand.Classify(EditorCommand.Argv(template, "/f")!.Value, EditorKindSetting.Auto, hasDisplay: true));

    [Fact]
    public void Classify_follows_the_setting_and_emacs_without_a_display_is_a_terminal_editor()
    {
        Assert.Equal(EditorKind.Terminal, EditorCommand.Classify(["my-editor"], EditorKindSetting.Terminal, true));
        Assert.Equal(EditorKind.Gui, EditorCommand.Classify(["vim"], EditorKindSetting.Gui, true));
        Assert.Equal(EditorKind.Terminal, EditorCommand.Classify(["emacs"], EditorKindSetting.Auto, hasDisplay: false));
    }

    [Fact]
    public void Plan_puts_terminal_editors_in_a_tmux_window_only_inside_tmux_and_when_allowed()
    {
        string[] argv = ["vim", "/f"];
        Assert.IsType<LaunchPlan.TmuxWindow>(EditorCommand.Plan(argv, EditorKind.Terminal, new(true, true, false), "w"));
        Assert.IsType<LaunchPlan.Foreground>(EditorCommand.Plan(argv, EditorKind.Terminal, new(true, false, false), "w"));
        Assert.IsType<LaunchPlan.Foreground>(EditorCommand.Plan(argv, EditorKind.Terminal, new(false, true, false), "w"));
        Assert.IsType<LaunchPlan.Background>(EditorCommand.Plan(argv, EditorKind.Gui, new(true, true, true), "w"));
    }
}
