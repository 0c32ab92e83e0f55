using WebDevSync.Bench.Load;
using WebDevSync.Bench.Measure;
using WebDevSync.Bench.Servers;

namespace WebDevSync.Bench.Idle;

/// <summary>
/// Idle memory. <see cref="KbPerConnection"/> is the marginal cost: the RSS growth while the second half
/// of the pairs connects, divided by its connections, so fixed costs (code compiled and threads started
/// while the first connections arrive) are not spread over the connections. <see cref="GrossKbPerConnection"/>
/// is (RSS with all pairs − RSS of the fresh relay) / all connections.
/// </summary>
public sealed record IdleResult(string Server, int Pairs, int Connections, long Errors, double BaselineRssMb, double HalfRssMb, double LoadedRssMb,
    double PeakRssMb, double KbPerConnection, double GrossKbPerConnection, double ConnectSeconds, double LoadAverage);

/// <summary>Holds N connected, acknowledged pairs without traffic and reads the relay's resident memory.</summary>
public static class IdleRun
{
    public static async Task<IdleResult> RunAsync(int pairCount, ServerSpec serverSpec, string root, double settleSeconds = 3,
        Transport transport = Transport.WebSocket, string? label = null)
    {
        await using var server = await ServerProcess.StartAsync(serverSpec, root);
        using var factory = new EndFactory(transport, server, 64);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var baseline = ProcessProbe.Sample(server.Pid);
        var pairs = Enumerable.Range(0, pairCount).Select(i => new PairIdentity($"u{i}"))
            .Select(id => new Pair(factory.Create(EndRole.Browser, id), factory.Create(EndRole.Agent, id))).ToArray();
        long errors = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        async Task ConnectAsync(IEnumerable<Pair> some) =>
            await Parallel.ForEachAsync(some, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (p, ct) =>
            {
                try { await p.ConnectAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct); }
                catch (Exception) { Interlocked.Increment(ref errors); }
            });
        try
        {
            var half = pairCount / 2;
            await ConnectAsync(pairs.Take(half));
            await Task.Delay(TimeSpan.FromSeconds(settleSeconds));
            var halfway = ProcessProbe.Sample(server.Pid);
            await ConnectAsync(pairs.Skip(half));
            var connectSeconds = started.Elapsed.TotalSeconds - settleSeconds;
            await Task.Delay(TimeSpan.FromSeconds(settleSeconds));
            var loaded = ProcessProbe.Sample(server.Pid);
            var connections = pairCount * 2;
            return new IdleResult(label ?? serverSpec.Label, pairCount, connections, errors, Mb(baseline.RssBytes), Mb(halfway.RssBytes), Mb(loaded.RssBytes),
                Mb(loaded.PeakRssBytes), (loaded.RssBytes - halfway.RssBytes) / 1024.0 / ((pairCount - half) * 2),
                (loaded.RssBytes - baseline.RssBytes) / 1024.0 / connections, connectSeconds, ProcessProbe.LoadAverage());
        }
        finally
        {
            await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (p, _) => await p.DisposeAsync());
        }
    }

    private static double Mb(long bytes) => bytes / 1048576.0;
}
