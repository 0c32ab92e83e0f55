using System.Text.Json;

namespace WebDevSync.Security.Tests.SlowReader;

/// <summary>
/// A tab that stops reading (a raw socket with a 4 KiB receive buffer, so TCP pushes back at once) while
/// its agent saves 10,000 times: the relay's memory stays bounded, and the tab gets the newest content
/// when it reads again, or after it was cut off as a slow reader and reconnected.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class SlowReaderTests(ITestOutputHelper output)
{
    private const int Saves = 10_000;
    private const long MemoryBound = 100L * 1024 * 1024;

    private static readonly string[] Options =
        ["--message-rate-limit", "1000000", "--message-burst", "1000000", "--heartbeat-interval", "3600000"];

    [Fact]
    public async Task TabThatStopsReading_WhileItsAgentSaves10000Times_KeepsMemoryBounded_AndReadsTheNewestContentAfter()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret, Options);
        var sessions = Enumerable.Range(1, 4).Select(i => $"s-{i}").ToArray();
        await using var agent = await Peers.AgentAsync(server.WsUrl, Secrets.Token("alice"), "d-alice", "alice");
        await using var tab = await OpenTabAsync(server, agent, sessions);
        var baseRss = ProcMemory.RssBytes(server.Pid);

        // 10,000 saves of 16 KiB each, as docs/SECURITY.md says (160 MiB on the wire, 320 MiB as .NET strings), while the tab reads nothing.
        var last = await SaveAsync(agent, sessions, 16 * 1024);
        var rss = ProcMemory.RssBytes(server.Pid);
        output.WriteLine($"RSS base {ProcMemory.Mib(baseRss)}, after {Saves} unread saves {ProcMemory.Mib(rss)}");
        Assert.True(rss < baseRss + MemoryBound, $"RSS grew from {ProcMemory.Mib(baseRss)} to {ProcMemory.Mib(rss)}");

        // Reading again: updates of one session were replaced in the queue by newer ones; the newest arrives.
        var seen = new Dictionary<string, string>();
        var frames = 0;
        while (sessions.Any(s => seen.GetValueOrDefault(s) != last[s]))
        {
            var text = await tab.ReadTextAsync().WaitAsync(Timeouts.Wait) ?? throw new Xunit.Sdk.XunitException($"closed ({tab.CloseCode} {tab.CloseReason}) before the newest content arrived");
            frames++;
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.Str("type") == "code_update") seen[json.RootElement.Str("sessionId")] = json.RootElement.Code();
        }
        output.WriteLine($"the tab read {frames} messages for {Saves} saves");
        Assert.True(frames < Saves, "queued updates of the same session were coalesced");
    }

    [Fact]
    public async Task TabThatStaysBehindPastTheQueueBound_IsCutOffAsASlowReader_AndGetsTheNewestOfEverySessionOnReconnect()
    {
        // The smallest queue the relay accepts for 40 sessions: updates of a session replace each other, so
        // saves alone never fill it; the tab's own unanswered pings (each pong is queued) push it past.
        await using var server = await Relays.StartAsync(Secrets.Secret, [.. Options, "--max-sessions-per-user", "40", "--outbound-queue-limit", "48"]);
        var sessions = Enumerable.Range(1, 40).Select(i => $"s-{i}").ToArray();
        await using var agent = await Peers.AgentAsync(server.WsUrl, Secrets.Token("alice"), "d-alice", "alice");
        var tab = await OpenTabAsync(server, agent, sessions);
        var baseRss = ProcMemory.RssBytes(server.Pid);

        var last = await SaveAsync(agent, sessions, 4 * 1024);
        for (var i = 0; i < 100; i++) await tab.SendTextAsync(Msg.Ping);
        var rss = ProcMemory.RssBytes(server.Pid);
        output.WriteLine($"RSS base {ProcMemory.Mib(baseRss)}, after {Saves} unread saves {ProcMemory.Mib(rss)}");
        Assert.True(rss < baseRss + MemoryBound, $"RSS grew from {ProcMemory.Mib(baseRss)} to {ProcMemory.Mib(rss)}");

        // Reading again: what was in flight, then the relay's close (1008, slow reader).
        await using var resumed = new Tab(server.WsUrl, Secrets.Token("alice"), "b-alice", "alice");
        foreach (var s in sessions) resumed.Latest[s] = (0, $"{s} v0");
        while (await tab.ReadTextAsync().WaitAsync(Timeouts.Wait) is { } text)
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.Str("type") == "code_update")
                resumed.Latest[json.RootElement.Str("sessionId")] = (json.RootElement.Seq(), json.RootElement.Code());
        }
        await tab.DisposeAsync();
        output.WriteLine($"closed with {tab.CloseCode} '{tab.CloseReason}'");
        Assert.Equal(1008, tab.CloseCode);
        Assert.Contains("slow reader", tab.CloseReason);

        // The same tab (connectionId and the seqs it has) comes back and gets every session's newest content.
        await resumed.ConnectAsync();
        foreach (var s in sessions) await resumed.WaitForAsync(s, last[s]);
    }

    /// <summary>A tab on a raw socket that opened <paramref name="sessions"/> and then stops reading.</summary>
    private static async Task<RawWebSocket> OpenTabAsync(RelayProcess server, JsonWsClient agent, string[] sessions)
    {
        var tab = await RawWebSocket.ConnectAsync(server.WsUrl, Secrets.Token("alice"));
        await tab.SendTextAsync(Msg.BrowserConnect("b-alice", "alice"));
        Assert.Contains("connection_ack", await tab.ReadTextAsync());
        Assert.Contains("desktop_status", await tab.ReadTextAsync());
        foreach (var s in sessions)
        {
            await tab.SendTextAsync(Msg.EditRequest(s, "t-" + s, $"{s} v0"));
            await agent.WaitForAsync("edit_request", r => r.Str("sessionId") == s);
        }
        return tab;
    }

    /// <summary>The agent saves <see cref="Saves"/> times round the sessions; returns each one's last content.</summary>
    private static async Task<Dictionary<string, string>> SaveAsync(JsonWsClient agent, string[] sessions, int size)
    {
        var filler = new string('x', size);
        var last = new Dictionary<string, string>();
        for (var i = 0; i < Saves; i++)
        {
            var s = sessions[i % sessions.Length];
            last[s] = $"{s} save {i} {filler}";
            await agent.SendAsync(Msg.CodeUpdate(s, "t-" + s, last[s]));
        }
        await agent.AssertNothingPendingAsync(); // the relay routed every save
        return last;
    }
}
