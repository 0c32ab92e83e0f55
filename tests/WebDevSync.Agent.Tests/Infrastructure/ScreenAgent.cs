namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>
/// The real agent's full screen in a private tmux at a given size, with a relay and a browser tab of
/// the same user. The agent runs under <c>sh</c>, which prints its exit code and the terminal's modes
/// (<c>stty -a</c>) once it is gone, so a test can see the terminal handed back.
/// </summary>
public sealed class ScreenAgent : IAsyncDisposable
{
    public const string Pane = "agent:0";

    private ScreenAgent(TempDirectory dir, RelayServer server, BrowserClient browser, Tmux tmux, string user) =>
        (Dir, Server, Browser, Tmux, User) = (dir, server, browser, tmux, user);

    public TempDirectory Dir { get; }
    public RelayServer Server { get; }
    public BrowserClient Browser { get; }
    public Tmux Tmux { get; }
    public string User { get; }

    public static async Task<ScreenAgent> StartAsync(int width, int height, string editor, params string[] extra)
    {
        Tmux.Require("tmux");
        var dir = new TempDirectory();
        var server = await RelayServer.StartAsync();
        var user = $"u{Guid.NewGuid():N}";
        var browser = new BrowserClient(user);
        await browser.ConnectAsync(server.WsUrl);
        var tmux = new Tmux(Agents.Environment(dir, dir.Sub("ctl")));
        string[] agent = ["dotnet", RepoPaths.AgentDll, "--url", server.WsUrl, "--user", user, "--editor", editor, "--temp-dir", dir.Sub("tmp"), .. extra];
        var script = $"{string.Join(' ', agent.Select(Quote))}; echo EXIT=$?; stty -a | tr ';' '\\n' | grep -E 'icanon|echo' | tr '\\n' ' '; echo; sleep 120";
        tmux.Run("new-session", "-d", "-s", "agent", "-x", width.ToString(), "-y", height.ToString(), "sh", "-c", script);
        var screen = new ScreenAgent(dir, server, browser, tmux, user);
        await screen.WaitAsync(s => s.Contains("● connected"), "the agent's screen to say connected");
        await browser.WaitForDesktopAsync();
        return screen;
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    public Task<string> WaitAsync(Func<string, bool> ready, string what, TimeSpan? limit = null) => Tmux.WaitForScreenAsync(Pane, ready, what, limit);

    public void Keys(params string[] keys)
    {
        foreach (var k in keys) Tmux.Run("send-keys", "-t", Pane, k);
    }

    /// <summary>The agent's pid, from the file beside its instance lock.</summary>
    public int Pid()
    {
        var dir = Path.Combine(Dir.Sub("state"), "webdevsync");
        return int.Parse(File.ReadAllText(Directory.EnumerateFiles(dir, "*.lock.pid").Single()).Trim());
    }

    /// <summary>After the agent exits: its exit code was 0, the alternate screen is left and the terminal is back in cooked mode with echo.</summary>
    public async Task AssertTerminalRestoredAsync()
    {
        var screen = await WaitAsync(s => s.Contains("EXIT=") && s.Contains("icanon"), "the agent to exit and the shell to print the terminal modes");
        Assert.Contains("EXIT=0", screen);
        var modes = screen.Split('\n').Single(l => l.Contains("icanon"));
        Assert.Contains(" icanon", " " + modes);
        Assert.DoesNotContain("-icanon", modes);
        Assert.DoesNotContain("-echo ", modes + " ");
        Assert.Equal("0", Tmux.Run("display-message", "-p", "-t", Pane, "#{alternate_on}").Trim());
    }

    public async ValueTask DisposeAsync()
    {
        Tmux.Dispose();
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
        Dir.Dispose();
    }
}
