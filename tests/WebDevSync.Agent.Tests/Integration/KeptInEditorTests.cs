namespace WebDevSync.Agent.Tests.Integration;

/// <summary>
/// Issue 27 with real editors: the relay ends a gone tab's session while vim or nvim (live, in tmux)
/// still has the file. The editor is told in its own window, and its next :w lands in the kept file.
/// </summary>
public sealed class KeptInEditorTests
{
    private const string Editor = "agent:1";

    [Theory]
    [InlineData("vim -N -n -i NONE --cmd \"set ttimeout ttimeoutlen=20\" {file}")]
    [InlineData("nvim --clean -n {file}")]
    public async Task When_the_tab_is_gone_the_editor_says_so_and_its_next_save_lands_in_the_kept_file(string editor)
    {
        Tmux.Require("tmux", "nvim", "vim");
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync(new Dictionary<string, string> { ["WEBDEVSYNC__gracePeriod"] = "300" });
        var user = $"u{Guid.NewGuid():N}";
        var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        using var tmux = new Tmux(Agents.Environment(dir, dir.Sub("ctl")));
        tmux.Run(["new-session", "-d", "-s", "agent", "-x", "160", "-y", "30",
            "dotnet", RepoPaths.AgentDll, "--headless", "--url", server.WsUrl, "--user", user, "--editor", editor,
            "--temp-dir", dir.Sub("tmp"), "--state-dir", dir.Sub("state")]);
        await browser.WaitForDesktopAsync();
        var sid = $"s-{Guid.NewGuid()}";
        await browser.EditAsync(sid, "code-1", "line one\n", "js");
        await tmux.WaitForScreenAsync(Editor, s => s.StartsWith("line one", StringComparison.Ordinal), "the editor to show the file");
        tmux.Run("send-keys", "-t", Editor, "-l", "Atyped live");
        tmux.Run("send-keys", "-t", Editor, "Escape");
        await browser.WaitForAsync<ServerMessage.CodeUpdate>(u => u.SessionId == sid && u.Code == "line onetyped live\n"); // the live link is up

        await browser.DisposeAsync(); // the tab is gone for good
        await tmux.WaitForScreenAsync(Editor, s => s.Contains("WebDevSync: the page is gone (browser_gone)", StringComparison.Ordinal), "the notice in the editor");
        var file = Directory.GetFiles(Directory.GetDirectories(dir.Sub("tmp"))[0], "*.js").Single();
        var kept = Path.Combine(dir.Sub("state"), "kept", Path.GetFileName(file));

        tmux.Run("send-keys", "-t", Editor, "-l", "otyped after the tab closed");
        tmux.Run("send-keys", "-t", Editor, "Escape");
        tmux.Run("send-keys", "-t", Editor, "-l", ":wq");
        tmux.Run("send-keys", "-t", Editor, "Enter");
        await Poll.UntilAsync(() => File.Exists(kept) && File.ReadAllText(kept) == "line onetyped live\ntyped after the tab closed\n", "the save in the kept file");
        await Poll.UntilAsync(() => !File.Exists(file), "the temp file to go once the editor quit");
    }
}
