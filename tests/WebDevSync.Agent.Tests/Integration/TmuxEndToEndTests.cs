namespace WebDevSync.Agent.Tests.Integration;

/// <summary>
/// The agent's full-screen UI inside a real tmux, opening an edit in real vim in a new tmux window:
/// type, <c>:w</c>, and the browser sees the update; the agent's screen shows the session.
/// </summary>
public sealed class TmuxEndToEndTests
{
    [Fact]
    public async Task Vim_in_a_tmux_window_edits_a_textarea_and_the_screen_shows_the_session()
    {
        Tmux.Require("tmux", "vim");
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        await using var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        using var tmux = new Tmux(Agents.Environment(dir, dir.Sub("ctl")));

        var editor = "vim -u NONE -N -n -i NONE --cmd \"set ttimeout ttimeoutlen=20\" {file}";
        tmux.Run("new-session", "-d", "-s", "agent", "-x", "120", "-y", "40",
            "dotnet", RepoPaths.AgentDll, "--url", server.WsUrl, "--user", user, "--editor", editor, "--temp-dir", dir.Sub("tmp"));
        await tmux.WaitForScreenAsync("agent:0", s => s.Contains("● connected"), "the agent's screen to say connected");
        await browser.WaitForDesktopAsync();

        var sid = $"s-{Guid.NewGuid()}";
        await browser.EditAsync(sid, "tmux-code", "console.log(1)", "js");
        await tmux.WaitForScreenAsync("agent:1", s => s.Contains("console.log(1)"), "vim to show the file in a new window");

        tmux.Run("send-keys", "-t", "agent:1", "-l", "ihello from vim ");
        tmux.Run("send-keys", "-t", "agent:1", "Escape");
        tmux.Run("send-keys", "-t", "agent:1", "-l", ":w");
        tmux.Run("send-keys", "-t", "agent:1", "Enter");
        await browser.WaitForUpdateAsync(sid, "hello from vim console.log(1)\n");

        var screen = await tmux.WaitForScreenAsync("agent:0", s => s.Contains("update_sent"), "the agent's log to show the update");
        Assert.Contains("tmux-code", screen);
        Assert.Contains("editing", screen);
        Assert.Contains("Textarea", screen);
        Assert.Contains("Quit", screen);

        tmux.Run("send-keys", "-t", "agent:1", "-l", ":q");
        tmux.Run("send-keys", "-t", "agent:1", "Enter");
        Assert.Equal("editor_exited", (await browser.WaitForClosedAsync(sid)).Reason);

        tmux.Run("send-keys", "-t", "agent:0", "q");
        await Poll.UntilAsync(() => { try { tmux.Run("has-session", "-t", "agent"); return false; } catch (InvalidOperationException) { return true; } },
            "the agent to quit on q (its tmux session ends with it)");
    }

    [Fact]
    public async Task Outside_a_tmux_window_vim_takes_the_agents_terminal_and_the_screen_comes_back_after()
    {
        Tmux.Require("tmux", "vim");
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        await using var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        using var tmux = new Tmux(Agents.Environment(dir, dir.Sub("ctl")));

        var editor = "vim -u NONE -N -n -i NONE --cmd \"set ttimeout ttimeoutlen=20\" {file}";
        tmux.Run("new-session", "-d", "-s", "agent", "-x", "80", "-y", "24",
            "dotnet", RepoPaths.AgentDll, "--no-tmux", "--url", server.WsUrl, "--user", user, "--editor", editor, "--temp-dir", dir.Sub("tmp"));
        await tmux.WaitForScreenAsync("agent:0", s => s.Contains("● connected"), "the agent's screen to say connected");
        await browser.WaitForDesktopAsync();

        var sid = $"s-{Guid.NewGuid()}";
        await browser.EditAsync(sid, "small-screen", "body { }", "css");
        await tmux.WaitForScreenAsync("agent:0", s => s.Contains("body { }") && !s.Contains("● connected"), "vim to take over the agent's terminal");
        tmux.Run("send-keys", "-t", "agent:0", "-l", "i/* css */ ");
        tmux.Run("send-keys", "-t", "agent:0", "Escape");
        tmux.Run("send-keys", "-t", "agent:0", "-l", ":wq");
        tmux.Run("send-keys", "-t", "agent:0", "Enter");

        await browser.WaitForUpdateAsync(sid, "/* css */ body { }\n");
        Assert.Equal("editor_exited", (await browser.WaitForClosedAsync(sid)).Reason);
        var screen = await tmux.WaitForScreenAsync("agent:0", s => s.Contains("session_closed"), "the agent's screen to come back");
        Assert.Contains("● connected", screen);
        Assert.Contains("update_sent", screen);
        Assert.All(screen.Split('\n'), l => Assert.True(l.Length <= 80));

        tmux.Run("send-keys", "-t", "agent:0", "q");
        await Poll.UntilAsync(() => { try { tmux.Run("has-session", "-t", "agent"); return false; } catch (InvalidOperationException) { return true; } },
            "the agent to quit on q");
    }
}
