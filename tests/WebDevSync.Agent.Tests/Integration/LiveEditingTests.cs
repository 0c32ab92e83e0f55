namespace WebDevSync.Agent.Tests.Integration;

/// <summary>
/// Live editing end to end: a tab (the JSON protocol), the real relay, the real agent (headless, in
/// tmux) and real nvim and vim typed into with send-keys. Typing without saving reaches the tab, the
/// tab's changes reach the open buffer, both at once converge, and :wq closes with the right text.
/// </summary>
public sealed class LiveEditingTests
{
    private const string Code = "line one\nline two\nline three\n";
    private static readonly int AtTwo = Code.IndexOf("two", StringComparison.Ordinal);

    private sealed record Run(TempDirectory Dir, RelayServer Server, BrowserClient Browser, Tmux Tmux, LiveTab Tab, string SessionId) : IAsyncDisposable
    {
        /// <summary>The editor runs in the agent's second tmux window (the agent's log stays in the first).</summary>
        public const string Editor = "agent:1";

        public void Type(string literal) => Tmux.Run("send-keys", "-t", Editor, "-l", literal);

        public void Keys(params string[] keys) => Tmux.Run(["send-keys", "-t", Editor, .. keys]);

        public Task<string> ScreenAsync(Func<string, bool> ready, string what) => Tmux.WaitForScreenAsync(Editor, ready, what);

        /// <summary>
        /// Waits until the editor has read every key sent before: send-keys returns once tmux queued
        /// them, and a busy machine may leave them unread for a while. An <c>:echo</c> typed after them
        /// shows its result (<c>typed-N</c>, which its own typed line does not contain) only then.
        /// </summary>
        public Task KeysReadAsync(int mark)
        {
            Type($":echo 'typed' . '-{mark}'");
            Keys("Enter");
            return ScreenAsync(s => s.Contains($"typed-{mark}", StringComparison.Ordinal), "the editor to have read the keys typed before");
        }

        public string File => Directory.GetFiles(Directory.GetDirectories(Dir.Sub("tmp"))[0], "*.js").Single();

        /// <summary>The buffer as the editor shows it: the lines above the first <c>~</c>, joined with a final newline.</summary>
        public static string Buffer(string screen) =>
            string.Concat(screen.Split('\n').TakeWhile(l => !l.StartsWith('~')).Select(l => l.TrimEnd() + "\n"));

        public async ValueTask DisposeAsync()
        {
            Tmux.Dispose();
            await Browser.DisposeAsync();
            await Server.DisposeAsync();
            Dir.Dispose();
        }
    }

    private static async Task<Run> StartAsync(string editor, params string[] extra)
    {
        Tmux.Require("tmux", "nvim", "vim");
        var dir = new TempDirectory();
        var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        var tmux = new Tmux(Agents.Environment(dir, dir.Sub("ctl")));
        tmux.Run(["new-session", "-d", "-s", "agent", "-x", "100", "-y", "30",
            "dotnet", RepoPaths.AgentDll, "--headless", "--url", server.WsUrl, "--user", user, "--editor", editor,
            "--temp-dir", dir.Sub("tmp"), "--state-dir", dir.Sub("state"), .. extra]);
        await browser.WaitForDesktopAsync();
        var sid = $"s-{Guid.NewGuid()}";
        var page = new PageContext("https://www.example.org/snippets/4", "Snippet 4", new TextSelection(AtTwo, AtTwo));
        await browser.SendAsync(new ClientMessage.EditRequest(new Claims(browser.ConnectionId, user), sid, "code-1", Code, "js", page));
        var run = new Run(dir, server, browser, tmux, new LiveTab(browser, sid, "code-1", Code), sid);
        await run.ScreenAsync(s => s.StartsWith("line one", StringComparison.Ordinal), "the editor to show the file");
        return run;
    }

    private static async Task TypeAtCursorThenPageThenBothThenSaveAsync(Run r)
    {
        // Opened at the page's cursor (line 2, column 6): what is typed lands there, and reaches the tab unsaved.
        r.Type("iX");
        await r.Tab.WaitForTextAsync(t => t == "line one\nline Xtwo\nline three\n", "the typed X at the page's cursor");
        r.Keys("Escape");
        Assert.Single(Directory.GetFiles(Directory.GetDirectories(r.Dir.Sub("tmp"))[0], "example.org-code-1-*.js"));

        // The page changes: the open buffer follows, nothing echoes back as new.
        var updatesBefore = r.Browser.Updates(r.SessionId).Count;
        await r.Tab.ChangeAsync(r.Tab.Sync().Text + "from the page\n");
        await r.ScreenAsync(s => s.Contains("from the page", StringComparison.Ordinal), "the page's line in the editor");
        await Task.Delay(200);
        Assert.Equal(updatesBefore, r.Browser.Updates(r.SessionId).Count);

        // Both at once: the relay orders them and both ends hold the same text.
        var typing = Task.Run(() => { r.Type("ggOeditor typing"); r.Keys("Escape"); });
        await r.Tab.ChangeAsync(r.Tab.Sync().Text + "tab typing\n");
        await typing;
        // Converging is only checked once the editor has read its typing: before that, tab and screen
        // can agree on the text without it, and the typing arriving after would change both again.
        await r.KeysReadAsync(1);
        var screen = "";
        try
        {
            await Poll.UntilAsync(() => r.Tab.Sync().Text == Run.Buffer(screen = r.Tmux.Capture(Run.Editor)), "the tab and the editor to converge");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; tab {EditorInTmux.Show(r.Tab.Text)}, editor's screen:\n{screen}", e);
        }

        // The final save and :wq end the session with that text, in the file and at the tab.
        var final = r.Tab.Text;
        r.Type(":w");
        r.Keys("Enter");
        await Poll.UntilAsync(() => System.IO.File.ReadAllText(r.File) == final, $"the save to hold {EditorInTmux.Show(final)}");
        r.Type(":wq");
        r.Keys("Enter");
        Assert.Equal("editor_exited", (await r.Browser.WaitForClosedAsync(r.SessionId)).Reason);
        Assert.Equal(final, r.Tab.Sync().Text);
    }

    [Fact]
    public async Task Nvim_is_live_both_ways_through_the_relay_and_wq_closes_with_the_right_text()
    {
        await using var r = await StartAsync("nvim --clean -n {file}");
        await TypeAtCursorThenPageThenBothThenSaveAsync(r);
    }

    [Fact]
    public async Task Vim_is_live_both_ways_through_the_relay_and_wq_closes_with_the_right_text()
    {
        await using var r = await StartAsync("vim -N -n -i NONE --cmd \"set ttimeout ttimeoutlen=20\" {file}");
        await TypeAtCursorThenPageThenBothThenSaveAsync(r);
    }

    [Fact]
    public async Task With_no_live_typing_waits_for_the_save_and_a_page_change_rewrites_the_unmodified_file()
    {
        await using var r = await StartAsync("vim -N -n -i NONE --cmd \"set ttimeout ttimeoutlen=20\" {file}", "--no-live");
        var file = r.File;
        await r.Tab.ChangeAsync(Code + "page line\n");
        await Poll.UntilAsync(() => File.ReadAllText(file) == Code + "page line\n", "the agent to rewrite the file with the page's text");

        r.Type(":e!");
        r.Keys("Enter");
        r.Type("ggitop ");
        r.Keys("Escape");
        await Task.Delay(300);
        Assert.Empty(r.Browser.Updates(r.SessionId));
        r.Type(":w");
        r.Keys("Enter");
        await r.Browser.WaitForUpdateAsync(r.SessionId, "top " + Code + "page line\n");
        r.Type(":q");
        r.Keys("Enter");
        Assert.Equal("editor_exited", (await r.Browser.WaitForClosedAsync(r.SessionId)).Reason);
    }
}
