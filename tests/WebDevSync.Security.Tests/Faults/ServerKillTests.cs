using Xunit.Abstractions;

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
        var dir = Directory.CreateTempSubdirectory("wds-server-kill-").FullName;
        var dataDir = Path.Combine(dir, "data");
        string[] args = ["--data-dir", dataDir];
        var editors = new DetachedEditors(dir);
        var server = await ServerProcess.StartAsync(Secrets.Secret, args);
        var port = server.Port;
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
            await Timeouts.UntilAsync(() => File.Exists(table), "the session table on disk");
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
                    if (i == killAt) await server.KillAsync();
                    if (i % 10 == 0) await Task.Delay(random.Next(0, 20));
                }
                await editors.AllSavedAsync();
                output.WriteLine($"round {round}: relay killed after {killAt} of {before} saves; saved: {string.Join(", ", last.Values)}");

                await server.DisposeAsync();
                server = await RestartOnAsync(port, args);
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
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The same port again: it may take a moment for the killed process's socket to be released.</summary>
    private static async Task<ServerProcess> RestartOnAsync(int port, string[] args)
    {
        ServerProcess? restarted = null;
        await Timeouts.UntilAsync(async () =>
        {
            try
            {
                restarted = await ServerProcess.StartAsync(Secrets.Secret, args, port);
                return true;
            }
            catch (InvalidOperationException)
            {
                await Task.Delay(200);
                return false;
            }
        }, $"the relay to start again on port {port}");
        return restarted!;
    }
}
