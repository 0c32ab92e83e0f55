namespace WebDevSync.Agent.Tests.Integration;

/// <summary>
/// Page text is data (issue 22 item 3): a page's code carries a Vim modeline or Emacs local
/// variables; real nvim, vim and emacs-nox started by the real agent in tmux are asked what they
/// made of it. The user's own vimrc says <c>set modeline</c>, which must not bring it back.
/// </summary>
public sealed class ModelineTests
{
    private const string VimPage = "echo from the page\n# vim: set ft=sh ff=dos :\n";
    private const string EmacsPage = "// from the page\n// Local Variables:\n// fill-column: 33\n// End:\n";

    private static async Task<string> AskAsync(string editor, string code, string[] question, Func<string, bool> answered, params string[] extra)
    {
        Tmux.Require("tmux", Path.GetFileName(editor.Split(' ')[0]));
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        await using var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        var vimrc = dir.File("vimrc");
        File.WriteAllText(vimrc, "set nocompatible\nset modeline\n");
        using var tmux = new Tmux(Agents.Environment(dir, dir.Sub("ctl")));
        tmux.Run(["new-session", "-d", "-s", "agent", "-x", "120", "-y", "30",
            "dotnet", RepoPaths.AgentDll, "--headless", "--url", server.WsUrl, "--user", user, "--editor", editor.Replace("VIMRC", vimrc),
            "--temp-dir", dir.Sub("tmp"), "--state-dir", dir.Sub("state"), .. extra]);
        await browser.WaitForDesktopAsync();
        await browser.SendAsync(new ClientMessage.EditRequest(new Claims(browser.ConnectionId, user), $"s-{Guid.NewGuid()}", "code-1", code, "js"));
        await tmux.WaitForScreenAsync("agent:1", s => s.Contains("from the page", StringComparison.Ordinal), "the editor to show the page's code");
        tmux.Run(["send-keys", "-t", "agent:1", .. question]);
        return await tmux.WaitForScreenAsync("agent:1", answered, "the editor's answer");
    }

    private static Task<string> AskVimAsync(string editor, params string[] extra) =>
        AskAsync(editor, VimPage, ["-l", ":set modeline? filetype? fileformat?", ";", "send-keys", "-t", "agent:1", "Enter"],
            s => s.Contains("fileformat=", StringComparison.Ordinal), extra);

    [Theory]
    [InlineData("nvim -u VIMRC -i NONE -n {file}")]
    [InlineData("vim -u VIMRC -i NONE -n {file}")]
    [InlineData("nvim -u VIMRC -i NONE -n {file}", "--no-live")]
    [InlineData("vim -u VIMRC -i NONE -n {file}", "--no-live")]
    public async Task A_modeline_in_the_pages_code_is_not_applied(string editor, params string[] extra)
    {
        var screen = await AskVimAsync(editor, extra);
        Assert.Contains("nomodeline", screen);
        Assert.Contains("fileformat=unix", screen);
        Assert.DoesNotContain("filetype=sh", screen);
    }

    [Fact]
    public async Task With_pageModelines_on_the_same_modeline_applies()
    {
        var screen = await AskVimAsync("nvim -u VIMRC -i NONE -n {file}", "--page-modelines", "true");
        Assert.Contains("filetype=sh", screen);
        Assert.Contains("fileformat=dos", screen);
    }

    [Theory]
    [InlineData(false, "(nil 70)")]
    [InlineData(true, "(t 33)")]
    public async Task Emacs_file_local_variables_in_the_pages_code_are_not_applied(bool optIn, string answer)
    {
        Tmux.Require("emacs-nox");
        var screen = await AskAsync("emacs-nox -Q {file}", EmacsPage,
            ["M-:", ";", "send-keys", "-t", "agent:1", "-l", "(list enable-local-variables fill-column)", ";", "send-keys", "-t", "agent:1", "Enter"],
            s => s.Contains(answer, StringComparison.Ordinal) || s.Contains("(nil", StringComparison.Ordinal) || s.Contains("(t ", StringComparison.Ordinal),
            "--page-modelines", optIn ? "true" : "false");
        Assert.Contains(answer, screen);
    }
}
