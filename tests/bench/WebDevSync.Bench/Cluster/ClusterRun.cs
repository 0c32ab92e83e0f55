using WebDevSync.Bench.Load;
using WebDevSync.Bench.Measure;

namespace WebDevSync.Bench.Cluster;

/// <param name="WaitForNodes">false: connect as soon as the nodes listen, before they see each other (to reproduce start-up trouble).</param>
public sealed record ClusterSpec(Topology Topology, int Pairs, int PayloadBytes, double WarmupSeconds, double MeasureSeconds, bool WaitForNodes = true);

/// <summary>
/// One topology's figures: round trips per second, each hop's latency, and CPU per round trip of the
/// relay nodes together (the figure the issue asks for), of redis-server and of nginx, each apart.
/// </summary>
public sealed record ClusterResult(
    string Topology, int Pairs, double Seconds, long RoundTrips, double RoundTripsPerSecond, long Errors,
    Percentiles BrowserToAgentUs, Percentiles AgentToBrowserUs,
    double NodesCpuUsPerRoundTrip, double RedisCpuUsPerRoundTrip, double NginxCpuUsPerRoundTrip, double NodesPeakRssMb,
    double GeneratorCpuPercent, double LoadAverage, string? Problem)
{
    /// <summary>Could not run because the relay lacks what the topology needs: not a failure of what exists.</summary>
    public bool Pending => Problem?.StartsWith("pending:", StringComparison.Ordinal) == true;
}

/// <summary>Starts a topology, drives the pairs (WebSocket JSON, closed loop, like <c>load</c>) and tears it down.</summary>
public static class ClusterRun
{
    public static async Task<ClusterResult> RunAsync(ClusterSpec spec, string root)
    {
        ClusterTopology topology;
        try { topology = await ClusterTopology.StartAsync(spec.Topology, root, spec.WaitForNodes); }
        catch (ClusterPending e) { return Failed(spec, e.Message); }
        catch (Exception e) { return Failed(spec, $"could not start: {e.Message}"); }
        await using (topology)
        {
            var pairs = Enumerable.Range(0, spec.Pairs).Select(i => (i, id: new PairIdentity($"u{i}")))
                .Select(p => new Pair(
                    new WsEnd(topology.UrlFor(EndRole.Browser, p.i), EndRole.Browser, p.id, spec.PayloadBytes, topology.Trusted),
                    new WsEnd(topology.UrlFor(EndRole.Agent, p.i), EndRole.Agent, p.id, spec.PayloadBytes, topology.Trusted))).ToArray();
            DriveResult d;
            try { d = await PairDriver.DriveAsync(pairs, spec.WarmupSeconds, spec.MeasureSeconds, topology.CpuProbes()); }
            catch (Exception e) { return Failed(spec, $"{e.GetType().Name}: {e.Message}"); }
            double PerRoundTrip(double cpu) => d.RoundTrips == 0 ? 0 : cpu * 1e6 / d.RoundTrips;
            return new ClusterResult(ClusterTopology.Name(spec.Topology), spec.Pairs, d.Seconds, d.RoundTrips, d.RoundTrips / d.Seconds, d.Errors,
                d.BrowserToAgentUs, d.AgentToBrowserUs, PerRoundTrip(d.CpuSeconds[0]), PerRoundTrip(d.CpuSeconds[1]), PerRoundTrip(d.CpuSeconds[2]),
                topology.NodesPeakRssMb(), d.GeneratorCpuSeconds / d.Seconds * 100, d.LoadAverage, d.Errors == 0 ? null : $"{d.Errors} errors");
        }
    }

    private static ClusterResult Failed(ClusterSpec spec, string problem) =>
        new(ClusterTopology.Name(spec.Topology), spec.Pairs, 0, 0, 0, 0, Percentiles.Of([]), Percentiles.Of([]), 0, 0, 0, 0, 0, ProcessProbe.LoadAverage(), problem);
}

/// <summary>Several runs of several topologies, alternating their order run by run (the suite's and the <c>cluster</c> command's loop).</summary>
public static class ClusterRuns
{
    public static async Task<List<ClusterResult>> RunAsync(IReadOnlyList<Topology> topologies, IReadOnlyList<int> pairCounts, int runs, ClusterSpec template, string root)
    {
        var results = new List<ClusterResult>();
        for (var run = 0; run < runs; run++)
            foreach (var pairs in pairCounts)
            foreach (var topology in run % 2 == 0 ? topologies : topologies.Reverse())
            {
                var r = await ClusterRun.RunAsync(template with { Topology = topology, Pairs = pairs }, root);
                results.Add(r);
                Console.Error.WriteLine($"[bench] cluster {r.Topology,-10} {r.Pairs} pairs {r.RoundTripsPerSecond,8:F0} rt/s  err {r.Errors}  b→a p50/p99 {r.BrowserToAgentUs.P50}/{r.BrowserToAgentUs.P99} µs  a→b p50/p99 {r.AgentToBrowserUs.P50}/{r.AgentToBrowserUs.P99} µs  nodes {r.NodesCpuUsPerRoundTrip:F1} µs/rt  redis {r.RedisCpuUsPerRoundTrip:F1}  nginx {r.NginxCpuUsPerRoundTrip:F1}  load {r.LoadAverage:F1}{(r.Problem is null ? "" : "  — " + r.Problem)}");
            }
        return results;
    }
}
