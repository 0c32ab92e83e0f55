namespace WebDevSync.Security.Tests.Faults;

/// <summary>
/// kill -9 of the relay (run with --data-dir) during a stream of saves made through the real agent,
/// and a restart on the same port: the session table comes back from disk, the agent reconnects by
/// itself, re-announces and sends what was saved while the relay was down, the tab resumes.
/// </summary>
public sealed class ServerKillTests(ITestOutputHelper output)
{
    private static readonly string[] Sessions = ["s-alpha", "s-beta", "s-gamma"];

    [Fact]
    public async Task ServerKilledDuringSaves_AndRestartedWithItsDataDir_TheTabEndsWithTheLastSavedContentOfEverySession()
    {
        const int seed = 7;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        using var temp = new TempDirectory("wds-server-kill-");
        var dir = temp.Path;
        var dataDir = Path.Combine(dir, "data");
        string[] args = ["--data-dir", dataDir];
        var editors = new DetachedEditors(dir);
        var server = await Relays.StartAsync(Secrets.Secret, args);
        var tab = new Tab(server.WsUrl, Secrets.Token("alice"), "b-alice", "alice");
        using var agent = RealAgentProcess.Start(server.WsUrl, Secrets.Token("alice"), "alice", dir);
        try
        {
            await tab.ConnectAsync();
            await agent.WaitForLineAsync(l => l == "connected", "connected");
            var files = new Dictionary<string, string>();
            foreach (var s in Sessions)
            {
                await tab.OpenAsync(s, $"{s} v0");
                files[s] = await editors.FileAsync("-" + s.Replace("-", "") + ".");
            }
            // The table on disk (written a moment after a change) is private to the relay's user.
            var table = Path.Combine(dataDir, "sessions.json");
            await Poll.UntilAsync(() => File.Exists(table), "the session table on disk");
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(table));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDir));
            }
            var last = Sessions.ToDictionary(s => s, s => $"{s} v0");
            var n = 0;
            for (var round = 0; round < 2; round++)
            {
                // Saves stream through while the relay is killed at a random moment; some are made while it is down.
                var before = random.Next(20, 150);
                var killAt = random.Next(0, before);
                for (var i = 0; i < before; i++, n++)
                {
                    var s = Sessions[n % 3];
                    editors.Queue(files[s], last[s] = $"{s} save {n}");
                    if (i == killAt) server.Kill();
                    if (i % 10 == 0) await Task.Delay(random.Next(0, 20));
                }
                await editors.AllSavedAsync();
                output.WriteLine($"round {round}: relay killed after {killAt} of {before} saves; saved: {string.Join(", ", last.Values)}");

                server = await server.RestartAsync();
                // The tab comes back first, then the agent on its own reconnect timer.
                await tab.ConnectAsync();
                foreach (var (s, code) in last) await tab.WaitForAsync(s, code);
            }
        }
        finally
        {
            editors.Close();
            await tab.DisposeAsync();
            await server.DisposeAsync();
            await Task.Delay(100);
        }
    }
}
