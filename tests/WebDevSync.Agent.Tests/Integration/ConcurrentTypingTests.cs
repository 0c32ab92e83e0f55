namespace WebDevSync.Agent.Tests.Integration;

/// <summary>
/// Issue 24: the page and Neovim type at once at different lines, through the real relay and the real
/// agent (headless, in tmux), and neither side's typing is lost: the relay merges the overtaken change.
/// The tab says it accepts <c>code_merged</c>, as the browser library does; the agent always does.
/// </summary>
public sealed class ConcurrentTypingTests
{
    private const string Code = "line one\nline two\nline three\n";
    private const string Editor = "agent:1";

    [Fact]
    public async Task Nvim_and_the_page_typing_at_once_at_different_lines_both_survive()
    {
        Tmux.Require("tmux", "nvim");
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        await using var browser = new BrowserClient(user) { AcceptsMerged = true };
        await browser.ConnectAsync(server.WsUrl);
        using var tmux = new Tmux(Agents.Environment(dir, dir.Sub("ctl")));
        tmux.Run(["new-session", "-d", "-s", "agent", "-x", "100", "-y", "30",
            "dotnet", RepoPaths.AgentDll, "--headless", "--url", server.WsUrl, "--user", user, "--editor", "nvim --clean -n {file}",
            "--temp-dir", dir.Sub("tmp"), "--state-dir", dir.Sub("state")]);
        await browser.WaitForDesktopAsync();
        var sid = $"s-{Guid.NewGuid()}";
        await browser.SendAsync(new ClientMessage.EditRequest(new Claims(browser.ConnectionId, user), sid, "code-1", Code, "js"));
        var tab = new LiveTab(browser, sid, "code-1", Code);
        await tmux.WaitForScreenAsync(Editor, s => s.StartsWith("line one", StringComparison.Ordinal), "the editor to show the file");

        // The editor's change reaches the relay first; the page typed at its end before that change reached it.
        Keys(tmux, ":1s/one/ONE by the editor/", "Enter");
        await tab.WaitForTextAsync(t => t.StartsWith("line ONE by the editor\n", StringComparison.Ordinal), "the editor's change");
        await tab.ChangeAsync(Code + "from the page\n", baseSeq: 0);
        await Converged(tab, tmux, "line ONE by the editor\nline two\nline three\nfrom the page\n");

        // Both at once, for real: the editor changes line two while the page adds a line.
        var typing = Task.Run(() => Keys(tmux, ":2s/two/TWO as well/", "Enter"));
        await tab.ChangeAsync(tab.Sync().Text + "and more from the page\n");
        await typing;
        await Converged(tab, tmux, "line ONE by the editor\nline TWO as well\nline three\nfrom the page\nand more from the page\n");

        Keys(tmux, ":wq", "Enter");
        Assert.Equal("editor_exited", (await browser.WaitForClosedAsync(sid)).Reason);
        Assert.Equal("line ONE by the editor\nline TWO as well\nline three\nfrom the page\nand more from the page\n", tab.Sync().Text);
    }

    private static void Keys(Tmux tmux, string literal, string key)
    {
        tmux.Run("send-keys", "-t", Editor, "-l", literal);
        tmux.Run("send-keys", "-t", Editor, key);
    }

    /// <summary>The tab and the editor's buffer both hold <paramref name="expected"/>.</summary>
    private static async Task Converged(LiveTab tab, Tmux tmux, string expected)
    {
        var screen = "";
        try
        {
            await Poll.UntilAsync(() => tab.Sync().Text == expected && Buffer(screen = tmux.Capture(Editor)) == expected, "the tab and the editor to hold both changes");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; tab {EditorInTmux.Show(tab.Text)}, editor's screen:\n{screen}", e);
        }
    }

    /// <summary>The buffer as the editor shows it: the lines above the first <c>~</c>, joined with a final newline.</summary>
    private static string Buffer(string screen) =>
        string.Concat(screen.Split('\n').TakeWhile(l => !l.StartsWith('~')).Select(l => l.TrimEnd() + "\n"));
}
