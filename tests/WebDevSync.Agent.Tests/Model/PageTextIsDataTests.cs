using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

/// <summary>Editors started for a page are told to ignore modelines and file-local variables in it, unless the user opts in (issue 22 item 3).</summary>
public sealed class PageTextIsDataTests
{
    private static IReadOnlyList<string> Launched(AgentSettings settings) =>
        Assert.Single(Run(Connected(settings), Receive(Request())).Effects.OfType<AgentEffect.LaunchEditor>()).Plan.Argv;

    [Theory]
    [InlineData("nvim --clean {file}", "--cmd")]
    [InlineData("vim {file}", "--cmd")]
    [InlineData("/usr/bin/vi {file}", "--cmd")]
    [InlineData("emacs -nw {file}", "--eval")]
    [InlineData("emacs-nox {file}", "--eval")]
    public void Vim_and_emacs_are_started_with_modelines_and_local_variables_off(string editor, string option)
    {
        var argv = Launched(Settings(editor) with { LiveEditing = false });
        var at = argv.ToList().IndexOf(option);
        Assert.Equal(1, at);
        Assert.True(argv[2] is var v && (v.Contains("nomodeline", StringComparison.Ordinal) || v.Contains("enable-local-variables nil", StringComparison.Ordinal)), v);
        Assert.EndsWith(".js", argv[^1]);
    }

    [Fact]
    public void The_modeline_autocommand_names_only_the_sessions_file()
    {
        var argv = Launched(Settings("vim {file}") with { LiveEditing = false });
        Assert.Equal($"autocmd BufReadPost */{Path.GetFileName(argv[^1])} setlocal nomodeline", argv[2]);
    }

    [Fact]
    public void Other_editors_are_unchanged_and_the_user_can_opt_back_in()
    {
        Assert.DoesNotContain("--cmd", Launched(Settings("code --wait {file}")));
        Assert.DoesNotContain("--cmd", Launched(Settings("vim {file}") with { LiveEditing = false, PageModelines = true }));
        Assert.DoesNotContain("--eval", Launched(Settings("emacs {file}") with { PageModelines = true }));
    }
}
