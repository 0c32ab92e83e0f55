using WebDevSync.TestKit.Net;

namespace WebDevSync.Security.Tests.Faults;

/// <summary>A tab whose TCP connection is cut (through a proxy) at random moments during a stream of saves.</summary>
public sealed class BrowserDropTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TabCutAtRandomMomentsDuringSaves_ReconnectsWithCursors_AndEndsWithTheLastContentOfEverySession()
    {
        const int seed = 4242;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        // The agent saves faster than the default 200 messages/s; past that its saves would be dropped (RATE_LIMITED).
        await using var server = await Relays.StartAsync(Secrets.Secret, ["--message-rate-limit", "100000", "--message-burst", "100000"]);
        await using var proxy = new TcpProxy(server.Port);
        await using var agent = await Peers.AgentAsync(server.WsUrl, Secrets.Token("alice"), "d-alice", "alice");
        await using var tab = new Tab(new Uri($"ws://127.0.0.1:{proxy.Port}/web-dev-sync/ws"), Secrets.Token("alice"), "b-alice", "alice");
        await tab.ConnectAsync();
        var sessions = new[] { "s-1", "s-2", "s-3", "s-4" };
        foreach (var s in sessions)
        {
            await tab.OpenAsync(s, $"{s} v0");
            await agent.WaitForAsync("edit_request", r => r.Str("sessionId") == s);
        }

        // The tab reconnects whenever it is cut, as the browser library does.
        using var stop = new CancellationTokenSource();
        var reconnecting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (!tab.Connected) await tab.TryConnectAsync();
                await Task.Delay(2);
            }
        });
        var last = sessions.ToDictionary(s => s, s => $"{s} v0");
        for (var i = 0; i < 600; i++)
        {
            var s = sessions[random.Next(sessions.Length)];
            last[s] = $"{s} save {i}";
            await agent.SendAsync(Msg.CodeUpdate(s, "t-" + s, last[s]));
            if (random.Next(25) == 0) proxy.ResetAll();
            if (random.Next(10) == 0) await Task.Delay(random.Next(1, 15));
        }
        await agent.AssertNothingPendingAsync(); // every save was routed (no error came back)
        try
        {
            foreach (var (s, code) in last) await tab.WaitForAsync(s, code);
        }
        finally
        {
            await stop.CancelAsync();
            await reconnecting; // surfaces a reconnect that failed for an unexpected reason
        }
        output.WriteLine($"{proxy.Cuts} cuts, {tab.Updates} updates applied by the tab, {tab.ConnectTimeouts} connect attempts unanswered");
        Assert.True(proxy.Cuts >= 10, "the connection was really cut, many times");
    }
}
