namespace WebDevSync.Agent.Tests.Integration;

/// <summary>
/// <c>--editor ghosttext:PORT</c> end to end with real Emacs and its GhostText plugin (Debian's
/// emacs-nox and elpa-atomic-chrome, in tmux), the real relay, the real agent process and a tab
/// speaking the JSON protocol: typing in Emacs reaches the tab unsaved, the page's change reaches
/// the Emacs buffer, C-c C-c ends the session with the final text at the tab.
/// </summary>
public sealed class GhostTextEmacsTests
{
    private const string Code = "line one\nline two\n";

    private static string InitFile => Path.Combine(RepoPaths.Suite("WebDevSync.Agent.Tests"), "Infrastructure", "atomic-chrome-free-ports.el");

    /// <summary>Emacs in its own tmux server with atomic-chrome listening on a port the system picked; returns that port.</summary>
    private static async Task<int> StartEmacsAsync(TempDirectory dir, Tmux tmux)
    {
        var portFile = dir.File("emacs-port");
        tmux.Run("new-session", "-d", "-s", "emacs", "-x", "100", "-y", "30", "-e", $"WDS_GHOSTTEXT_PORT_FILE={portFile}",
            "emacs", "-nw", "-Q", "-l", InitFile);
        var port = 0;
        await Poll.UntilAsync(() => File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile), out port) && port > 0, "atomic-chrome to listen");
        return port;
    }

    [Fact]
    public async Task Emacs_atomic_chrome_is_live_both_ways_and_c_c_c_c_ends_the_session_with_the_final_text()
    {
        Tmux.Require("tmux", "emacs");
        Assert.True(Directory.GetDirectories("/usr/share/emacs/site-lisp/elpa", "atomic-chrome-*").Length > 0, "elpa-atomic-chrome is not installed (scripts/test installs it)");
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        using var tmux = new Tmux(Agents.Environment(dir, dir.Sub("ctl")));
        var port = await StartEmacsAsync(dir, tmux);
        var user = $"u{Guid.NewGuid():N}";
        await using var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        await using var agent = Agents.Start(dir, server.WsUrl, user, $"ghosttext:{port}");
        await browser.WaitForDesktopAsync();

        var sid = $"s-{Guid.NewGuid()}";
        var page = new PageContext("https://www.example.org/snippets/4", "Snippet 4", new TextSelection(Code.Length, Code.Length));
        await browser.SendAsync(new ClientMessage.EditRequest(new Claims(browser.ConnectionId, user), sid, "code-1", Code, "js", page));
        var tab = new LiveTab(browser, sid, "code-1", Code);
        await tmux.WaitForScreenAsync("emacs", s => s.Contains("line two", StringComparison.Ordinal) && s.Contains("Snippet 4", StringComparison.Ordinal),
            "Emacs to show the page's field in a buffer named after the page");
        await agent.WaitForTextAsync($"live_on {sid}");

        // Typing in Emacs reaches the tab with no save (atomic-chrome puts point at the end of the text).
        tmux.Run("send-keys", "-t", "emacs", "-l", "typed in emacs");
        await tab.WaitForTextAsync(t => t == Code + "typed in emacs", "what was typed in Emacs");

        // The page changes: the Emacs buffer holds it, so what Emacs sends next carries it.
        await tab.ChangeAsync("from the page\n" + tab.Text);
        await tmux.WaitForScreenAsync("emacs", s => s.Contains("from the page", StringComparison.Ordinal), "the page's line in the Emacs buffer");
        tmux.Run("send-keys", "-t", "emacs", "-l", "!");
        await tab.WaitForTextAsync(t => t == "from the page\n" + Code + "typed in emacs!", "Emacs's text with the page's line and the new key");

        // C-c C-c closes the field: the session ends as an editor's exit, with that text at the tab.
        tmux.Run("send-keys", "-t", "emacs", "C-c", "C-c");
        Assert.Equal("editor_exited", (await browser.WaitForClosedAsync(sid)).Reason);
        Assert.Equal("from the page\n" + Code + "typed in emacs!", tab.Sync().Text);
        await tmux.WaitForScreenAsync("emacs", s => !s.Contains("typed in emacs", StringComparison.Ordinal), "Emacs to close the buffer");
    }

    [Fact]
    public async Task The_tab_closing_the_session_closes_the_field_and_emacs_drops_its_buffer()
    {
        Tmux.Require("tmux", "emacs");
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        using var tmux = new Tmux(Agents.Environment(dir, dir.Sub("ctl")));
        var port = await StartEmacsAsync(dir, tmux);
        var user = $"u{Guid.NewGuid():N}";
        await using var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        await using var agent = Agents.Start(dir, server.WsUrl, user, $"ghosttext:{port}", "--state-dir", dir.Sub("state"));
        await browser.WaitForDesktopAsync();

        await browser.EditAsync("s-closed-by-tab", "notes", "closed by the tab soon\n", "txt");
        await tmux.WaitForScreenAsync("emacs", s => s.Contains("closed by the tab soon", StringComparison.Ordinal), "Emacs to show the field");
        await agent.WaitForLineAsync("^live_on s-closed-by-tab ");
        await browser.CloseSessionAsync("s-closed-by-tab");
        await tmux.WaitForScreenAsync("emacs", s => !s.Contains("closed by the tab soon", StringComparison.Ordinal), "Emacs to drop the field's buffer");

        // The field's last text is not lost with the buffer: it is kept (issue 27).
        await agent.WaitForLineAsync("^session_kept s-closed-by-tab closed_by_browser: the GhostText field's last text is kept in ");
        var kept = Directory.GetFiles(Path.Combine(dir.Sub("state"), "kept")).Single();
        Assert.Equal("closed by the tab soon\n", File.ReadAllText(kept));
    }

    [Fact]
    public async Task With_no_plugin_on_the_port_the_tab_gets_editor_failed_and_the_log_names_the_port()
    {
        using var dir = new TempDirectory();
        await using var server = await RelayServer.StartAsync();
        // Bound, not listening: nothing answers on this port and nothing else can take it meanwhile.
        using var nothing = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        nothing.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)nothing.LocalEndPoint!).Port;
        var user = $"u{Guid.NewGuid():N}";
        await using var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        await using var agent = Agents.Start(dir, server.WsUrl, user, $"ghosttext:{port}");
        await browser.WaitForDesktopAsync();

        await browser.EditAsync("s-nothing-there-1", "code-1", "x", "js");
        Assert.Equal("editor_failed", (await browser.WaitForClosedAsync("s-nothing-there-1")).Reason);
        await agent.WaitForLineAsync($@"^editor_failed \S+ no GhostText plugin answers on localhost:{port} ");
        // The agent keeps running and takes the next request.
        await browser.EditAsync("s-nothing-there-2", "code-1", "y", "js");
        Assert.Equal("editor_failed", (await browser.WaitForClosedAsync("s-nothing-there-2")).Reason);
    }
}
