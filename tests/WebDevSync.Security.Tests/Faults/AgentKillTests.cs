namespace WebDevSync.Security.Tests.Faults;

/// <summary>
/// kill -9 of the real agent in the middle of a stream of saves, three times, while its editors (real
/// processes that outlive it, like GUI editors' windows) keep saving; started again it finds its state
/// file, re-announces the sessions, watches the files again and sends what was saved meanwhile.
/// </summary>
public sealed class AgentKillTests(ITestOutputHelper output)
{
    private static readonly string[] Sessions = ["s-alpha", "s-beta", "s-gamma"];

    [Fact]
    public async Task RealAgentKilledMidStream_AndRestarted_TheTabEndsWithTheLastSavedContentOfEverySession()
    {
        const int seed = 61;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        using var temp = new TempDirectory("wds-agent-kill-");
        var dir = temp.Path;
        var editors = new DetachedEditors(dir);
        await using var server = await Relays.StartAsync(Secrets.Secret);
        await using var tab = new Tab(server.WsUrl, Secrets.Token("alice"), "b-alice", "alice");
        await tab.ConnectAsync();
        var agent = RealAgentProcess.Start(server.WsUrl, Secrets.Token("alice"), "alice", dir);
        try
        {
            await agent.WaitForLineAsync(l => l == "connected", "connected");
            var files = new Dictionary<string, string>();
            foreach (var s in Sessions)
            {
                await tab.OpenAsync(s, $"{s} v0");
                files[s] = await editors.FileAsync("-" + s.Replace("-", "") + ".");
            }
            var last = Sessions.ToDictionary(s => s, s => $"{s} v0");
            var n = 0;
            for (var round = 0; round < 3; round++)
            {
                // A burst of saves, and the kill lands wherever the agent happens to be in it.
                var burst = random.Next(20, 200);
                var killAt = random.Next(0, burst);
                for (var i = 0; i < burst; i++, n++)
                {
                    var s = Sessions[n % 3];
                    editors.Queue(files[s], last[s] = $"{s} save {n}");
                    if (i == killAt) agent.Kill();
                }
                agent.Kill();
                await editors.AllSavedAsync(); // the user went on saving while no agent ran
                agent.Dispose();
                output.WriteLine($"round {round}: killed after {killAt} of {burst} saves; saved: {string.Join(", ", last.Values)}");

                agent = RealAgentProcess.Start(server.WsUrl, Secrets.Token("alice"), "alice", dir);
                foreach (var s in Sessions) await agent.WaitForLineAsync(l => l.StartsWith($"session_resumed {s} ", StringComparison.Ordinal), $"session_resumed {s}");
                foreach (var (s, code) in last) await tab.WaitForAsync(s, code);
            }
            // It watches the files again: a save after the last restart arrives too.
            editors.Queue(files["s-beta"], "s-beta final");
            await tab.WaitForAsync("s-beta", "s-beta final");
            await server.WaitForStatusAsync(s => RelayStatus.Desktops(s) == 1 && RelayStatus.Sessions(s) == 3, "one agent and three sessions");
        }
        finally
        {
            agent.Dispose();
            editors.Close();
            await Task.Delay(100);
        }
    }
}
