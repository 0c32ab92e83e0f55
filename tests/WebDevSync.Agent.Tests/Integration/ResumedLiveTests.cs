namespace WebDevSync.Agent.Tests.Integration;

/// <summary>
/// Issue 27: after <c>kill -9</c> of the agent, the agent started again links the still-running vim or
/// nvim live again (not only its saves): what was typed while no agent ran, and what is typed after,
/// reach the tab unsaved, and the tab's changes reach the buffer. The real relay, the real agent (headless,
/// in tmux) and the real editors.
/// </summary>
public sealed class ResumedLiveTests
{
    private const string Code = "line one\n";

    [Theory]
    [InlineData("vim -u NONE -N -n -i NONE --cmd \"set ttimeout ttimeoutlen=20\" {file}")]
    [InlineData("nvim --clean -n {file}")]
    public async Task The_restarted_agent_links_the_editor_that_outlived_a_kill_9_live_again(string editor)
    {
        Tmux.Require("tmux", "vim", "nvim");
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        await using var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        using var tmux = new Tmux(Agents.Environment(dir, dir.Sub("ctl")));
        tmux.Run("new-session", "-d", "-s", "edit", "-x", "100", "-y", "30", "sleep", "600");
        var env = new Dictionary<string, string>(Agents.Environment(dir, dir.Sub("ctl"))) { ["TMUX"] = tmux.TmuxVariable(), ["TERM"] = "xterm-256color" };
        string[] args = [RepoPaths.AgentDll, "--headless", "--url", server.WsUrl, "--user", user, "--editor", editor, "--temp-dir", dir.Sub("tmp")];

        var sid = $"s-{Guid.NewGuid()}";
        var tab = new LiveTab(browser, sid, "code-1", Code);
        await using (var first = new ChildProcess("dotnet", args, env))
        {
            await first.WaitForLineAsync("^connected$");
            await browser.WaitForDesktopAsync();
            await browser.SendAsync(new ClientMessage.EditRequest(new Claims(browser.ConnectionId, user), sid, "code-1", Code, "js"));
            await tmux.WaitForScreenAsync("edit:1", s => s.StartsWith("line one", StringComparison.Ordinal), "the editor in its own tmux window");
            await first.WaitForLineAsync($"^live_on {sid} ");
            first.KillAlone();
        }

        // Typed while no agent runs, not saved.
        Keys(tmux, "Aand more", "Escape");
        await tmux.WaitForScreenAsync("edit:1", s => s.StartsWith("line oneand more", StringComparison.Ordinal), "the typing in the editor");

        await using var second = new ChildProcess("dotnet", args, env);
        await second.WaitForLineAsync($"^session_resumed {sid} .*editor pid");
        await second.WaitForLineAsync($"^live_on {sid} ");
        await tab.WaitForTextAsync(t => t == "line oneand more\n", "what was typed while no agent ran, unsaved");

        Keys(tmux, "otyped after the restart", "Escape");
        await tab.WaitForTextAsync(t => t == "line oneand more\ntyped after the restart\n", "the typing after the restart, unsaved");

        await tab.ChangeAsync(tab.Sync().Text + "from the page\n");
        await tmux.WaitForScreenAsync("edit:1", s => s.Contains("from the page", StringComparison.Ordinal), "the page's change in the buffer");

        Keys(tmux, ":q!", "Enter");
        await second.WaitForLineAsync($"^session_closed {sid} editor_exited");
    }

    private static void Keys(Tmux tmux, params string[] keys)
    {
        foreach (var k in keys)
            if (k is "Escape" or "Enter") tmux.Run("send-keys", "-t", "edit:1", k);
            else tmux.Run("send-keys", "-t", "edit:1", "-l", k);
    }
}
