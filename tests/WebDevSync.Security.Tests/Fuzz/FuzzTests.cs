using System.Collections.Concurrent;

namespace WebDevSync.Security.Tests.Fuzz;

/// <summary>
/// 100,000 generated hostile frames from several authenticated connections against the real relay
/// process, while alice's well-behaved agent and tab keep doing round trips.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_261_122;
    private const int TotalFrames = 100_000;
    private const int MaxMessageBytes = 256 * 1024;
    private const long MemorySlack = 100L * 1024 * 1024;

    [Fact]
    public async Task HostileFrames_NeverCrashTheServer_NeverCrossUsers_LoseNoneOfAPairsUpdates_AndMemoryReturns()
    {
        output.WriteLine($"fuzz seed {Seed}");
        await using var server = await Relays.StartAsync(Secrets.Secret,
        [
            "--message-rate-limit", "1000000", "--message-burst", "10000000", "--max-message-bytes", MaxMessageBytes.ToString(),
            "--grace-period", "1000", "--outbound-queue-limit", "65536", "--handshake-timeout", "5000",
        ]);
        var alice = "alice";
        var ids = ($"b-ALICEID-{Guid.NewGuid():N}", $"d-ALICEID-{Guid.NewGuid():N}");
        await using var agent = await Peers.AgentAsync(server.WsUrl, Secrets.Token(alice), ids.Item2, alice);
        await using var browser = await Peers.BrowserAsync(server.WsUrl, Secrets.Token(alice), ids.Item1, alice);
        var pair = new RoundTrips(browser, agent);
        for (var i = 0; i < 5; i++) await pair.RoundAsync();
        var baseRss = ProcMemory.RssBytes(server.Pid);
        output.WriteLine($"base RSS {ProcMemory.Mib(baseRss)}");

        var fuzzers = new[] { ("mallory-0", "desktop"), ("mallory-0", "browser"), ("mallory-1", "desktop"), ("mallory-1", "browser"), ("mallory-2", "none") }
            .Select((f, i) => new FuzzConnection(server.WsUrl, Secrets.Token(f.Item1), f.Item2,
                new FuzzTargets(f.Item1, $"{f.Item2[0]}-{f.Item1}-{i}", alice, [ids.Item1, ids.Item2], pair.KnownSessions), Seed + i, MaxMessageBytes + 16 * 1024))
            .ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var fuzzing = Task.WhenAll(fuzzers.Select(f => Task.Run(() => f.RunAsync(TotalFrames / fuzzers.Count))));
        while (!fuzzing.IsCompleted)
        {
            await pair.RoundAsync();
            await Task.Delay(5); // a person saving, not a benchmark: leave the fuzzers the CPU
            Assert.False(server.HasExited, "server exited during the fuzz:\n" + server.Output);
        }
        await fuzzing;
        await pair.RoundAsync();
        output.WriteLine($"fuzzing took {clock.Elapsed}; longest single send per fuzzer: {string.Join(", ", fuzzers.Select(f => $"{f.LongestSend.TotalSeconds:F1}s ({f.LongestSendFamily})"))}");

        output.WriteLine($"pair: {pair.Rounds} round trips, {pair.Updates} updates, all delivered in order");
        output.WriteLine("frames: " + string.Join(", ", Sum(fuzzers.Select(f => f.Families)).OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}")));
        output.WriteLine($"frames sent: {fuzzers.Sum(f => f.Sent)}, replies to fuzzers: {fuzzers.Sum(f => f.Received)}");
        var closes = Sum(fuzzers.Select(f => f.Closes));
        output.WriteLine("server-initiated closes: " + string.Join(", ", closes.Select(k => $"{k.Key}={k.Value}")));

        foreach (var line in server.Output.Split('\n').Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("warn", StringComparison.OrdinalIgnoreCase)).Take(20))
            output.WriteLine("server: " + line);
        Assert.False(server.HasExited);
        Assert.Empty(fuzzers.SelectMany(f => f.Violations));
        Assert.True(fuzzers.Sum(f => f.Sent) >= TotalFrames, "every generated frame was sent");
        // The only connections the server ended: one per invalid UTF-8 text frame (a WebSocket protocol error,
        // 1007 or dropped), and the unidentified socket at its handshake timeout (1008).
        var utf8 = fuzzers.Sum(f => f.Families.GetValueOrDefault("invalid-utf8"));
        var protocolErrors = closes.GetValueOrDefault("InvalidPayloadData") + closes.GetValueOrDefault("dropped");
        Assert.InRange(protocolErrors, utf8 - closes.GetValueOrDefault("PolicyViolation"), utf8); // a handshake timeout may win the race
        Assert.All(closes.Keys, k => Assert.Contains(k, new[] { "InvalidPayloadData", "dropped", "PolicyViolation" }));
        Assert.DoesNotContain("failed:", server.Output);
        Assert.DoesNotContain("Router bug", server.Output);

        // Everything the fuzzers opened ends with their grace period; then memory comes back near its base.
        await server.WaitForStatusAsync(s => RelayStatus.Sessions(s) == 0 && RelayStatus.Browsers(s) == 1 && RelayStatus.Desktops(s) == 1,
            "the fuzzers' connections and sessions to be gone");
        var peak = ProcMemory.RssBytes(server.Pid);
        long rss = peak;
        await Poll.UntilAsync(async () =>
        {
            await pair.RoundAsync(); // allocation lets the GC run and return memory
            rss = ProcMemory.RssBytes(server.Pid);
            return rss < baseRss + MemorySlack;
        }, $"RSS back under base + {ProcMemory.Mib(MemorySlack)}", TimeSpan.FromSeconds(90)).ContinueWith(t =>
        {
            output.WriteLine($"RSS after fuzz {ProcMemory.Mib(peak)}, settled {ProcMemory.Mib(rss)} ({clock.Elapsed} in all)");
            t.GetAwaiter().GetResult();
        });
    }

    private static Dictionary<string, int> Sum(IEnumerable<ConcurrentDictionary<string, int>> counts) =>
        counts.SelectMany(c => c).GroupBy(k => k.Key).ToDictionary(g => g.Key, g => g.Sum(k => k.Value));

    /// <summary>
    /// Alice's pair in lock step: open a session, three saves each awaited at the tab, close it. Every
    /// update must arrive, in order, with its content; nothing else may arrive.
    /// </summary>
    private sealed class RoundTrips(JsonWsClient browser, JsonWsClient agent)
    {
        private IReadOnlyList<string> _recent = [];
        public int Rounds, Updates;

        /// <summary>Her most recent session ids, as an attacker who watched her traffic would know them.</summary>
        public IReadOnlyList<string> KnownSessions() => Volatile.Read(ref _recent);

        public async Task RoundAsync()
        {
            var n = ++Rounds;
            var session = $"ALICESESSION-{n}-{Guid.NewGuid():N}";
            var textarea = $"ALICETEXTAREA-{n}";
            await browser.SendAsync(Msg.EditRequest(session, textarea, $"ALICE-SECRET-{n}-open"));
            var request = await agent.ExpectAsync("edit_request");
            Assert.Equal(session, request.Str("sessionId"));
            Assert.Equal($"ALICE-SECRET-{n}-open", request.Code());
            Volatile.Write(ref _recent, [.. _recent.TakeLast(31), session]); // now an attacker may know it
            for (var k = 1; k <= 3; k++)
            {
                await agent.SendAsync(Msg.CodeUpdate(session, textarea, $"ALICE-SECRET-{n}-{k}"));
                var update = await browser.ExpectAsync("code_update");
                Assert.Equal(session, update.Str("sessionId"));
                Assert.Equal($"ALICE-SECRET-{n}-{k}", update.Code());
                Assert.Equal(k, update.Seq());
                Updates++;
            }
            await browser.SendAsync(Msg.SessionClosed(session, "done"));
            var closed = await agent.ExpectAsync("session_closed");
            Assert.Equal(session, closed.Str("sessionId"));
        }
    }
}
